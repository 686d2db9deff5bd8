"""Entities from the spaCy pass plus generic patterns (loads the small English model)."""

import pytest

from content.ingest.kind_votes import thing_kind
from content.ingest.names import normalize_key
from content.ingest.nlp import analyse
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


# Events beyond "Battle of X", titles, and what counts as an organisation
# (invented names, so nothing depends on what the model has memorised).

EVENTS = """# The Age of Treaties

The Treaty of Arden ended the war in 1712. The Norland Revolution began in 1788. \
The Harbour Act was passed in 1801. The Diet of Brenz met in 1530. The Kessel Rebellion \
broke out in 1641. Operation Tidewater began in June 1944.

The Conference of Ostend opened in 1899. The Siege of Marlow lasted six months. The \
Congress of Amber redrew the map in 1815. The Edict of Amber granted tolerance. The Lantern \
Speech was given in 1946. The Bridge Incident started the fighting. The Salt Uprising spread \
to the coast. During the Great Northern War the port was blockaded.

Emperor Aldric ruled the northern provinces from 1201. Aldric died in 1230. King Osric II \
signed the Treaty of Arden. Osric II was crowned in 1700.
"""


@pytest.fixture(scope="module")
def events_result():
    doc = parse_document(EVENTS, "treaties.md")
    return doc, analyse(doc)


@pytest.mark.parametrize(
    "name",
    ["Treaty of Arden", "Norland Revolution", "Harbour Act", "Diet of Brenz", "Kessel Rebellion",
     "Operation Tidewater", "Conference of Ostend", "Siege of Marlow", "Congress of Amber",
     "Edict of Amber", "Lantern Speech", "Bridge Incident", "Salt Uprising"],
)
def test_events_of_every_kind_are_found(events_result, name):
    assert name in by_kind(events_result, EVENT)


def test_a_leading_preposition_is_not_part_of_an_event_name(events_result):
    events = by_kind(events_result, EVENT)
    assert "Great Northern War" in events
    assert "During the Great Northern War" not in events


def test_a_sovereigns_title_is_kept_and_the_bare_name_is_an_alias(events_result):
    people = by_kind(events_result, PERSON)
    assert {"Emperor Aldric", "King Osric II"} <= people
    assert "Aldric" not in people and "Osric II" not in people
    assert "Aldric" in entity(events_result, "Emperor Aldric").aliases


def test_organisations_must_look_like_or_act_as_organisations():
    from collections import Counter

    from content.ingest.kind_votes import check_organisations

    names = {
        "late rally": "Late Rally",  # a headline fragment: dropped
        "harbor trading company": "Harbor Trading Company",  # an org head noun
        "ulf": "ULF",  # an acronym
        "kessel": "Kessel",  # "the Kessel government": used as an organisation
        "marta quell": "Marta Quell",  # "Marta Quell, who ...": a person
        "vosk": "Vosk",  # the family name of "Ilse Vosk": a person
        "orlen": "Orlen",  # read as a place elsewhere: a place
        "western empire": "Western Empire",  # a state: a place
    }
    kind_of = dict.fromkeys(names, ORGANIZATION)
    votes = {key: Counter({ORGANIZATION: 2}) for key in names}
    votes["orlen"][PLACE] += 1
    usage = {key: Counter() for key in names}
    usage["kessel"]["org"] += 1
    usage["marta quell"]["person"] += 1
    check_organisations(kind_of, votes, usage, names, {"vosk"})
    assert kind_of == {
        "late rally": None, "harbor trading company": ORGANIZATION, "ulf": ORGANIZATION,
        "kessel": ORGANIZATION, "marta quell": PERSON, "vosk": PERSON, "orlen": PLACE,
        "western empire": PLACE,
    }


def test_a_person_named_with_who_or_a_lifespan_is_not_an_organisation():
    text = ("# Guilds\n\nThe Weavers' Guild was led by Halvard Brenning, who founded it in "
            "1820. Brenning (1790–1851) wrote its charter. Members of the Weavers' Guild "
            "met weekly.\n")
    result = analyse(parse_document(text, "guilds.md"))
    kinds = {e.name: e.kind for e in result.entities}
    assert kinds.get("Halvard Brenning") == PERSON
    assert ORGANIZATION not in {kinds.get(n) for n in ("Halvard Brenning", "Brenning")}


@pytest.mark.parametrize(("name", "kind"), [
    ("Belmor Railway", ORGANIZATION), ("Osk Canal", PLACE), ("Varnian Act", EVENT),
    ("Ilsa Dren", None), ("Belmor", None),
])
def test_a_name_voted_a_person_keeps_the_kind_its_head_noun_gives(name, kind):
    assert thing_kind(name) == kind


def test_a_building_named_like_a_saint_is_a_place_and_keeps_its_namesake_apart():
    """ "The church of Hagia X" and "a synod held in Hagia Y" are buildings: the empress X
    the document also names is not their short form (a judge saw the church "move troops")."""
    from content.ingest.pipeline import extract

    ex = extract(
        "The great cross in the apse of the church of Sancta Ilsa in Varn was rebuilt in 1402. "
        "A synod held in Sancta Morna that year restored the images. "
        "The mosaic in the apse of Sancta Morna was unveiled in 1409. "
        "When Osk died, his widow Ilsa became regent. Ilsa called the council again in 1410.",
        "varnia.txt")
    kinds = {e.name: e.kind for e in ex.entities}
    assert kinds.get("Sancta Ilsa") == PLACE
    assert kinds.get("Sancta Morna") == PLACE
    assert kinds.get("Ilsa") == PERSON


def test_a_name_runs_on_through_its_particles_and_a_one_word_name_keeps_its_epithet():
    """The model stopped "Cosimo de' Medici" at "de'" and "John of Damascus" at "John":
    judges saw "Cosimo De gave …" and "____ of Damascus"."""
    from content.ingest.pipeline import extract

    ex = extract(
        "Lorenzo de' Varni paid for the rebuilding of the convent in 1437. "
        "Giovanni di Bicci de' Varni founded the Varni Bank in 1397. "
        "John of Belmor wrote three treatises in defence of images.", "varnia.txt")
    people = {e.name for e in ex.entities if e.kind == PERSON}
    assert {"Lorenzo de' Varni", "Giovanni di Bicci de' Varni", "John of Belmor"} <= people, people
    assert not any(name.endswith((" de", " de'", " di")) or name == "John" for name in people)
