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
    # The caption's subject is the one killed: an image of the dead.
    assert passages[0].sensitive
    assert passages[0].sensitive_reason == "depicts the dead or wounded: boy killed"
    assert not passages[1].sensitive and passages[1].sensitive_reason == ""


# Graphic detail against violent history (sentences written for these tests).


@pytest.mark.parametrize(
    "text",
    [
        # naming a battle, a massacre, an execution, an epidemic, and their tolls
        "The duke conquered the kingdom in 1204, killing King Robert III at the Battle of Ash.",
        "The Harbour Massacre took place in the capital in 1781.",
        "The fever killed about a third of the town's population.",
        "Some 2,000 people were killed in the riots that summer.",
        "The rebels killed thousands of settlers during the uprising.",
        "Queen Matilda was executed in 1655.",
        "Captain Morel was hanged at the port in 1802.",
        "Bishop Anselm was burned at the stake in 1410.",
        "The execution of the king divided the country.",
        "The tribunal tried the generals for war crimes.",
        # other senses of the words
        "The admiral executed a clever feint at dawn.",
        "The governing bodies of the provinces met in May.",
        "The preacher urged the crowd to murder the tax collectors.",
    ],
)
def test_naming_violent_history_is_not_flagged(text):
    assert sensitivity_reason(text, SENTENCE) == ""


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("The guards tortured the captives with hot irons.", "torture: tortured"),
        ("The captives were killed with axes in the courtyard.", "killing: killed … with axes"),
        ("The farmers were burned alive in their barn.", "graphic violence: burned alive"),
        ("The soldiers murdered the farmers in their homes.", "killing: murdered"),
        ("The rebels beheaded the envoys.", "graphic violence: beheaded"),
        ("The raiders cut off the captives' hands.",
         "graphic violence: cut off the captives' hands"),
        ("His body was dragged through the market.", "human remains: his body was dragged"),
        ("The wounded lay in pools of blood.", "wounds: pools of blood"),
    ],
)
def test_graphic_descriptions_are_flagged_with_their_words(text, reason):
    assert sensitivity_reason(text, SENTENCE) == reason


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Bodies of sailors on the beach after the raid", "human remains: bodies"),
        ("A rebel shot by the militia near the mill", "depicts the dead or wounded: rebel shot"),
        ("Executed deserters beside the barracks wall", "depicts the dead or wounded"),
        ("A war crime against a captured pilot", "war crime: war crime"),
    ],
)
def test_captions_of_victims_and_the_dead_are_flagged(text, reason):
    assert sensitivity_reason(text, CAPTION).startswith(reason)


@pytest.mark.parametrize(
    "text",
    [
        "A memorial to the sailors killed in the raid",
        "Execution of the king, engraving of 1793",
        "General Ward, who was wounded at the Battle of Ash",
        "The duke's army before the battle",
    ],
)
def test_captions_of_memorials_portraits_and_executions_named_are_not_flagged(text):
    assert sensitivity_reason(text, CAPTION) == ""


def test_a_killing_of_a_named_person_with_an_instrument_is_still_not_a_toll():
    # A weapon makes it a description of how someone was killed, unless the one
    # killed is named in ordinary historical wording.
    assert sensitivity_reason("Villagers were killed with machetes.", SENTENCE)
    assert not sensitivity_reason("Louis XVI was executed by guillotine in 1793.", SENTENCE)


def test_a_named_person_murdered_in_a_second_passive_clause_is_history():
    from content.ingest.sensitivity import sensitivity_reason
    from content.ingest.types import SENTENCE

    named = ("Duke Arno Vess, suspected of plotting with the enemy, was removed from command "
             "and was murdered by officers of his own army at Belmor in 1634.")
    crowd = "The villagers were rounded up and were murdered by the soldiers in the square."
    assert sensitivity_reason(named, SENTENCE) == ""
    assert sensitivity_reason(crowd, SENTENCE) == "killing: murdered"


@pytest.mark.parametrize("text", [
    "Soldiers cut down the old people who could not walk and killed small children for sport.",
    "The rebel general was put to death by slow slicing in the square of Belmor.",
    "The executioners were cutting the flesh from his body before the crowd.",
])
def test_killing_for_sport_and_slow_slicing_are_graphic(text):
    from content.ingest.sensitivity import sensitivity_reason
    from content.ingest.types import SENTENCE

    assert sensitivity_reason(text, SENTENCE)


@pytest.mark.parametrize("text", [
    "The old town was dismantled piece by piece after 1850.",
    "The settlers cut down the forest for timber in 1820.",
    "The king hunted deer for sport in the royal forest.",
])
def test_the_same_words_elsewhere_are_not_flagged(text):
    from content.ingest.sensitivity import sensitivity_reason
    from content.ingest.types import SENTENCE

    assert sensitivity_reason(text, SENTENCE) == ""
