"""The last word before a question reaches students: what a demanding teacher refuses.

The score in :mod:`content.generation.scoring` ranks; these rules veto. Each
names a failure that blind judges kept finding in questions the score liked,
on documents the code was tuned on (``bench/results/dev_judging.md``):

* the prompt leans on a sentence it no longer has: a connective ("In
  addition, …"), a pronoun with no name before it, a definite description
  with no name in it ("the emergency", "the first shipment"), or no name at
  all ("Nurses treat ____% of the population …");
* a wh-phrase fronted without inversion ("After losing which battle, X knew …");
* a photograph's date or who stands in it, or "A picture shows …" without a
  picture;
* a caption's tail (", November 1937") left on a sentence;
* the birth or death year of someone the document only mentions;
* a "who" asked of a number, or of what many people did (came, lived, died
  somewhere; a son of someone with several);
* a title a caption gives in passing ("with U.S. President Y in 1960");
* "what" asked of a person or a country; a word of the answer in the prompt;
  a name standing twice (a pronoun resolved to the wrong person);
* the year of a statistic, or one the prompt lets a student compute;
* a false statement made by swapping in another name;
* a prompt too long to read as one question;
* a place-titled document's prompt that names no place at all ("Who signed a
  Security Bill in 2014?" in an article about a country that is never named);
* a wh-question on a vague or mental predicate ("Who was determined to …",
  "Who knew that …", "When did X deal largely with …");
* a sentence's opening capital carried into the middle of a question;
* a prompt that ends on a word pointing back ("… as a consequence?");
* an indefinite "What is a famous …?" that many answers fit;
* sports results and records, estimates, plans and targets, the hour of the
  day, and the family of someone the document only mentions: trivia;
* a prompt word built on a word of the answer ("Stalinist" for Stalin);
* an answer that itself leans on context ("the nation's residents").

A vetoed question is kept as a draft with its reason, so a teacher sees why.
"""

from __future__ import annotations

import re

from content.generation import types as qt
from content.generation.bare_references import bare_definites, named
from content.generation.clauses import addressed_to_reader, subordinate_only
from content.generation.corpus import Candidate, Corpus
from content.generation.references import shared_short_name
from content.generation.veto_context import (
    INDEFINITE_EVENT,
    MONTHS,
    names_no_place,
    place_in_prompt,
    two_laws_one_name,
)
from content.generation.veto_patterns import (
    ABOUT_A_PICTURE,
    AILMENT,
    BARE_HAPPENING_SUBJECT,
    BETWEEN_BLANK,
    CAPTION_TAIL,
    CLOCK,
    COMMEMORATION,
    CONNECTIVE,
    CONTEXT_ANSWER,
    CUT_NAME,
    DANGLING_END,
    DEMONSTRATIVES,
    ESTIMATE,
    FRONTED_WH,
    GENERIC_THE,
    GLOSSARY_ENTRY,
    INDEFINITE,
    INNER_CONNECTIVE,
    KIN_OF,
    MANY_FIT,
    MANY_KIN,
    MAX_PROMPT_CHARS,
    NOBLE_TITLE_BLANK,
    OBJECTLESS,
    OFFICE_WITHOUT_REALM,
    PERSONAL,
    PHOTO_DETAIL,
    PLAN,
    PREP_WH_UNINVERTED,
    RELATIVE_DATE,
    RESPONSE,
    SPORT,
    STRAY_STOP,
    TOKEN,
    TOWN_THEN_BLANK,
    VAGUE_BLANK,
    VAGUE_PREDICATE,
    WH_WORDS,
)
from content.generation.wording import BLANK as BLANK_MARK
from content.generation.wording import statement_of
from content.ingest.types import (
    GROUP,
    LIFESPAN,
    ORGANIZATION,
    PERSON,
    PLACE,
    ROLE,
)


def _central_people(corpus: Corpus) -> set[str]:
    """The people a document is about: its most-mentioned person, and any it is titled by."""
    cache = corpus.__dict__.get("_central_people")
    if cache is not None:
        return cache
    people = [e for e in corpus.entities.values() if e.kind == PERSON]
    central: set[str] = set()
    if people:
        top = max(people, key=lambda e: (corpus.mention_count(e.key), e.key))
        central.add(top.key)
    titles = [corpus.extraction.document.title, *corpus.extraction.document.topics]
    for person in people:
        if any(person.name and person.name in title for title in titles):
            central.add(person.key)
    corpus.__dict__["_central_people"] = central
    return central


_AGENT_KINDS = frozenset({PERSON, PLACE, GROUP, ORGANIZATION})
# "What took control of Algeria?" asks for a country as if it were a thing.
_WHAT_SUBJECT = re.compile(
    r"^What (?!did\b|does\b|do\b|is\b|are\b|was the name\b|year\b|kind\b|type\b)\w+"
)
# A year question whose prompt carries another number is the date of a
# statistic ("an estimated 15 million cases"), or computable ("at the age of 19").
_OTHER_NUMBER = re.compile(r"\b\d[\d,.]*\b|\bestimat\w*|\bpercent\b|%")


def _answer_kind(cand: Candidate, corpus: Corpus) -> str:
    if cand.answer_kind:
        return cand.answer_kind
    entity = corpus.entity_by_text(cand.question.answer)
    return entity.kind if entity else ""


def _swapped_names(cand: Candidate, corpus: Corpus) -> bool:
    """A false statement made by putting another name in: it rarely reads as history."""
    q = cand.question
    if q.type != qt.TRUE_FALSE or q.answer != "False" or q.passage is None:
        return False
    source = set(TOKEN.findall(corpus.passages[q.passage].text))
    added = [t for t in TOKEN.findall(statement_of(q.prompt)) if t not in source]
    return any(t[:1].isupper() for t in added)


_DERIVED = r"(?:ist|ism|ite|ian|an|n|ese|ish|ic)s?"


def _built_on_answer(text: str, answer: str) -> bool:
    """A prompt word that extends a capitalised word of the answer: "Stalinist" for Stalin."""
    answer_words = [w for w in re.findall(r"[A-Z][a-z]{3,}", answer)]
    prompt_words = re.findall(r"[A-Z][a-z]+", text)
    return any(
        p.startswith(a) and re.fullmatch(_DERIVED, p[len(a):])
        for a in answer_words for p in prompt_words
    )


def _carried_capital(text: str, corpus: Corpus, index: int | None) -> bool:
    """The source sentence's first word kept its capital in the middle of the question."""
    if index is None:
        return False
    first = re.match(r"[A-Z][a-z]+", corpus.passages[index].text)
    if first is None:
        return False
    word = first.group(0)
    if corpus.entity_by_text(word) is not None or word in corpus.name_words():
        return False
    found = re.search(rf"(?<=[a-z,] ){word}\b\s*", text)
    if found is None:
        return False
    # A title before a name ("… did Queen Ilsa Varn …") keeps its capital.
    rest = text[found.end():]
    return not any(rest.startswith(n) for e in corpus.entities.values()
                   for n in corpus.names(e.key) if n)


def vetoes(cand: Candidate, corpus: Corpus, images: frozenset[int] = frozenset()) -> list[str]:
    """Why this question must not be published (empty when nothing is wrong).

    ``images`` holds the caption passages whose figure has a picture.
    """
    q = cand.question
    text = statement_of(q.prompt)
    tokens = TOKEN.findall(text)
    lowered = [t.lower() for t in tokens]
    reasons: list[str] = []
    # "Who is shown in this photograph?" points at the picture beside it: the
    # picture is its referent, so "this" and a missing name are no fault.
    shown = q.type == qt.IMAGE and q.passage in images
    if CONNECTIVE.match(text):
        reasons.append("opens on a connective")
    elif INNER_CONNECTIVE.search(text):
        reasons.append("a connective inside")
    pronoun = next((t for t in lowered if t in DEMONSTRATIVES), None)
    if pronoun and not shown:
        reasons.append(f"pronoun '{pronoun}'")
    for k, token in enumerate(lowered):
        if token in PERSONAL and not any(named(t) for t in tokens[1:k]):
            reasons.append(f"'{token}' with no name before it")
            break
    # The blank filled in: "the report in ____" hides a date ("in February 1933"), which
    # says when, not which report; a name in the blank anchors as it would anywhere.
    bare = bare_definites(text.replace(BLANK_MARK, q.answer, 1) if q.type == qt.CLOZE else text)
    generic = GENERIC_THE.search(text)
    if bare:
        reasons.append(f"bare reference 'the {bare[0]}'")
    elif generic and not shown:
        reasons.append(f"bare reference '{generic.group(0).lower()}'")
    if CUT_NAME.search(text):
        reasons.append("a name cut short")
    source = corpus.passages[q.passage].text.strip() if q.passage is not None else ""
    if source.endswith("?"):
        reasons.append("its source is itself a question")
    sentence = corpus.source_sentence(q.passage, q.prompt)
    if q.type in (qt.CLOZE, qt.TRUE_FALSE) and subordinate_only(sentence):
        reasons.append("a subordinate clause without its main clause")
    # "- marching on Parliament, as on …": a list item that continues a sentence above it.
    if q.type in (qt.CLOZE, qt.TRUE_FALSE) and source[:1].islower():
        reasons.append("a fragment of a list, not a sentence")
    if addressed_to_reader(sentence):
        reasons.append("an instruction to the reader, not history")
    # The glossary's own question (content.generation.glossary) rewrites the entry whole.
    if not cand.features.get("glossary") and (GLOSSARY_ENTRY.match(source)
                                              or GLOSSARY_ENTRY.match(text)):
        reasons.append("a glossary entry, not a sentence")
    shared = shared_short_name(cand, corpus)
    if shared:
        reasons.append(f"'{shared}' could be more than one person")
    if OBJECTLESS.search(q.prompt):
        reasons.append("a verb without its object")
    if COMMEMORATION.search(q.prompt):
        reasons.append("a later commemoration or sale, not the history")
    if BARE_HAPPENING_SUBJECT.match(text):
        reasons.append("a happening named by a bare noun: which one?")
    if q.type == qt.TRUE_FALSE and re.search(r"[?!][\"”’']\?$", q.prompt):
        reasons.append("a quoted question closes the statement")
    if q.type == qt.CLOZE and cand.answer_kind == PLACE and TOWN_THEN_BLANK.search(q.prompt):
        reasons.append("the town before the blank gives its region away")
    if NOBLE_TITLE_BLANK.search(q.prompt):
        reasons.append("the blank is the territory of a noble title")
    if RESPONSE.search(q.prompt):
        reasons.append("a response to something the question does not say")
    if BLANK_MARK in q.prompt and q.type in (qt.CLOZE, qt.YEAR) and (
        RELATIVE_DATE.search(q.prompt) or BETWEEN_BLANK.search(q.prompt)
    ):
        reasons.append("the date is given away around the blank")
    if q.type == qt.CLOZE and re.search(r"\bfrom\s+_{3,}(?!\s*(?:to|until|[–-])\s)",
                                         q.prompt) and re.search(r"\bto\b|[–-]", q.answer):
        reasons.append("a span asked as one blank")
    if len(re.findall(r"\bwhich\b", q.prompt, re.IGNORECASE)) >= 2:
        reasons.append("two 'which' in one question")
    if q.type == qt.TRUE_FALSE and text[:1] in "\"“'‘":
        reasons.append("a quotation, not a statement of fact")
    if two_laws_one_name(q, corpus):
        reasons.append("two acts or treaties share this name")
    if INDEFINITE_EVENT.match(text):
        reasons.append("an event named only as 'a …': which one?")
    if re.search(r"\bthe how many\b|\bhow many (?:(?:and|to|or|–|-) ?\d{1,2} )?" + MONTHS,
                 q.prompt, re.IGNORECASE):
        reasons.append("a count asked inside a definite description")
    # "the how many Years' War", "How many Days: …": the number is part of a name; "over the
    # next how many years", "in how many Osk crowned …": a span or a year, not a count.
    if re.search(r"\b[Hh]ow many [A-Z]|\b(?:next|last|first) how many\b|\b[Ii]n how many "
                 r"(?:[A-Z]|the\b|a\b)", q.prompt):
        reasons.append("a name or a year asked as a count")
    if q.type == qt.WHERE and place_in_prompt(text, q.answer, corpus):
        reasons.append("a place already in the question")
    if STRAY_STOP.search(q.prompt):
        reasons.append("a stray full stop")
    if not shown and not any(t[:1].isupper() for t in tokens[1:] if t != "I"):
        reasons.append("no name anchors it")
    if (lowered and lowered[0] not in WH_WORDS and FRONTED_WH.search(text)) or \
            PREP_WH_UNINVERTED.match(text):
        reasons.append("fronted wh-phrase without inversion")
    if PHOTO_DETAIL.search(text):
        reasons.append("a detail of a photograph")
    elif (q.type == qt.IMAGE or ABOUT_A_PICTURE.search(text)) and q.passage not in images:
        reasons.append("about a picture there is none of")
    if CAPTION_TAIL.search(text):
        reasons.append("caption tail")
    if len(q.prompt) > MAX_PROMPT_CHARS:
        reasons.append("too long")
    if re.match(r"who(?:m|se)?\b", text, re.IGNORECASE) and re.search(r"\d", q.answer):
        reasons.append("'who' asked of a number")
    if MANY_KIN.match(text) or MANY_FIT.match(text):
        reasons.append("more than one person fits")
    # "X with U.S. President Y in June 1960": the title is the caption's aside,
    # not the subject's history.
    if q.fact_kind == ROLE and q.passage is not None and corpus.is_caption(q.passage):
        reasons.append("a title mentioned in passing in a caption")
    kind = _answer_kind(cand, corpus)
    if _WHAT_SUBJECT.match(text) and (kind in _AGENT_KINDS or q.answer[:1].isupper()):
        reasons.append("'what' asked of a person, place or group")
    # "Bowman", "Philip": a surname or a first name alone is a truncated answer.
    if kind == PERSON and len(q.answer.split()) == 1:
        reasons.append("a person named by one word")
    answer_words = {w for w in re.findall(r"[A-Z][\w-]{2,}", q.answer)}
    if answer_words & set(re.findall(r"[A-Z][\w-]{2,}", text)):
        reasons.append("a word of the answer stands in the prompt")
    names = re.findall(r"\b[A-Z][a-z]{3,}\b", text)
    if any(names.count(n) > 1 for n in set(names)) and re.search(r"[A-Z][a-z]{3,}['’]s\b", text):
        reasons.append("a name stands twice: a pronoun was probably resolved wrongly")
    if q.type in (qt.YEAR, qt.MULTIPLE_CHOICE) and re.match(r"(?:When|In what year)\b", text):
        if _OTHER_NUMBER.search(text):
            reasons.append("the date of a statistic, or one the prompt lets a student compute")
    if _swapped_names(cand, corpus):
        reasons.append("false by a swapped name")
    if q.type in (qt.WHAT, qt.CLOZE) and not re.search(r"[A-Z\d]", q.answer) and \
            len(q.answer.split()) <= 2:
        reasons.append("a bare common noun as the answer")
    if q.type == qt.CLOZE and re.match(r"(?:a|an|the)\s", q.answer, re.IGNORECASE):
        reasons.append("the blank takes the article with it")
    if OFFICE_WITHOUT_REALM.search(q.prompt):
        reasons.append("an office with no country")
    wh_question = q.type not in (qt.CLOZE, qt.TRUE_FALSE) and text.endswith("?")
    if q.type != qt.IMAGE and q.passage is not None and not corpus.is_caption(q.passage) and \
            names_no_place(text, corpus):
        reasons.append("names no place in a document about one")
    if wh_question and VAGUE_PREDICATE.match(text):
        reasons.append("a vague or mental predicate: many fit")
    if q.type == qt.CLOZE and VAGUE_BLANK.match(text):
        reasons.append("a vague or mental predicate: many fit")
    if PLAN.search(text):
        reasons.append("a plan or target, not an event")
    if re.match(r"Whose\b", text) and _answer_kind(cand, corpus) != PERSON:
        reasons.append("a relative who is not a person")
    kin = KIN_OF.match(text)
    if kin:
        relative = corpus.entity_by_text(kin.group(1))
        if relative is None or relative.key not in _central_people(corpus):
            reasons.append("family of someone the document only mentions")
    if AILMENT.search(text):
        reasons.append("a person's ailments")
    if _carried_capital(text, corpus, q.passage):
        reasons.append("a sentence's opening capital in mid-question")
    if DANGLING_END.search(text):
        reasons.append("ends on a word that points back")
    if INDEFINITE.match(text) and not re.search(r"\d", text):
        reasons.append("indefinite: one of many")
    if SPORT.search(text) or SPORT.search(q.answer):
        reasons.append("sports results and records")
    if ESTIMATE.search(text):
        reasons.append("an estimate")
    if CLOCK.search(text):
        reasons.append("the hour of the day")
    if q.type not in (qt.TRUE_FALSE, qt.ORDER) and _built_on_answer(text, q.answer):
        reasons.append("a prompt word is built on the answer")
    if q.type not in (qt.TRUE_FALSE, qt.ORDER) and (
        CONTEXT_ANSWER.search(q.answer)
    ):
        reasons.append("the answer leans on context")
    if q.fact_kind == LIFESPAN and q.fact is not None:
        subject = corpus.extraction.facts[q.fact].subject
        if subject not in _central_people(corpus):
            reasons.append("life dates of someone the document only mentions")
    if cand.features.get("glossary"):
        # The teacher's own definition (content.generation.glossary) is written to stand
        # alone: "the medieval belief that …" is no reference back, a key term needs no
        # name, and a list line is no instruction.
        # A "Key people" line asks "Who was …?": "the plan" in it is as bare as anywhere.
        exempt = _GLOSSARY_EXEMPT[1:] if q.type == qt.WHO else _GLOSSARY_EXEMPT
        reasons = [r for r in reasons if not r.startswith(exempt)]
    return reasons


_GLOSSARY_EXEMPT = ("bare reference", "no name anchors it", "an instruction to the reader",
                    "'what' asked of", "a bare common noun")  # a key term ("tithe") is the point
