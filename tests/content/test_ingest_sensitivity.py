"""Graphic passages are flagged with a human reason; ordinary history is not."""

import pytest

from content.ingest.sensitivity import flag_passages, sensitivity_reason
from content.ingest.types import CAPTION, SENTENCE, Passage


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("A prisoner about to be beheaded by an officer", "graphic violence: beheaded"),
        ("Soldiers murdered all but two of the villagers", "killing: murdered"),
        ("A woman and her daughters were raped", "sexual violence: raped"),
        ("Corpses of civilians along the road", "human remains: corpses"),
        ("A mass grave outside the town", "human remains: mass grave"),
        ("Prisoners being buried alive", "graphic violence: buried alive"),
        ("Deserters executed by firing squad", "killing: executed"),
        ("Confederate dead gathered for burial near the farm", "human remains"),
        ("A war crime against a prisoner", "war crime: war crime"),
        ("Skeletons of the famine's victims", "human remains: skeletons"),
    ],
)
def test_graphic_passages_are_flagged_with_a_reason(text, reason):
    assert sensitivity_reason(text, SENTENCE).startswith(reason)


@pytest.mark.parametrize(
    "text",
    [
        "The war remains a major roadblock for relations between the two states.",
        "The Boston Massacre in 1770 inflamed opinion in the colonies.",
        "The Rape of Lucretia is a Roman legend.",
        "The battle had more than 50,000 men killed, wounded, captured or missing.",
        "The general executed the plan in three days.",
        "A memorial for victims of the famine",
        "Politicians argued about the deaths in the city.",
    ],
)
def test_ordinary_history_is_not_flagged(text):
    assert sensitivity_reason(text, CAPTION) == ""


def test_a_caption_showing_victims_is_flagged_but_a_sentence_naming_them_is_not():
    assert sensitivity_reason("Victims of the flood on the river bank", CAPTION)
    assert not sensitivity_reason("Victims of the flood received aid.", SENTENCE)


def test_flag_passages_sets_the_fields_and_counts():
    passages = [Passage("A boy killed by a soldier", "", CAPTION, None, 0),
                Passage("Lincoln in 1863", "", CAPTION, None, 1)]
    assert flag_passages(passages) == 1
    assert passages[0].sensitive and passages[0].sensitive_reason == "killing: killed"
    assert not passages[1].sensitive and passages[1].sensitive_reason == ""
