"""Questions asked in place: "… concluded which treaty with Japan?", "… how many tons …?".

Rewriting the sentence around the asked-for span needs no grammar beyond the
span itself, so it works on any English sentence the extractor found a fact in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from content.generation import types as qt
from content.generation.corpus import Candidate, Corpus, candidate
from content.generation.dated import HAPPENINGS, head_noun
from content.generation.sentences import rewrite
from content.generation.wording import ANAPHORA, content_words, strip_parentheticals
from content.ingest.sentences import split_sentences
from content.ingest.types import EVENT, ORGANIZATION, QUANTITY

# Nouns that say what kind of thing an event or organisation is.
KIND_NOUNS = HAPPENINGS | {
    "treaty", "agreement", "pact", "accord", "accords", "declaration", "proclamation",
    "act", "address", "doctrine", "plan", "army", "navy", "force", "forces", "corps",
    "division", "brigade", "regiment", "battalion", "fleet", "squadron", "academy",
    "university", "college", "school", "party", "government", "committee", "league",
    "union", "alliance", "company", "society", "association", "tribunal", "court",
    "ministry", "agency", "institute", "bank", "newspaper", "magazine", "order",
    "organization", "organisation", "group", "network", "railroad", "railway", "unit",
    "front", "movement", "dynasty", "empire", "republic", "kingdom", "museum", "memorial",
}  # fmt: skip
_APPROX = (
    r"(?:about|approximately|around|some|nearly|almost|roughly|over|more than|"
    r"fewer than|less than|at least|up to|an estimated|estimated|c\.|circa)"
)


_LINKS = {"in", "on", "at", "of", "with", "during", "from", "to", "by", "for", "and", "or",
          "was", "were", "is", "are", "had", "has", "have", "took", "began", "ended", "led",
          "after", "before", "against", "between", "under", "near", "into", "as", "than",
          "that", "which", "who", "when", "where", "while", "but", "remains",
          "remained"}  # fmt: skip


def stands_alone(after: str) -> bool:
    """The name is not a modifier of a following noun ("X soldiers", "X Commander Y")."""
    if not after.strip() or re.match(r"^\s*[,.;:)?!]", after):
        return True
    m = re.match(r"^\s*([\w'’-]+)", after)
    if not m:
        return True
    word = m.group(1)
    # "Time magazine" names a kind; "Confederate forces" is an adjective on a plural.
    if word in _LINKS or (word in KIND_NOUNS and not word.endswith("s")) or word in ("'s", "’s"):
        return True
    return word.islower() and word.endswith(("ed", "ing"))


def _is_clause(text: str) -> bool:
    return bool(re.search(r"\b(?:is|are|was|were|has|had|have|[a-z]{3,}ed)\b", text))


def which_questions(corpus: Corpus) -> Iterator[Candidate]:
    for index, passage in enumerate(corpus.passages):
        text = passage.text
        for use in corpus.uses(index):
            entity = use.entity
            if entity.kind not in (EVENT, ORGANIZATION):
                continue
            head = head_noun(entity.name)
            if head not in KIND_NOUNS or not re.fullmatch(r"[a-z]+", head):
                continue
            m = use.mention
            start = m.start
            mods = text[m.start : use.name_start].strip()
            if re.match(r"^[Tt]he\b", mods):
                mods = mods[3:].strip()
            else:
                the = re.search(r"(?:^|\s)([Tt]he\s+)(\d{4}\s+|[a-z]+-[a-z]+\s+)?$",
                                text[: m.start])
                if the:
                    start = the.start(1)
                    mods = ((the.group(2) or "") + mods).strip()
            if not re.fullmatch(r"(?:\d{4}|[A-Za-z]+(?:-[a-z]+)?)?", mods):
                continue
            if not stands_alone(text[m.end :]) or re.search(r"(?:\d(?:st|nd|rd|th)?|['’]s)\s+$",
                                                            text[:start]):
                continue  # "the 20th which regiment", "Meade's which army"
            verbless = passage.kind == "caption" and not _is_clause(text)
            if verbless and start == 0:
                continue
            phrase = f"which {mods + ' ' if mods else ''}{head}"
            if start == 0:
                phrase = "W" + phrase[1:]
            body = rewrite(corpus, index, start, m.end, phrase)
            if body is None or entity.name.casefold() in body.casefold():
                continue
            if len(content_words(body)) < 5:
                continue
            yield candidate(
                corpus,
                qt.WHAT,
                body + "?",
                entity.name,
                index,
                difficulty=0.5,
                score=0.75 if passage.kind != "caption" else 0.65,
                answer_entity=entity.key,
                answer_kind=entity.kind,
                mc_ok=True,
                accepted=corpus.accepted(entity.key),
            )


def _number_text(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,}"


def how_many_questions(corpus: Corpus) -> Iterator[Candidate]:
    for fi, fact in enumerate(corpus.extraction.facts):
        if fact.kind != QUANTITY or fact.value is None or not fact.span or not fact.unit:
            continue
        text = corpus.passages[fact.passage].text
        start, end = fact.span
        after = text[end:]
        if not re.match(r"\s+(?:\w+\s+){0,2}?" + re.escape(fact.unit) + r"\b", after):
            continue
        approx = re.search(_APPROX + r"\s+$", text[:start], flags=re.IGNORECASE)
        relative = re.search(r"\b(?:that|which|where|who)\b", text[:start])
        passage = corpus.passages[fact.passage]
        if relative and passage.kind == "caption" and not _is_clause(text[: relative.start()]):
            continue  # "A monument that says there were how many …?" is not a question
        phrase = "How many" if start == 0 else "how many"
        body = rewrite(corpus, fact.passage, start, end, phrase)
        if body is None:
            continue
        written = text[start:end]
        # The answer as written keeps "three" from matching inside "1937" when graded.
        answer = written
        approximate = bool(approx) or fact.value >= 1000
        tolerance = 0.1 if approximate else 0.0
        yield candidate(
            corpus,
            qt.HOW_MANY,
            body + "?",
            answer,
            fact.passage,
            fact=fi,
            fact_kind=fact.kind,
            accepted=[_number_text(fact.value)],
            tolerance=tolerance,
            difficulty=0.6 if approximate else 0.5,
            score=0.75 + 0.1 * fact.confidence,
        )


_DEFINITION = re.compile(
    r"^(?P<subject>(?:The\s+)?[A-Z][\w’'-]*(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][\w’'-]*){0,6})"
    r"(?:\s+or\s+(?:the\s+)?(?P<alias>[A-Z][\w’'-]*(?:\s+(?:of\s+)?[A-Z][\w’'-]*){0,5}))?"
    r"\s+(?P<verb>is|was|are|were)\s+(?P<predicate>(?:the|a|an)\s+.+)$"
)


# Capitalised sentence openers the definition pattern would take for a name.
_NOT_A_NAME = {"although", "though", "while", "whereas", "because", "if", "unless", "when",
               "since", "after", "before", "once", "there", "this", "these", "that", "those",
               "it", "here"}  # fmt: skip


def definition_questions(corpus: Corpus) -> Iterator[Candidate]:
    """ "The X was the main fighter plane used by …" → "What was the main fighter plane …?"."""
    for index, passage in enumerate(corpus.passages):
        for sentence in split_sentences(passage.text):
            cleaned = strip_parentheticals(sentence).rstrip(".")
            m = _DEFINITION.match(cleaned)
            if not m:
                continue
            subject = m.group("subject")
            if subject.split(" ", 1)[0].casefold() in _NOT_A_NAME:
                continue  # "Although X is …, Y …", "There is …": the opener is no subject
            if subject.startswith("The "):
                subject = subject[4:]
            predicate = m.group("predicate")
            if ANAPHORA.search(predicate) or len(predicate.split()) < 4 or len(predicate) > 160:
                continue
            entity = corpus.entity_by_text(subject)
            if entity is not None and entity.kind == "person":
                continue  # "Who was …?" is asked from the person's description instead
            accepted = [m.group("alias")] if m.group("alias") else []
            if entity is not None:
                accepted += corpus.accepted(entity.key)
            prompt = f"What {m.group('verb')} {predicate}?"
            yield candidate(
                corpus, qt.WHAT, prompt, subject, index, accepted=accepted, slot="definition",
                difficulty=0.55, score=0.8,
                answer_entity=entity.key if entity else None,
                answer_kind=entity.kind if entity else "", mc_ok=entity is not None,
            )
