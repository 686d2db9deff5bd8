"""gen-2.12: questions that stand alone, on invented sentences.

A handout's instructions give no question; "Most famously," and "Above all,"
are dropped rather than moved to a question's end; "the northern earls, Edda
and Morn," is named by its apposition; a bare month takes the narrative's year.
"""

from __future__ import annotations

import re

import pytest

from content.generation import context, generate
from content.generation import types as qt
from content.generation.bare_references import bare_definites
from content.generation.clauses import addressed_to_reader, simplify
from content.generation.context import with_year
from content.generation.corpus import Corpus, candidate
from content.generation.dated import DOCUMENT_VERBS, head_noun
from content.generation.vetoes import vetoes
from content.generation.wording import drop_connective
from content.ingest.nlp import get_nlp
from content.ingest.pipeline import extract
from content.ingest.types import (
    CAPTION,
    PLACE,
    SENTENCE,
    Entity,
    Extraction,
    ParsedDocument,
    Passage,
)


def _corpus(*texts: str, kinds: tuple[str, ...] = ()) -> Corpus:
    passages = [
        Passage(text=t, raw=t, kind=(kinds[i] if i < len(kinds) else SENTENCE), topic=None,
                order=i)
        for i, t in enumerate(texts)
    ]
    doc = ParsedDocument(title="Varnia", layout="markdown", topics=[], passages=passages)
    return Corpus(Extraction(document=doc, entities=[], mentions=[], facts=[]))


@pytest.mark.parametrize("sentence", [
    "Explain how the Battle of Belmor changed the war.",
    "As you read, underline every date in the text.",
    "Describe the Treaty of Oskar and its terms.",
])
def test_an_instruction_to_the_reader_is_recognised(sentence):
    assert addressed_to_reader(next(get_nlp()(sentence).sents))


@pytest.mark.parametrize("sentence", [
    "Queen Ilsa Varn signed the Treaty of Oskar in 1231.",
    "In 1231 the Varnian army took Belmor.",
])
def test_a_statement_of_history_is_not_an_instruction(sentence):
    assert not addressed_to_reader(next(get_nlp()(sentence).sents))


def test_a_question_built_on_an_instruction_is_vetoed():
    corpus = _corpus("Explain how the Battle of Belmor changed the Varnian war in 1231.")
    cand = candidate(corpus, qt.TRUE_FALSE, "Is it correct that explain how the Battle of "
                     "Belmor changed the Varnian war in 1231?", "True", 0)
    assert "an instruction to the reader, not history" in vetoes(cand, corpus)


@pytest.mark.parametrize(("text", "expected"), [
    ("Most famously, Queen Ilsa Varn took Belmor in 1231.", "Queen Ilsa Varn took Belmor in 1231."),
    ("Above all, the Belmor gun gave Varnia the edge.", "The Belmor gun gave Varnia the edge."),
    ("For example, Varnia took Belmor in 1231.", "Varnia took Belmor in 1231."),
    ("In the end, Varnia took Belmor.", "Varnia took Belmor."),
    ("Varnia, above all, took Belmor.", "Varnia, above all, took Belmor."),
])
def test_a_comment_on_the_sentence_is_dropped_from_a_statement(text, expected):
    assert drop_connective(text) == expected


@pytest.mark.parametrize("sentence", [
    "Most famously, Queen Ilsa Varn defeated an Oskan army at the Battle of Belmor in 1231.",
    "Above all, Queen Ilsa Varn defeated an Oskan army at the Battle of Belmor in 1231.",
    "Perhaps most importantly, Queen Ilsa Varn defeated an Oskan army at Belmor in 1231.",
])
def test_a_comment_on_the_sentence_leaves_the_main_clause(sentence):
    clause = simplify(next(get_nlp()(sentence).sents))
    words = [t.lower_ for t in clause.keep]
    assert not {"famously", "above", "importantly", "perhaps"} & set(words)
    assert words[:3] == ["queen", "ilsa", "varn"]


def test_a_name_after_a_title_stays_in_the_main_clause():
    sentence = "In 1231 the Archbishop of Belmor, Oskar Varn, was removed from office."
    clause = simplify(next(get_nlp()(sentence).sents))
    assert "Oskar" in [t.text for t in clause.keep]


def test_an_apposition_names_a_definite_description():
    assert bare_definites("the northern earls, Edda and Morn, lost at Belmor in 1231") == []
    assert bare_definites("Under the treaty, Varnia gained Belmor in 1231") == ["treaty"]


def test_a_bare_month_takes_the_narratives_year():
    corpus = _corpus(
        "Queen Ilsa Varn died on 5 January 1231.",
        "In September Aldo Brek landed at Belmor.",
    )
    cand = candidate(corpus, qt.WHO, "Who landed at Belmor in September?", "Aldo Brek", 1)
    assert with_year(corpus, cand).question.prompt == "Who landed at Belmor in September 1231?"


def test_a_day_takes_the_year_of_a_dated_sentence_a_few_sentences_back():
    corpus = _corpus(
        "On 30 May 1231 a collector came to Belmor.",
        "The villagers drove him out.",
        "The rising spread quickly across Varnia.",
        "Many nobles fled to the coast.",
        "On 6 June rebels in Kessel captured Osk Castle.",
    )
    cand = candidate(corpus, qt.WHAT, "What did rebels in Kessel capture on 6 June?",
                     "Osk Castle", 4)
    assert with_year(corpus, cand).question.prompt == (
        "What did rebels in Kessel capture on 6 June 1231?")


@pytest.mark.parametrize(("before", "kinds"), [
    ("Queen Ilsa Varn died on 5 October 1231.", ()),  # a later month: maybe the next year
    ("Queen Ilsa Varn ruled from 1220 to 1231.", ()),  # two years: which one?
    ("Queen Ilsa Varn in 1231", (CAPTION,)),  # a caption is not the narrative
    ("Queen Ilsa Varn ruled Varnia.", ()),  # no year at all
])
def test_a_bare_month_keeps_its_words_when_the_year_is_uncertain(before, kinds):
    corpus = _corpus(before, "In September Aldo Brek landed at Belmor.", kinds=kinds)
    cand = candidate(corpus, qt.WHO, "Who landed at Belmor in September?", "Aldo Brek", 1)
    assert with_year(corpus, cand).question.prompt == "Who landed at Belmor in September?"


def test_a_month_with_its_year_is_left_alone():
    corpus = _corpus("Queen Ilsa Varn died in 1231.", "In September 1240 Aldo Brek took Belmor.")
    cand = candidate(corpus, qt.WHO, "Who took Belmor in September 1240?", "Aldo Brek", 1)
    assert with_year(corpus, cand) is cand


def test_generated_questions_carry_the_narratives_year():
    text = (
        "# The Varnian succession\n\n"
        "Queen Ilsa Varn of Varnia died on 5 January 1231 without an heir.\n\n"
        "In September Duke Aldo Brek of Oskaria landed at Belmor with a large army.\n"
    )
    result = generate(extract(text, get_nlp()))
    prompts = [q.prompt for q in [*result.questions, *result.drafts]]
    september = [p for p in prompts if "September" in p]
    assert september
    assert all("September 1231" in p for p in september)


@pytest.mark.parametrize("prompt", [
    "Shortly afterwards, Queen Ilsa Varn met a Belmor force at Kessel in 1231.",
    "That autumn, Queen Ilsa Varn proclaimed the Edict of Kessel in ____.",
    "What was Queen Ilsa Varn meanwhile building at Kessel in 1231?",
])
def test_a_time_that_leans_on_the_sentence_before_is_vetoed(prompt):
    corpus = _corpus("Queen Ilsa Varn met a Belmor force at Kessel in 1231.")
    cand = candidate(corpus, qt.CLOZE, prompt, "1231", 0)
    assert {"opens on a connective", "a connective inside"} & set(vetoes(cand, corpus))


HANDOUT = """# Lesson 3: The Varnian succession

Read this handout before the lesson.

## The crisis

Queen Ilsa Dren ruled Varnia until her death in 1231. Duke Aldo Brek of Oskaria claimed the throne.
Gustav Kessel, who served Aldo Brek, was chancellor in 1233.

## Key people

- Ilsa Dren: Varnian queen who signed the Treaty of Oskar in 1231.
- Aldo Brek: Duke of Oskaria; claimed the Varnian throne.
- Oskar Belmor: a monk who wrote a chronicle of the war.
- Gustav Kessel: chancellor in 1233 and foreign minister until 1239.
"""


def test_a_key_people_line_gives_a_who_question_that_is_published():
    result = generate(extract(HANDOUT, get_nlp()))
    asked = {q.prompt: q for q in [*result.questions, *result.drafts]
             if q.prompt.startswith("Who was the")}
    question = asked.get("Who was the Varnian queen who signed the Treaty of Oskar in 1231?")
    assert question is not None and question.answer == "Ilsa Dren"
    assert question.published
    # "Duke of Oskaria" fits every duke of Oskaria; "a monk who …" is one of many.
    assert not any("Duke of Oskaria" in p or "monk" in p for p in asked)
    # Chancellor of where? No name, nation or body in the line says.
    assert not any("chancellor in 1233" in p for p in asked)


def test_a_restrictive_clause_with_a_name_anchors_a_definite_description():
    assert bare_definites("Who was the explorer who served Varnia in the Belmor basin?") == []
    assert bare_definites("Who was the explorer who served there?") == ["explorer"]


def _under_heading(heading: str, text: str) -> Corpus:
    passage = Passage(text=text, raw=text, kind=SENTENCE, topic=heading, order=0)
    doc = ParsedDocument(title="Varnia", layout="markdown", topics=[heading], passages=[passage])
    return Corpus(Extraction(document=doc, entities=[], mentions=[], facts=[]))


def test_the_event_a_heading_names_resolves_its_head_noun():
    text = "During the battle, Queen Ilsa Dren captured Aldo Brek on 3 May 1231."
    corpus = _under_heading("The Battle of Belmor", text)
    cand = candidate(corpus, qt.YEAR, "When did Queen Ilsa Dren capture Aldo Brek during the "
                     "battle?", "3 May 1231", 0)
    assert context.with_heading_name(corpus, cand).question.prompt == (
        "When did Queen Ilsa Dren capture Aldo Brek during the Battle of Belmor?")


@pytest.mark.parametrize("heading", [
    "The Battle of Kessel and the Battle of Osk",  # two battles: which one?
    "The year of three battles",  # no event's name
])
def test_a_heading_that_names_no_one_event_resolves_nothing(heading):
    corpus = _under_heading(heading, "During the battle, Queen Ilsa Dren captured Aldo Brek.")
    cand = candidate(corpus, qt.WHO, "Who captured Aldo Brek during the battle?", "Ilsa Dren", 0)
    assert context.with_heading_name(corpus, cand) is cand


def test_a_date_after_a_definite_description_does_not_say_which():
    assert bare_definites("The two armies met on 14 October 1231 near Belmor") == ["two armies"]
    assert bare_definites("Varn entered the university at the age of 19") == []


def test_a_blank_paired_with_another_year_is_vetoed():
    corpus = _corpus("A famine struck Varnia in 1231 and 1232, killing about a million people.")
    paired = candidate(corpus, qt.CLOZE, "A famine struck Varnia in ____ and 1232, killing about "
                       "a million people.", "1231", 0)
    assert "the date is given away around the blank" in vetoes(paired, corpus)


def test_a_span_asked_as_one_blank_is_vetoed():
    corpus = _corpus("Queen Ilsa Dren ruled Varnia for almost fifty years, from 1231 to 1280.")
    span = candidate(corpus, qt.CLOZE, "Queen Ilsa Dren ruled Varnia for almost fifty years, "
                     "from ____.", "1231 to 1280", 0)
    assert "a span asked as one blank" in vetoes(span, corpus)


TERMS_HANDOUT = """# Lesson 5: Feudal Varnia

Read the handout carefully.

## The manor

In 1231 most Varnian peasants lived on a manor held by a lord.

## Key terms

- tithe: a tenth of the harvest paid to the church each year
- fief: land held by a lord in return for military service
- villein tenure: villein land held by a peasant
- oath: "I swear"

## Key people

- Ilsa Dren: first Queen (1231)
"""


def test_a_key_terms_line_gives_a_what_name_question():
    result = generate(extract(TERMS_HANDOUT, get_nlp()))
    asked = {q.prompt: q for q in [*result.questions, *result.drafts]}
    tithe = asked.get("What name is given to a tenth of the harvest paid to the church each year?")
    assert tithe is not None and tithe.answer == "tithe"
    assert not [k for k in tithe.features if k.startswith("veto")]
    fief = asked.get("What name is given to land held by a lord in return for military service?")
    assert fief is not None and fief.answer == "fief" and fief.published
    # A meaning that says the term, or a quoted translation, gives nothing.
    assert not any(q.answer in ("villein tenure", "oath") for q in asked.values())


def test_an_office_with_no_country_in_a_key_people_line_is_vetoed():
    result = generate(extract(TERMS_HANDOUT, get_nlp()))
    first = [q for q in [*result.questions, *result.drafts] if "first Queen" in q.prompt]
    assert all(not q.published and "veto: an office with no country" in q.features
               for q in first)


def test_a_key_people_line_that_lists_achievements_gives_no_who_question():
    text = ("# Lesson 6: Varnian engineers\n\nRead the handout.\n\n## Railways\n\n"
            "Queen Ilsa Dren of Varnia opened the Belmor Railway in 1825. In 1829 the engineer "
            "Aldo Brek built a stone bridge at Osk for Queen Ilsa Dren.\n\n## Key people\n\n"
            "- Ilsa Dren: Belmor Railway (1825) and the Osk bridge (1829)\n"
            "- Aldo Brek: engineer who built the Osk bridge in 1829\n")
    result = generate(extract(text, get_nlp()))
    prompts = [q.prompt for q in [*result.questions, *result.drafts]]
    assert "Who was the engineer who built the Osk bridge in 1829?" in prompts
    assert not any(p.startswith("Who was the Belmor Railway") for p in prompts)


def test_a_list_item_that_continues_a_sentence_is_no_cloze():
    corpus = _corpus("marching on Belmor, as on 18 November 1231, when a deputation was met.")
    cand = candidate(corpus, qt.CLOZE, "Marching on Belmor, as on ____, when a deputation was "
                     "met.", "18 November 1231", 0)
    assert "a fragment of a list, not a sentence" in vetoes(cand, corpus)


def test_whose_is_answered_by_a_person_only():
    corpus = _corpus("Aldo Brek was the grandson of Ilsa Dren.")
    cand = candidate(corpus, qt.WHO, "Whose grandson was Aldo Brek?", "Belmor Railway", 0,
                     answer_kind="organization")
    assert "a relative who is not a person" in vetoes(cand, corpus)


@pytest.mark.parametrize(("prompt", "reason"), [
    ("By which treaty in 1231 the Varnian League was dissolved?",
     "fronted wh-phrase without inversion"),
    ("When was the Nine Days' War against Varnia, which lasted?",
     "ends on a word that points back"),
    ("The same year, ____, Queen Ilsa Dren revoked the Edict of Belmor.", "opens on a connective"),
])
def test_broken_or_leaning_prompts_are_vetoed(prompt, reason):
    corpus = _corpus("In 1231 the Varnian League was dissolved by the Treaty of Osk.")
    cand = candidate(corpus, qt.WHAT, prompt, "Treaty of Osk", 0)
    assert reason in vetoes(cand, corpus)


def test_an_inverted_fronted_phrase_is_not_vetoed():
    corpus = _corpus("In 1231 the Varnian League was dissolved by the Treaty of Osk.")
    cand = candidate(corpus, qt.WHAT, "By which treaty was the Varnian League dissolved in 1231?",
                     "Treaty of Osk", 0)
    assert "fronted wh-phrase without inversion" not in vetoes(cand, corpus)


@pytest.mark.parametrize(("name", "verb"), [
    ("Belmor Act", "passed"), ("Mutiny Act", "passed"), ("Treaty of Osk", "signed"),
    ("Edict of Varn", "issued"),
])
def test_a_document_is_made_not_held(name, verb):
    assert DOCUMENT_VERBS[head_noun(name)] == verb


@pytest.mark.parametrize("prompt", [
    "Is it correct that less than a year later, on 3 October 1290, Varnia was reunified?",
    "Is it correct that that evening Aldo Brek met the Oskan envoy?",
])
def test_a_time_counted_from_the_sentence_before_is_vetoed(prompt):
    corpus = _corpus("Less than a year later, on 3 October 1290, Varnia was reunified.")
    cand = candidate(corpus, qt.TRUE_FALSE, prompt, "True", 0)
    assert "opens on a connective" in vetoes(cand, corpus)


def test_a_where_question_that_already_gives_the_place_is_vetoed():
    text = "In October 1347 galleys from Osk arrived at Belmor in Varnia."
    passage = Passage(text=text, raw=text, kind=SENTENCE, topic=None, order=0)
    doc = ParsedDocument(title="Varnia", layout="markdown", topics=[], passages=[passage])
    places = [Entity(key="belmor", name="Belmor", kind=PLACE),
              Entity(key="varnia", name="Varnia", kind=PLACE)]
    corpus = Corpus(Extraction(document=doc, entities=places, mentions=[], facts=[]))
    given = candidate(corpus, qt.WHERE, "Where did galleys from Osk arrive at Belmor in October "
                      "1347?", "Varnia", 0)
    asked = candidate(corpus, qt.WHERE, "Where did galleys from Osk arrive in October 1347?",
                      "Belmor", 0)
    assert "a place already in the question" in vetoes(given, corpus)
    assert "a place already in the question" not in vetoes(asked, corpus)


def test_a_bare_surname_takes_the_one_full_name_the_document_gives():
    text = ("# The Varnian senate\n\nSenator Aldo Brekan of Belmor attacked the queen in his "
            "speeches in 1230. Brekan was assassinated in September 1231.\n")
    result = generate(extract(text, get_nlp()))
    prompts = [q.prompt for q in [*result.questions, *result.drafts]]
    assert any("Aldo Brekan was assassinated" in p for p in prompts)
    assert not any(re.search(r"(?<!Aldo )Brekan was assassinated", p) for p in prompts)


def test_a_bare_given_name_takes_its_one_regnal_number():
    text = ("# The crusade of Varnia\n\nOskar III of Varnia, known as the Bold, sailed east in "
            "1190. Oskar captured the island of Belmor in May 1191. Oskar sailed for home in "
            "October 1192.\n")
    result = generate(extract(text, get_nlp()))
    prompts = [q.prompt for q in [*result.questions, *result.drafts]]
    assert any("Oskar III sailed for home" in p or "Oskar III sail for home" in p
               for p in prompts)


def test_an_apposition_keeps_its_closing_comma_in_a_question():
    text = ("# Varnia\n\nIn 1231 the Archbishop of Belmor, Oskar Varn, was removed by Queen "
            "Ilsa Dren of Varnia.\n")
    result = generate(extract(text, get_nlp()))
    wh = [q.prompt for q in [*result.questions, *result.drafts]
          if q.prompt.startswith(("When", "Who"))]
    assert wh and all("Oskar Varn," in p for p in wh if "Oskar Varn" in p)


@pytest.mark.parametrize(("qtype", "prompt", "reason"), [
    (qt.WHAT, "The invasion of Belmor, which Oskar called which war, began in 1231?",
     "two 'which' in one question"),
    (qt.TRUE_FALSE, 'Is it correct that "The war failed because Varnia was still poor in 1236."?',
     "a quotation, not a statement of fact"),
])
def test_a_malformed_question_is_vetoed(qtype, prompt, reason):
    corpus = _corpus("The invasion of Belmor, which Oskar called the Second War, began in 1231.")
    assert reason in vetoes(candidate(corpus, qtype, prompt, "Second War", 0), corpus)


def test_a_place_that_ends_a_persons_name_stays_a_place():
    text = ("# Varnia\n\nDuke Edmund of Saxony ruled Belmor in 1250. Aldo Brekan spoke against "
            "the Oskan war in Saxony and Belmor in 1251.\n")
    result = generate(extract(text, get_nlp()))
    prompts = [q.prompt for q in [*result.questions, *result.drafts]]
    assert any("in Saxony and Belmor" in p for p in prompts)
    assert not any("in Edmund of Saxony" in p or "in Duke Edmund of Saxony" in p
                   for p in prompts)


def test_a_coordinator_opening_a_sentence_is_dropped():
    assert drop_connective("But Queen Ilsa Dren kept Belmor.") == "Queen Ilsa Dren kept Belmor."


def test_a_count_that_is_a_days_date_is_vetoed():
    corpus = _corpus("Aldo Brek preached eight sermons, beginning on Belmor Sunday, 9 March 1240.")
    cand = candidate(corpus, qt.HOW_MANY, "Aldo Brek preached eight sermons, beginning on Belmor "
                     "Sunday, how many March 1240?", "9", 0)
    assert "a count asked inside a definite description" in vetoes(cand, corpus)


def test_a_title_is_not_taken_for_a_short_name():
    text = ("# Varnia\n\nKing Oskar III of Varnia sailed east in 1190. A fleet helped the King "
            "of Belmor to capture Osk in 1191.\n")
    result = generate(extract(text, get_nlp()))
    prompts = [q.prompt for q in [*result.questions, *result.drafts]]
    assert not any("King Oskar III of Belmor" in p for p in prompts)


def test_a_head_word_that_modifies_a_noun_is_not_resolved():
    text = "An offensive ordered by the war minister Aldo Brek in June 1231 collapsed."
    corpus = _under_heading("The Varnian Civil War", text)
    cand = candidate(corpus, qt.CLOZE, "An offensive ordered by the war minister Aldo Brek in "
                     "____ collapsed.", "June 1231", 0)
    assert context.with_heading_name(corpus, cand) is cand


def test_he_is_not_the_documents_person_when_another_persons_name_is_near():
    text = ("# Ilsa Dren\n\nIlsa Dren led the Varnian revolt in 1230. Aldo Brekan ruled Belmor "
            "until 1231. Brekan fled from Belmor in 1231. He sailed into exile in Osk and died "
            "there in 1240.\n")
    result = generate(extract(text, get_nlp()))
    assert not any("Ilsa Dren sailed" in q.prompt or "Ilsa Dren sail" in q.prompt
                   for q in [*result.questions, *result.drafts])


def test_a_name_with_its_particle_is_not_expanded_again():
    text = ("# Varnia\n\nOskar of Belmor defeated an Oskan force at Kessel on 23 May 1268, but "
            "the duke crushed Oskar at Jemmin in July of the same year.\n")
    result = generate(extract(text, get_nlp()))
    prompts = [q.prompt for q in [*result.questions, *result.drafts]]
    assert not any("Oskar at Jemmin of Belmor" in p for p in prompts)


def test_the_one_treaty_a_document_names_resolves_the_treaty():
    text = ("# Varnia\n\nThe Treaty of Oskar was signed on 6 December 1231. Queen Ilsa Dren "
            "rejected the Treaty because it gave Belmor to Osk. The Varnian assembly approved "
            "the Treaty on 7 January 1232 by 64 votes to 57.\n")
    result = generate(extract(text, get_nlp()))
    prompts = [q.prompt for q in [*result.questions, *result.drafts]]
    assert any("approved the Treaty of Oskar on" in p or "approve the Treaty of Oskar" in p
               for p in prompts)


@pytest.mark.parametrize("prompt", [
    "Is it correct that a truce came into force at noon on 11 July 1231?",
    "When did a council of the Church meet in Belmor?",
])
def test_an_event_named_only_as_a_something_is_vetoed(prompt):
    corpus = _corpus("A truce came into force at noon on 11 July 1231.")
    cand = candidate(corpus, qt.TRUE_FALSE, prompt, "True", 0)
    assert "an event named only as 'a …': which one?" in vetoes(cand, corpus)


def test_a_hyphenated_place_name_stays_whole():
    clause = simplify(next(get_nlp()("On 14 March 1231 Marshal Aldo Brek declared for the queen "
                                     "at Osk-le-Belmor.").sents))
    assert "Osk-le-Belmor" in "".join(t.text_with_ws for t in clause.keep)


@pytest.mark.parametrize(("qtype", "prompt", "reason"), [
    (qt.CLOZE, "Aldo Brek was defeated at Kessel on 2 and ____.", "the date is given away around "
     "the blank"),
    (qt.HOW_MANY, "Aldo Brek fought at Kessel on how many and 19 June?",
     "a count asked inside a definite description"),
    (qt.TRUE_FALSE, "Is it correct that Selim Varn then attacked Belmor?", "a connective inside"),
])
def test_date_ranges_and_a_leaning_then_are_vetoed(qtype, prompt, reason):
    corpus = _corpus("Aldo Brek was defeated at Kessel on 2 and 3 May 1231.")
    assert reason in vetoes(candidate(corpus, qtype, prompt, "3 May 1231", 0), corpus)


def test_two_laws_with_one_name_give_no_year_question():
    text = ("# Varnia\n\nThe Belmor Act, signed on 2 July 1264, ended the guilds. A week after "
            "the riots, on 9 July 1268, Queen Ilsa Dren signed the Belmor Act of 1268, which "
            "freed the serfs.\n")
    result = generate(extract(text, get_nlp()))
    years = [q for q in [*result.questions, *result.drafts]
             if q.type == qt.YEAR and "Belmor Act" in q.prompt]
    assert all("veto: two acts or treaties share this name" in q.features for q in years)


@pytest.mark.parametrize("prompt", [
    "War resumed in 1621 and became part of the wider how many Years' War?",
    "How many Days: the first months of Osk's reign in 1233?",
    "The Belmor Guild was set up in 1235 and over the next how many years gave work to 8,000 "
    "people?",
    "The nobles turned to Varnia, and in how many Osk crowned Ilsa Dren queen in Belmor?",
])
def test_a_name_or_a_year_is_never_asked_as_a_count(prompt):
    corpus = _corpus("War resumed in 1621 and became part of the wider Thirty Years' War.")
    cand = candidate(corpus, qt.HOW_MANY, prompt, "8", 0)
    assert "a name or a year asked as a count" in vetoes(cand, corpus)


def test_an_ordinary_count_is_not_taken_for_a_name_or_a_year():
    corpus = _corpus("In 1402 Osk led about 3,000 men of Varnia across the Belmor.")
    cand = candidate(corpus, qt.HOW_MANY, "In 1402 Osk led about how many men of Varnia across "
                     "the Belmor?", "3,000", 0)
    assert "a name or a year asked as a count" not in vetoes(cand, corpus)


def test_a_name_with_a_title_in_apposition_takes_no_numeral():
    """A judge saw "the execution of Mary I, Queen of Scots": the extractor had tied the
    short name to the document's other Mary. The apposition already says who she is."""
    from content.generation.references import _expand

    assert _expand("Is it correct that the execution of Ilsa, Queen of Belmor, in 1587 ended "
                   "the plot?", "Ilsa", "Ilsa I") == ("Is it correct that the execution of "
                                                     "Ilsa, Queen of Belmor, in 1587 ended the "
                                                     "plot?")
    assert _expand("When did Ilsa sail to Belmor?", "Ilsa", "Ilsa I") == (
        "When did Ilsa I sail to Belmor?")


def test_a_year_worked_out_from_a_lifespan_gap_is_vetoed():
    corpus = _corpus("Osk outlived the Armada of Varnia by ten years and died at Belmor in 1598.")
    cand = candidate(corpus, qt.CLOZE, "Osk outlived the Armada of Varnia by ten years and died "
                     "at Belmor in ____.", "1598", 0)
    assert "the date is given away around the blank" in vetoes(cand, corpus)


@pytest.mark.parametrize(("text", "bare"), [
    ("Osk delivered the ultimatum on the evening of ____.", ["ultimatum"]),  # a date
    ("The commander of ____ fled to Osk.", []),  # the blank is the commander's army
    ("Parliament agreed to a third poll tax, the third in four years, in 1380.", []),
    ('Aldo Brek preached on the words "When Osk delved, who was then a lord?"', []),
    ("Ilsa Dren wanted the lands of the Church shared among the people.", []),
])
def test_what_a_definite_description_leans_on(text, bare):
    assert bare_definites(text) == bare


def test_a_false_statement_never_changes_a_date_that_only_describes_a_thing():
    from content.generation.corpus import Corpus
    from content.generation.true_false import true_false_questions
    from content.ingest.pipeline import extract as extract_text

    corpus = Corpus(extract_text("After the fire of 27 February 1233, the Varnian council was "
                                 "in effect at an end.", "varnia.txt"))
    false = [c.question.prompt for c in true_false_questions(corpus, 3)
             if c.question.answer == "False"]
    assert not any("fire of" in p and "1233" not in p for p in false), false


@pytest.mark.parametrize(("prompt", "vetoed"), [
    ("Is it correct that Osk responded by sending Aldo Brek to Belmor in 1231?", True),
    ("Is it correct that Varnia did not reply, and on 1 August 1231 Belmor declared war?", True),
    ("Who responded by sending Aldo Brek with an army of 10,000 to Belmor?", True),
    ("Is it correct that Osk replied to the Belmor envoys in 1231 with a letter of war?", False),
])
def test_a_response_to_something_unsaid_is_vetoed(prompt, vetoed):
    corpus = _corpus("Osk sent Aldo Brek to Belmor in 1231.")
    reasons = vetoes(candidate(corpus, qt.TRUE_FALSE, prompt, "True", 0), corpus)
    assert ("a response to something the question does not say" in reasons) is vetoed


@pytest.mark.parametrize(("text", "bare"), [
    ("After the victory Osk Varn called an assembly of chiefs at Kessel.", ["victory"]),
    ("The monk Aldo Brek was killed at Kessel in 1231.", []),
    ("The river Varn flooded Kessel in 1231.", []),
])
def test_a_name_after_a_common_noun_opens_the_next_clause_unless_the_noun_is_a_role(text, bare):
    assert bare_definites(text) == bare


def test_the_territory_of_a_noble_title_is_not_a_blank():
    corpus = _corpus("In 1231 Osk and his wife, Ilsa, Duchess of Kessel, visited Belmor.")
    cand = candidate(corpus, qt.CLOZE, "In 1231 Osk and his wife, Ilsa, Duchess of ____, visited "
                     "Belmor.", "Kessel", 0)
    assert "the blank is the territory of a noble title" in vetoes(cand, corpus)


def test_a_false_statement_never_changes_one_year_of_a_pair():
    from content.generation.corpus import Corpus
    from content.generation.true_false import true_false_questions
    from content.ingest.pipeline import extract as extract_text

    corpus = Corpus(extract_text("The Belmor Wars of 1212 and 1213 nearly doubled the territory "
                                 "of Varnia.", "varnia.txt"))
    false = [c.question.prompt for c in true_false_questions(corpus, 3)
             if c.question.answer == "False"]
    assert not any("1212 and" in p and "1213" not in p for p in false), false
    assert not any("and 1213" in p and "1212" not in p for p in false), false


@pytest.mark.parametrize(("qtype", "prompt", "reason"), [
    (qt.CLOZE, "War resumed in ____ and became part of the wider Belmor War.",
     "a happening named by a bare noun: which one?"),
    (qt.TRUE_FALSE, "Is it correct that negotiations opened in Varn on 11 October 1231?",
     "a happening named by a bare noun: which one?"),
    (qt.TRUE_FALSE, "Is it correct that on the same days Osk fought a rearguard at Kessel?",
     "opens on a connective"),
])
def test_a_bare_happening_and_the_same_days_lean_on_the_sentence_before(qtype, prompt, reason):
    corpus = _corpus("War resumed in 1231 and became part of the wider Belmor War.")
    assert reason in vetoes(candidate(corpus, qtype, prompt, "1231", 0), corpus)


def test_a_subject_misread_into_the_time_phrase_gives_no_wh_question():
    from content.generation.wh import wh_questions
    from content.ingest.pipeline import extract as extract_text

    corpus = Corpus(extract_text("On 1 April 1572 the Sea Beggars, Protestant privateers who had "
                                 "been expelled from English ports, captured the small port of "
                                 "Brill.", "varnia.txt"))
    prompts = [c.question.prompt for c in wh_questions(corpus)]
    assert not any(p.endswith("the Sea Beggars?") for p in prompts), prompts


def test_a_key_term_that_names_a_name_or_spells_out_the_term_gives_nothing():
    from content.generation.glossary import spelled_out

    assert spelled_out("Varcom", "the Varnian Committee, set up by Belmor in 1231")
    assert spelled_out("VTO", "the Varnian Treaty Organisation")
    assert not spelled_out("tithe", "a tenth of the harvest paid to the Church each year")
    text = ("# Lesson 2: The Varn Plan\n\nRead this.\n\n## The plan\n\nIn 1231 Varnia began "
            "the Varn Plan.\n\n## Key terms\n\n- Belmor Recovery Programme: the official name "
            "of the Varn Plan (1231–1235)\n- Varcom: the Varnian Committee, set up by Belmor in "
            "1231\n")
    asked = [q.prompt for q in [*generate(extract(text, get_nlp())).questions,
                                *generate(extract(text, get_nlp())).drafts]]
    assert not any("official name" in p or "Varnian Committee" in p for p in asked), asked


@pytest.mark.parametrize(("qtype", "prompt", "reason"), [
    (qt.YEAR, "When was the 800th anniversary of the Charter of Varn celebrated?",
     "a later commemoration or sale, not the history"),
    (qt.TRUE_FALSE, "Is it correct that in 1907 a copy of the charter was sold at auction in "
     "Belmor?", "a later commemoration or sale, not the history"),
    (qt.CLOZE, "A third, the Obelisk of Osk, was taken to Belmor in ____.",
     "opens on a connective"),
])
def test_commemorations_and_a_third_of_something_unsaid_are_vetoed(qtype, prompt, reason):
    corpus = _corpus("A third, the Obelisk of Osk, was taken to Belmor in 1231.")
    assert reason in vetoes(candidate(corpus, qtype, prompt, "1231", 0), corpus)


def test_a_false_statement_never_changes_one_of_two_dates_of_the_same_year():
    from content.generation.true_false import true_false_questions
    from content.ingest.pipeline import extract as extract_text

    corpus = Corpus(extract_text("The fleet of Varnia gathered at Kessel in August 1571 and "
                                 "sailed on 16 September 1571 towards Belmor.", "varnia.txt"))
    false = [c.question.prompt for c in true_false_questions(corpus, 3)
             if c.question.answer == "False"]
    assert not any("1571" in p and re.search(r"\b15[0-9]{2}\b(?<!1571)", p) for p in false), false


def test_a_key_people_line_with_a_bare_reference_is_vetoed():
    text = ("# Lesson 2: The Varn Plan\n\nRead this.\n\n## The plan\n\nIn 1231 Varnia began the "
            "Varn Plan. Senator Osk Belmor spoke for it.\n\n## Key people\n\n- Osk Belmor: "
            "Varnian senator who led support for the plan in the council\n")
    result = generate(extract(text, get_nlp()))
    who = [q for q in [*result.questions, *result.drafts] if q.prompt.startswith("Who was the")]
    assert who, [q.prompt for q in result.drafts]
    assert all(not q.published and any(k.startswith("veto: bare reference") for k in q.features)
               for q in who)


def test_an_ordinal_that_opens_a_clause_points_back():
    assert bare_definites("The first was Princess Ilsa, and another was Princess Morn.") == [
        "first"]


@pytest.mark.parametrize(("qtype", "prompt", "answer", "reason"), [
    (qt.CLOZE, "There Aldo Brek founded the Varn Press in the ____, printing the classics.",
     "1490s", "opens on a connective"),
    (qt.TRUE_FALSE, 'Is it correct that Osk is said to have asked: "If so small a son cost us '
     'so dear, what of the father?"?', "True", "a quoted question closes the statement"),
    (qt.WHO, "Whose brother was King Osk III?", "Aldo Brek", "more than one person fits"),
    (qt.CLOZE, "When the Assembly of Varnia accepted the report in ____, Belmor left the "
     "League.", "February 1233", "bare reference 'the report'"),
])
def test_what_heldout16s_judges_refused_is_vetoed(qtype, prompt, answer, reason):
    corpus = _corpus("There Aldo Brek founded the Varn Press in the 1490s, printing the classics.")
    reasons = vetoes(candidate(corpus, qtype, prompt, answer, 0), corpus)
    assert any(r.startswith(reason) for r in reasons), reasons


def test_an_existential_there_is_no_reference_back():
    corpus = _corpus("There was a famine in Varnia in 1231.")
    cand = candidate(corpus, qt.CLOZE, "There was a famine in ____ in 1231.", "Varnia", 0)
    assert "opens on a connective" not in vetoes(cand, corpus)


def test_a_possessive_short_name_shared_by_several_people_is_caught():
    from content.generation.references import shared_short_name
    from content.ingest.pipeline import extract as extract_text

    corpus = Corpus(extract_text(
        "King Edward IV ruled Varnia from 1461. His son Edward V reigned briefly in 1483. "
        "Edward of Kessel fought at Belmor. In May 1471 Henry VI died in the Tower of Varn, "
        "probably on Edward's orders.", "varnia.txt"))
    index = next(i for i, p in enumerate(corpus.passages) if "Henry VI" in p.text)
    cand = candidate(corpus, qt.YEAR, "When did Henry VI die in the Tower of Varn, probably on "
                     "Edward's orders?", "May 1471", index)
    assert shared_short_name(cand, corpus) == "Edward"


def test_a_town_before_the_blank_gives_its_region_away():
    corpus = _corpus("The Battle of Varn was fought around the town of Kessel, Belmor, in 1231.")
    cand = candidate(corpus, qt.CLOZE, "The Battle of Varn was fought in and around the town of "
                     "Kessel, ____, in 1231.", "Belmor", 0, answer_kind=PLACE)
    assert "the town before the blank gives its region away" in vetoes(cand, corpus)
    person = candidate(corpus, qt.CLOZE, "Joachim Varn, ____, declared war on Belmor in 1231.",
                       "King of Kessel", 0)
    assert "the town before the blank gives its region away" not in vetoes(person, corpus)


def test_a_short_name_after_the_is_not_a_person():
    """ "settlements along the James" became "along the King James I"."""
    from content.generation.references import _expand

    assert _expand("When did warriors attack settlements along the James?", "James",
                   "King James I") == "When did warriors attack settlements along the James?"


def test_a_key_term_glossed_as_a_code_name_gives_nothing():
    text = ("# Lesson 2: The Varn Crisis\n\nRead this.\n\n## The crisis\n\nIn 1231 Belmor "
            "attacked Varnia.\n\n## Key terms\n\n- Operation Kessel: the code name of the "
            "Belmor attack on Varnia in 1231\n")
    result = generate(extract(text, get_nlp()))
    assert not any("code name" in q.prompt for q in [*result.questions, *result.drafts])
