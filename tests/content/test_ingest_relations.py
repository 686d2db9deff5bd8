"""Relation and role facts from generic English patterns (no document-specific words)."""

import pytest

from content.ingest.pipeline import extract
from content.ingest.relations import demonym_stem
from content.ingest.types import RELATION, ROLE

DOC = """(clockwise from top left)A school room in a village

A harbour at dawn
Marie Dubois, the wife of Henri Dubois
Henri Dubois and his wife Marie Dubois in 1890
Peter Brown's wife Anna Brown at the harbour in 1880
Colonel Arthur Penn's Northern Army crossing the river
The 9th Ohio Regiment under Samuel Brooks at the bridge
Samuel Brooks, commander of the Western Army
Paris, the capital of France
The Royal Botanic Society, founded by Emma Clarke in 1801
Olaf Berg with Swedish Prime Minister Lars Vik in Sweden in 1955
Olaf Berg and Nils Dahl in 1950
Arthur Penn commanded the Northern Army until 1864.
Thomas Reed surrendered to Arthur Penn in 1865.
Norway and Sweden signed the Treaty of Karlstad in 1905.

Edward Stone was a surveyor. His son and successor George Stone led the Survey Office.

- Edward Stone
"""


@pytest.fixture(scope="module")
def extraction():
    return extract(DOC, "people.txt")


def triples(extraction, kinds=(RELATION,)):
    out = set()
    for f in extraction.facts:
        if f.kind in kinds and f.subject and f.object:
            out.add((extraction.entity(f.subject).name, f.relation,
                     extraction.entity(f.object).name))
    return out


def test_kinship_from_appositive_possessive_and_pronoun(extraction):
    found = triples(extraction)
    assert ("Marie Dubois", "wife of", "Henri Dubois") in found
    assert ("Anna Brown", "wife of", "Peter Brown") in found


def test_the_answer_is_the_subject_and_its_span_points_at_it(extraction):
    fact = next(f for f in extraction.facts if f.kind == RELATION and f.relation == "wife of"
                and extraction.entity(f.subject).name == "Anna Brown")
    text = extraction.passages[fact.passage].text
    assert fact.answer == "Anna Brown"
    assert text[fact.span[0] : fact.span[1]] == "Anna Brown"


def test_command_from_possessive_under_appositive_and_verb(extraction):
    found = triples(extraction)
    assert ("Arthur Penn", "commander of", "Northern Army") in found
    assert ("Samuel Brooks", "commander of", "Western Army") in found
    assert any(s == "Samuel Brooks" and r == "commander of" and "Ohio Regiment" in o
               for s, r, o in found)


def test_a_possessive_answer_drops_the_apostrophe(extraction):
    for f in extraction.facts:
        if f.kind == RELATION:
            assert not f.answer.endswith(("'s", "’s"))


def test_capital_founder_and_surrender(extraction):
    found = triples(extraction)
    assert ("Paris", "capital of", "France") in found
    assert ("Emma Clarke", "founder of", "Royal Botanic Society") in found
    assert ("Thomas Reed", "surrendered to", "Arthur Penn") in found


def test_treaty_signatories_are_parties(extraction):
    found = triples(extraction)
    assert ("Norway", "party to", "Treaty of Karlstad") in found
    assert ("Sweden", "party to", "Treaty of Karlstad") in found


def test_a_caption_with_two_people_pictures_them_together(extraction):
    found = triples(extraction)
    assert ("Olaf Berg", "pictured with", "Lars Vik") in found
    # "A and B in 1950" may be two separate pictures: no relation.
    assert not any(s == "Olaf Berg" and o == "Nils Dahl" for s, _, o in found)


def test_a_demonym_title_owner_is_the_country(extraction):
    roles = triples(extraction, (ROLE,))
    assert ("Lars Vik", "prime minister of", "Sweden") in roles


def test_a_rank_with_a_side_is_not_a_relation():
    ex = extract("Union General Mark Stone at the ford\nLincoln visited the camp.", "x.txt")
    assert not [f for f in ex.facts if f.kind == RELATION and f.relation == "general of"]


def test_his_son_in_an_excerpt_is_the_topics_son(extraction):
    found = triples(extraction)
    assert ("George Stone", "son of", "Edward Stone") in found
    assert ("George Stone", "successor of", "Edward Stone") in found


def test_demonym_stems():
    assert demonym_stem("Japanese") == "japan"
    assert demonym_stem("Swedish") == "swed"
    assert demonym_stem("Korean") == "kore"


def test_a_person_of_a_unit_is_a_member_of_it():
    ex = extract("A photo of the harbour taken by Karl Weber of the 4th Signal Corps\n"
                 "Karl Weber in 1917", "unit.txt")
    found = triples(ex)
    assert any(s == "Karl Weber" and r == "member of" and "Signal Corps" in o
               for s, r, o in found)
