"""Entities from the spaCy pass plus generic patterns (loads the small English model)."""

import pytest

from content.ingest.nlp import analyse, normalize_key
from content.ingest.parse import parse_document
from content.ingest.types import EVENT, GROUP, ORGANIZATION, PERSON, PLACE

BIOGRAPHY = """(clockwise from top left)Union soldiers before the Siege of Petersburg

Troops at the Battle of Hampton Roads

A hospital in Virginia
President Abraham Lincoln with General George B. McClellan at Antietam, October 1862
Lincoln in 1863
Lincoln and his wife Mary Todd Lincoln in 1861
Frederick Douglass (道格拉斯, "Fred", 1818–1895), abolitionist and writer
Union Army Commander William Tecumseh Sherman
Sherman in 1865
Lincoln at the Lincoln Memorial in Washington
The New York City draft riots of July 1863
The bombing of Dresden in February 1945
Operation Overlord began in June 1944
Lincoln with Lincoln in 1864

He was elected president of the United States in 1860.

- Abraham Lincoln

The war began in 1861 after the Fort Sumter Incident.

- American Civil War
"""


@pytest.fixture(scope="module")
def result():
    doc = parse_document(BIOGRAPHY, "lincoln.txt")
    return doc, analyse(doc)


def by_kind(result, kind):
    return {e.name for e in result[1].entities if e.kind == kind}


def entity(result, name):
    return next(e for e in result[1].entities if e.name == name)


def test_it_finds_events_with_generic_patterns(result):
    events = by_kind(result, EVENT)
    assert {"Siege of Petersburg", "Battle of Hampton Roads", "bombing of Dresden",
            "Operation Overlord", "New York City draft riots",
            "Fort Sumter Incident"} <= events


def test_one_person_is_one_entity_with_titles_stripped_and_short_forms_joined(result):
    people = by_kind(result, PERSON)
    assert {"Abraham Lincoln", "George B. McClellan", "William Tecumseh Sherman"} <= people
    assert "President Abraham Lincoln" not in people and "Lincoln" not in people
    assert "Lincoln" in entity(result, "Abraham Lincoln").aliases
    assert "Sherman" in entity(result, "William Tecumseh Sherman").aliases


def test_a_longer_name_sharing_the_surname_stays_a_different_person(result):
    assert "Mary Todd Lincoln" in by_kind(result, PERSON)


def test_names_in_parentheses_become_aliases(result):
    douglass = entity(result, "Frederick Douglass")
    assert "道格拉斯" in douglass.aliases and "Fred" in douglass.aliases
    assert not any(e.name == "道格拉斯" for e in result[1].entities)


def test_places_by_head_noun_and_model(result):
    places = by_kind(result, PLACE)
    assert {"Lincoln Memorial", "Washington", "Virginia", "United States"} <= places


def test_organizations_and_groups(result):
    assert "Union Army" in by_kind(result, ORGANIZATION)
    assert all(e.kind != GROUP or e.name[0].isupper() for e in result[1].entities)


def test_a_leading_pronoun_in_an_excerpt_refers_to_the_person_topic(result):
    doc, nlp = result
    index = next(i for i, p in enumerate(doc.passages) if p.text.startswith("He was elected"))
    pronoun = [m for m in nlp.by_passage[index] if m.text == "He"]
    assert pronoun and pronoun[0].entity == normalize_key("Abraham Lincoln")


def test_a_pronoun_is_not_resolved_when_the_topic_is_not_a_person(result):
    doc, nlp = result
    index = next(i for i, p in enumerate(doc.passages) if p.text.startswith("The war began"))
    assert all(m.text.lower() not in ("he", "she") for m in nlp.by_passage.get(index, []))


def test_junk_is_not_an_entity(result):
    keys = {e.key for e in result[1].entities}
    assert not keys & {"1863", "he", "overall", "0 links", "july 1863"}


@pytest.mark.parametrize(
    ("name", "key"),
    [("The Battle of Gettysburg", "battle of gettysburg"), ("Chiang  Ching-kuo", "chiang chingkuo"),
     ("ＵＳＡ", "usa"), ("Shinzō Abe", "shinzō abe")],
)
def test_entity_keys_are_normalised(name, key):
    assert normalize_key(name) == key
