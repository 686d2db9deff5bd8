"""Facts: dated events, lifespans, quantities, relations and roles."""

import pytest

from content.ingest.pipeline import extract
from content.ingest.report import extraction_report
from content.ingest.types import DATED_EVENT, LIFESPAN, QUANTITY, RELATION, ROLE

DOC = """(clockwise from top left)Vaccination in a village

A laboratory in Paris

Children queueing for injections
Edward Jenner in 1800
Louis Pasteur with French President Sadi Carnot in June 1888
Jonas Salk (1914–1995), who developed the first polio vaccine
The 1918 influenza epidemic killed approximately 50 million people.
The campaign vaccinated 1,200 children in three days.
Mary Montagu, the wife of Edward Wortley Montagu, promoted inoculation
Edward Jenner and his son Robert Jenner in 1805
Type 92 vials and Model 24 syringes in the museum
Pasteur Institute Director Émile Roux

He tested the vaccine on James Phipps in May 1796.

- Edward Jenner
"""


@pytest.fixture(scope="module")
def extraction():
    return extract(DOC, "vaccines.txt")


def facts_of(extraction, kind):
    return [f for f in extraction.facts if f.kind == kind]


def subject_name(extraction, fact):
    entity = extraction.entity(fact.subject)
    return entity.name if entity else None


def test_one_dated_fact_per_date_with_a_context_clause(extraction):
    fact = next(f for f in facts_of(extraction, DATED_EVENT) if f.date.text == "June 1888")
    assert fact.context == "Louis Pasteur with French President Sadi Carnot"
    text = extraction.passages[fact.passage].text
    assert text[fact.span[0] : fact.span[1]] == "June 1888"
    assert subject_name(extraction, fact) == "Louis Pasteur"


def test_a_pronoun_in_an_excerpt_makes_the_topic_the_subject(extraction):
    fact = next(f for f in facts_of(extraction, DATED_EVENT) if f.date.text == "May 1796")
    assert subject_name(extraction, fact) == "Edward Jenner"


def test_a_name_with_years_in_parentheses_is_a_lifespan(extraction):
    (fact,) = facts_of(extraction, LIFESPAN)
    assert subject_name(extraction, fact) == "Jonas Salk"
    assert (fact.date.year, fact.date.end_year) == (1914, 1995)
    assert not any(f.date and f.date.year == 1914 for f in facts_of(extraction, DATED_EVENT))


def test_quantities_have_a_value_and_a_unit(extraction):
    found = {(f.value, f.unit) for f in facts_of(extraction, QUANTITY)}
    assert {(50_000_000, "people"), (1200, "children"), (3, "days")} <= found


def test_labels_and_years_are_not_quantities(extraction):
    values = {f.value for f in facts_of(extraction, QUANTITY)}
    assert not values & {92, 24, 1918, 1888}


def test_kinship_relations_from_generic_patterns(extraction):
    relations = {(subject_name(extraction, f), f.relation,
                  extraction.entity(f.object).name if f.object else None)
                 for f in facts_of(extraction, RELATION)}
    assert ("Robert Jenner", "son of", "Edward Jenner") in relations
    assert ("Mary Montagu", "wife of", "Edward Wortley Montagu") in relations


def test_titles_before_a_name_are_roles_with_their_owner(extraction):
    roles = {(subject_name(extraction, f), f.answer) for f in facts_of(extraction, ROLE)}
    assert ("Sadi Carnot", "President") in roles
    roux = next(f for f in facts_of(extraction, ROLE)
                if subject_name(extraction, f) == "Émile Roux")
    assert roux.relation == "director of"
    assert extraction.entity(roux.object).name == "Pasteur Institute"


def test_the_report_has_the_stable_shape(extraction):
    report = extraction_report(extraction)
    assert set(report) == {"document", "passages", "entities", "facts", "figures"}
    assert set(report["document"]) == {"title", "layout", "version"}
    assert set(report["passages"][0]) == {"text", "kind", "topic", "sensitive", "reason"}
    assert set(report["entities"][0]) == {"name", "kind", "aliases"}
    assert set(report["facts"][0]) == {"kind", "passage", "subject", "answer", "date", "year",
                                       "end_year", "value", "unit", "relation", "object"}
    assert all(isinstance(f["passage"], str) for f in report["facts"])


def test_extract_reports_progress_in_order():
    seen = []
    extract("Jenner tested a vaccine in 1796.", "x.txt", progress=lambda s, p: seen.append(p))
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 100
