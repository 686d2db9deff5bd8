"""Event names beyond "Battle of X": laws, plans, charges, days, dated upheavals.

Invented names throughout, so nothing depends on what the model has memorised.
"""

import pytest

from content.ingest.event_patterns import name_end
from content.ingest.nlp import analyse
from content.ingest.parse import parse_document
from content.ingest.types import EVENT, ORGANIZATION, PERSON

CHRONICLE = """# The Varnian chronicle

The Belmor Act of 1790 closed the common land. The Sale of the Land Act 1810 sold it again. \
The Cat and Dog Act was mocked in the press. The Declaration of the Rights of Varn and of \
the Citizen was read aloud in 1791.

The Second Treaty of Oskar was harsher than the first. The Varn Wars of Religion lasted \
thirty years, and the Osk and Belmor Wars followed them. Anna Varn led the Charge of the \
Grey Brigade. The Pilgrimage of Mercy broke out in the north, and the Rising of the West \
failed. Rebels issued the Plan of Tarvo in 1811.

The Belmor Protocol ended the fighting. The Osk Resolution asked for a state. The Varn \
Decrees silenced the press. The Harbour Oath was sworn in 1812. The Four Power Agreement on \
Tarvo followed in 1820. In the Osk spring offensive the line broke. The Varnian crisis \
nearly led to war.

Europe was shaken by the revolutions of 1830 and 1848. Troops were sent in an operation \
code-named Tidewater. Crowds marked Free Varn Day on 3 May 1840, and the Day of Ashes \
followed. Small victories kept the Reformation alive.

The invasion failed. The siege of the Varnian capital lasted a year. Anna Varn's invasion \
was repulsed. Veterans visit the Osk War Memorial Museum. The Peace of Tarvo of May 1835 \
held. The Edict of Oskar, also called the Edict of January, allowed worship. Later Peter Day \
wrote about it on 9 November 1841. The Varnian National Congress met in Belmor.
"""


@pytest.fixture(scope="module")
def entities():
    result = analyse(parse_document(CHRONICLE, "chronicle.md"))
    return {e.name: e for e in result.entities}


def events(entities):
    return {name for name, e in entities.items() if e.kind == EVENT}


@pytest.mark.parametrize(
    "name",
    ["Declaration of the Rights of Varn and of the Citizen", "Second Treaty of Oskar",
     "Varn Wars of Religion", "Osk and Belmor Wars", "Charge of the Grey Brigade",
     "Pilgrimage of Mercy", "Rising of the West", "Plan of Tarvo", "Belmor Protocol",
     "Osk Resolution", "Varn Decrees", "Harbour Oath", "Four Power Agreement on Tarvo",
     "Osk spring offensive", "Varnian crisis", "revolutions of 1830 and 1848", "Tidewater",
     "Free Varn Day", "Day of Ashes", "Reformation", "Peace of Tarvo", "Edict of January"],
)
def test_it_finds_events_named_in_many_shapes(entities, name):
    assert name in events(entities)


@pytest.mark.parametrize(
    ("name", "dated"),
    [("Belmor Act", "Belmor Act of 1790"), ("Sale of the Land Act", "Sale of the Land Act 1810"),
     ("Cat and Dog Act", None)],
)
def test_a_law_is_named_without_its_year_which_stays_an_alias(entities, name, dated):
    assert entities[name].kind == EVENT
    if dated:
        assert dated in entities[name].aliases


def test_common_nouns_possessors_and_dates_are_not_events(entities):
    found = events(entities)
    assert not {"invasion", "siege of the Varnian", "Anna Varn's invasion", "9 November 1841",
                "9 November", "Peace of Tarvo of May 1835"} & found
    assert not any("Museum" in name for name in found)


def test_people_and_assemblies_keep_their_kind(entities):
    assert entities["Anna Varn"].kind == PERSON
    assert "Peter Day" not in events(entities)
    assert entities["Varnian National Congress"].kind == ORGANIZATION


@pytest.mark.parametrize(
    ("text", "name"),
    [("Belmor Act of 1790", "Belmor Act"), ("the Osk War of 1801–1803", "the Osk War"),
     ("Bill of Rights 1702", "Bill of Rights"), ("Constitution of 1790", "Constitution of 1790"),
     ("the revolutions of 1830 and 1848", "the revolutions of 1830 and 1848"),
     ("Treaty of Oskar", "Treaty of Oskar")],
)
def test_a_closing_year_is_cut_only_when_a_name_is_left(text, name):
    assert text[: name_end(text)] == name
