"""A handout's "Key people" and "Key terms" lists, asked as the teacher wrote them.

"Name: who they were." gives a "Who was …?" question;
"term: what it means" under a heading of terms gives "What name is given to …?".

"Ilsa Varn: Varnian queen who signed the Treaty of Oskar in 1231." is what a
teacher wants remembered about her, in the teacher's own words, so it is asked
as "Who was the Varnian queen who signed the Treaty of Oskar in 1231?". The
entry must single one person out: a "who" clause, a date or an action ("killed
at Belmor"). "Queen of Varnia" alone fits every queen and gives nothing. A term's
meaning must not contain the term ("oath of loyalty: an oath …"), nor be a
translation in quotation marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from content.generation import types as qt
from content.generation.corpus import Candidate, Corpus, candidate
from content.generation.veto_patterns import role_noun
from content.generation.wording import ANAPHORA, tidy
from content.ingest.types import PERSON

# "Name: gloss" — the same shape the vetoes refuse as a sentence (veto_patterns.GLOSSARY_ENTRY).
_ENTRY = re.compile(r"^(?P<name>[A-Z][^:]{1,60}):\s+(?P<gloss>\S.*?)\.?\s*$")
# A list line whose term may be lower case ("tithe: a tenth of …"), under a terms heading.
_TERM_ENTRY = re.compile(r"^(?P<name>[\w][\w '’-]{1,40}):\s+(?P<gloss>\S.*?)\.?\s*$")
_TERMS_HEADING = re.compile(r"\b(?:terms?|glossary|vocabulary|words|concepts)\b", re.IGNORECASE)
_SINGLES_OUT = re.compile(r"\b(?:who|whose|which|that)\b|\b\d{3,4}\b|\b[a-z]{3,}ed\b")
_VERB_FIRST = re.compile(r"^[a-z]+ed\b|^(?:won|led|fought|ruled|wrote|built|became|founded|"
                         r"made|took|gave|began|held|met|ran|sent|kept|lost|broke|drew)\b")
SLOT = "glossary"
def glossary_questions(corpus: Corpus) -> Iterator[Candidate]:
    for index, passage in enumerate(corpus.passages):
        if passage.topic and _TERMS_HEADING.search(passage.topic):
            term = _term_question(corpus, index)
            if term is not None:
                yield term
            continue
        m = _ENTRY.match(passage.text)
        if m is None:
            continue
        # The list names the person; the extractor may not mark a mention in a list line.
        person = corpus.entity_by_text(m.group("name").strip())
        if person is None or person.kind != PERSON:
            continue
        # One description: the part before a semicolon, and before a comma unless
        # the comma opens a "who" clause.
        gloss = re.split(r";\s+", m.group("gloss"))[0]
        gloss = tidy(re.split(r",\s+(?!who\b)", gloss)[0])
        if len(gloss.split()) < 4 or ANAPHORA.search(gloss) or not _SINGLES_OUT.search(gloss):
            continue
        if re.match(r"(?:a|an|one|some)\s", gloss, re.IGNORECASE):
            continue  # "a monk who …": one of several, not the one
        if re.search(r"\b(?:his|her|their|its)\b", gloss):
            continue
        # "chancellor in 1923 and foreign minister until 1929": of which country? A name,
        # nation or body in the description says where the office was.
        if not any(w[:1].isupper() for w in gloss.split() if w not in ("The", "A", "An")):
            continue
        if _VERB_FIRST.match(gloss):
            prompt = f"Who {gloss}?"
        elif not _names_a_person(gloss):
            continue  # "Rocket (1829) and the Belmor Railway": achievements, not who
        else:
            gloss = gloss[4:] if gloss.startswith(("the ", "The ")) else gloss
            prompt = f"Who was the {gloss}?"
        yield candidate(
            corpus, qt.WHO, prompt, person.name, index, slot=SLOT, difficulty=0.5, score=0.85,
            answer_entity=person.key, answer_kind=person.kind, mc_ok=True,
            accepted=corpus.accepted(person.key), features={"glossary": 1.0},
        )


def _term_question(corpus: Corpus, index: int) -> Candidate | None:
    m = _TERM_ENTRY.match(corpus.passages[index].text)
    if m is None:
        return None
    term = m.group("name").strip()
    gloss = tidy(re.split(r";\s+", m.group("gloss"))[0])
    if len(gloss.split()) < 4 or ANAPHORA.search(gloss) or gloss[:1] in "\"“'‘(":
        return None
    # The meaning must not say the term: "unequal treaties: treaties that …".
    stems = {w.casefold()[:5] for w in re.findall(r"[\w’'-]{4,}", term)}
    if stems & {w.casefold()[:5] for w in re.findall(r"[\w’'-]{4,}", gloss)}:
        return None
    # "the official name of the X Plan": a name for a name, asked as "What name is given to
    # the official name of …?"; "Communist Information Bureau" spells out "Cominform".
    if re.match(r"(?:the\s+|an?\s+)?(?:official\s+|full\s+|formal\s+|other\s+|short\s+|code\s+)?"
                r"(?:name|title|abbreviation)\s+(?:of|for)\b", gloss, re.IGNORECASE) or \
            spelled_out(term, gloss):
        return None
    entity = corpus.entity_by_text(term)
    if entity is not None and entity.kind == PERSON:
        return None  # a person in a terms list is asked as a person
    prompt = f"What name is given to {gloss}?"
    return candidate(
        corpus, qt.WHAT, prompt, term, index, slot=SLOT, difficulty=0.5, score=0.8,
        answer_entity=entity.key if entity else None, answer_kind=entity.kind if entity else "",
        accepted=corpus.accepted(entity.key) if entity else [], features={"glossary": 1.0},
    )


def _names_a_person(gloss: str) -> bool:
    """The description's head noun is a person's role: "German chancellor who …",
    "leader of the Belmor Union", "young relative of …" (not "water mill (1769)")."""
    head_phrase = re.split(r"\s+(?:who|whose|of|at|in|from|for|to|on|during|under|and|with)\b|"
                           r"[,(;]", gloss, maxsplit=1)[0]
    words = head_phrase.split()
    if not words:
        return False
    return role_noun(words[-1])


def spelled_out(term: str, text: str) -> bool:
    """``term`` is made of the first letters of a run of ``text``'s capitalised words:
    "NATO" of "North Atlantic Treaty Organization", "Cominform" of "Communist Information"."""
    target = re.sub(r"[^a-z]", "", term.casefold())
    words = [w.casefold() for w in re.findall(r"\b[A-Z][\w’'-]*", text)]
    if len(target) < 3 or not words:
        return False

    def build(rest: str, k: int) -> bool:
        if not rest:
            return True
        if k >= len(words):
            return False
        return any(rest.startswith(words[k][:n]) and build(rest[n:], k + 1)
                   for n in range(len(words[k]), 0, -1))

    return any(build(target, k) for k in range(len(words)) if target[0] == words[k][0])
