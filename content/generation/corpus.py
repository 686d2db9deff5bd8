"""An index over one :class:`Extraction` that every question builder reads from."""

from __future__ import annotations

import dataclasses
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from content.generation.types import GeneratedQuestion
from content.generation.wording import STOPWORDS, norm
from content.ingest.dates import find_dates, find_day_months
from content.ingest.names import PERSON_TITLES
from content.ingest.types import (
    CAPTION,
    DATED_EVENT,
    EVENT,
    GROUP,
    LIFESPAN,
    PERSON,
    Entity,
    Extraction,
    Mention,
    Passage,
)

ANSWER_KINDS = (PERSON, "place", EVENT, "organization")
YEAR_KIND = "year"
# Titles ("King", "Duke") are words of many names, not a sign of another person.
_TITLE_WORDS = frozenset(w for t in PERSON_TITLES for w in t.split())


@dataclass
class Candidate:
    """A question plus what the gates and the distractor picker need to know about it."""

    question: GeneratedQuestion
    answer_entity: str | None = None  # Entity.key when the answer is an entity
    answer_kind: str = ""  # entity kind, or YEAR_KIND
    answer_year: int | None = None
    true_years: set[int] = field(default_factory=set)  # years that would also be right
    year_prompt: str = ""  # the prompt asked as "In what year…" for a multiple-choice variant
    mc_ok: bool = False  # may become multiple choice
    # Named quality signals that the ranker in content.generation.scoring reads.
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class EntityUse:
    entity: Entity
    mention: Mention
    name_start: int  # where the bare name starts inside the passage (titles excluded)
    name_end: int


# How many sentences without any date a bare "On 14 June" may look back across for its year.
LOOK_BACK = 8


class Corpus:
    def __init__(self, extraction: Extraction) -> None:
        self.extraction = extraction
        self.passages: list[Passage] = extraction.passages
        self.entities: dict[str, Entity] = {e.key: e for e in extraction.entities}
        self.mentions: dict[int, list[Mention]] = defaultdict(list)
        for m in extraction.mentions:
            if m.entity in self.entities and 0 <= m.passage < len(self.passages):
                self.mentions[m.passage].append(m)
        for ms in self.mentions.values():
            ms.sort(key=lambda m: (m.start, -m.end))
        # Indexes the builders ask again and again; without them generation
        # grew with the square of the document.
        self.passages_of: dict[str, set[int]] = defaultdict(set)
        self._mention_counts: dict[str, int] = defaultdict(int)
        for i, ms in self.mentions.items():
            for m in ms:
                self.passages_of[m.entity].add(i)
                self._mention_counts[m.entity] += 1
        self._dates: dict[int, list] = {}
        self._by_name: dict[str, set[str]] = defaultdict(set)
        self._tokens: dict[str, set[str]] = defaultdict(set)
        for e in extraction.entities:
            for n in self.names(e.key):
                self._by_name[norm(n)].add(e.key)
            if e.kind == PERSON:
                for tok in norm(e.name).split():
                    self._tokens[tok].add(e.key)
        self.by_topic_name = {norm(e.name): e for e in extraction.entities}
        self.years = self._entity_years()
        self._parses: list | None = (
            list(extraction.parses) if len(extraction.parses) == len(self.passages) else None
        )

    # Parses ---------------------------------------------------------------
    def parse(self, index: int):  # noqa: ANN201
        """The spaCy Doc of a passage: the extractor's, or one parse of all passages here."""
        if self._parses is None:
            try:
                from content.ingest.nlp import get_nlp

                nlp = get_nlp()
                with nlp.select_pipes(disable=[p for p in ("ner",) if p in nlp.pipe_names]):
                    self._parses = list(nlp.pipe([p.text for p in self.passages],
                                                 batch_size=64))
            except (ImportError, OSError):
                self._parses = [None] * len(self.passages)
        return self._parses[index]

    def source_sentence(self, index: int | None, prompt: str):  # noqa: ANN201
        """The sentence of the passage's parse that ``prompt`` shares most words with.

        Each passage's sentences and their lower-cased words are found once, and each
        prompt's sentence once (the vetoes and the ranker both ask)."""
        if index is None:
            return None
        found = self.__dict__.setdefault("_source_sentences", {})
        if (index, prompt) not in found:
            found[index, prompt] = self._source_sentence(index, prompt)
        return found[index, prompt]

    def _source_sentence(self, index: int, prompt: str):  # noqa: ANN202
        cache = self.__dict__.setdefault("_sentence_words", {})
        if index not in cache:
            doc = self.parse(index)
            cache[index] = ([] if doc is None else
                            [(sent, {t.lower_ for t in sent}) for sent in doc.sents])
        words = set(re.findall(r"\w+", prompt.casefold()))
        best = max(cache[index], key=lambda sw: len(sw[1] & words), default=None)
        return best[0] if best else None

    # Names ---------------------------------------------------------------
    def names(self, key: str | None) -> list[str]:
        e = self.entities.get(key or "")
        if e is None:
            return []
        return [e.name, *[a for a in e.aliases if a]]

    def accepted(self, key: str | None) -> list[str]:
        """Aliases a student may type instead of the name: only those no other entity shares."""
        e = self.entities.get(key or "")
        if e is None:
            return []
        out = []
        for alias in e.aliases:
            n = norm(alias)
            if not n or n == norm(e.name):
                continue
            owners = self._by_name.get(n, set()) | self._tokens.get(n, set())
            if owners - {e.key}:
                continue
            out.append(alias)
        return out

    def pronoun_referent(self, index: int) -> Entity | None:
        """The person a "he"/"she" in passage ``index`` stands for, when that is certain.

        The passage's topic person, or else the person the whole document is about
        (its title), provided neither this passage nor the one before it (of the same
        kind) names another person: then "he" may be them.
        """
        cache = self.__dict__.setdefault("_pronoun_referents", {})
        if index not in cache:
            cache[index] = self._pronoun_referent(index)
        return cache[index]

    def _pronoun_referent(self, index: int) -> Entity | None:
        passage = self.passages[index]
        person = self.topic_entity(passage)
        if person is None or person.kind != PERSON:
            title = self.extraction.document.title
            person = self.entity_by_text(title) if title else None
            if person is None or person.kind != PERSON:
                return None
        for i in (index, index - 1):
            if i < 0 or (i == index - 1 and self.passages[i].kind != passage.kind):
                continue
            if any(u.entity.kind == PERSON and u.entity.key != person.key for u in self.uses(i)):
                return None
            # A word of another person's name, whatever the extractor made of it here
            # ("Carranza" typed as a place, "Díaz" swallowed by a treaty's name).
            if any(self._tokens.get(norm(w), set()) - {person.key}
                   for w in re.findall(r"\b[A-Z][\w’'-]+", self.passages[i].text)
                   if norm(w) not in STOPWORDS and norm(w) not in _TITLE_WORDS):
                return None
        return person

    def full_text(self) -> str:
        """Every passage's text, joined once."""
        if "_full_text" not in self.__dict__:
            self.__dict__["_full_text"] = "\n".join(p.text for p in self.passages)
        return self.__dict__["_full_text"]

    def proper_words(self) -> frozenset[str]:
        """The words of people's names that the document never writes in lower case
        ("Cavour"): a question must not lower-case them either."""
        if "_proper_words" not in self.__dict__:
            lower = {w for p in self.passages for w in re.findall(r"\b[a-z][\w’'-]*", p.text)}
            self.__dict__["_proper_words"] = frozenset(self._tokens) - lower
        return self.__dict__["_proper_words"]

    def day_months(self, index: int) -> list:
        """The passage's days written without a year ("On 13 June"), found once."""
        found = self.__dict__.setdefault("_day_months", {})
        if index not in found:
            found[index] = find_day_months(self.passages[index].text, self.dates(index))
        return found[index]

    def narrative_year(self, index: int, month: int) -> int | None:
        """The year a bare "On 14 June" in passage ``index`` belongs to: that of the nearest
        sentence before it dated to the month or day, when that sentence has one year and no
        later month (a narrative told in order), and no caption lies between. A year alone on
        the way may move the narrative on or be an aside ("… awarded the Victoria Cross in
        1907"); with nothing dated further back it is the year. Worked out once per
        passage and month: every question of the passage asks it."""
        found = self.__dict__.setdefault("_narrative_years", {})
        if (index, month) not in found:
            found[index, month] = self._narrative_year(index, month)
        return found[index, month]

    def _narrative_year(self, index: int, month: int) -> int | None:
        gap = 0
        asides: list[int] = []
        for back in range(index - 1, -1, -1):
            if self.is_caption(back) or gap > LOOK_BACK:
                break
            dates = self.dates(back)
            if not dates:
                # "On 13 June …" before "On 14 June …": the same narrative, still in order.
                days = self.day_months(back)
                if any(d.value.month > month for d in days):
                    return None
                gap = 0 if days else gap + 1
                continue
            years = {d.value.year for d in dates} | {d.value.end_year for d in dates
                                                        if d.value.end_year}
            last = dates[-1].value
            if len(years) != 1:
                return None
            if last.month is None:
                asides.append(last.year)
                gap = 0
                continue
            if last.month > month:
                return None
            if not asides:
                return last.year
            # The nearest year alone moves the narrative on ("In 1600 Ieyasu marched …") when
            # it is at most two years on; decades on ("… the Victoria Cross in 1907" in an
            # account of 1879) it is an aside and the dated narrative's year stands.
            if 0 <= asides[0] - last.year <= 2:
                return asides[0]
            return last.year if asides[0] > last.year + 2 else None
        return asides[0] if len(set(asides)) == 1 else None

    def undated_days(self, index: int) -> list:
        """ "On 14 June" in a passage that writes no year, with the narrative's year."""
        if self.is_caption(index) or self.dates(index):
            return []
        found = []
        for d in self.day_months(index):
            year = self.narrative_year(index, d.value.month)
            if year is not None:
                found.append(dataclasses.replace(d, value=dataclasses.replace(d.value,
                                                                             year=year)))
        return found

    def capitalised_inside(self) -> frozenset[str]:
        """Words the document capitalises inside a sentence ("British", "Parliament"): names
        or adjectives of names, never to be lower-cased when they open a statement."""
        if "_capitalised_inside" not in self.__dict__:
            self.__dict__["_capitalised_inside"] = frozenset(
                w for p in self.passages
                for w in re.findall(r"(?<=[a-z0-9,;:)] )[A-Z][\w’'-]*", p.text))
        return self.__dict__["_capitalised_inside"]

    def name_words(self) -> frozenset[str]:
        """Every word of every entity's name, gathered once."""
        if "_name_words" not in self.__dict__:
            self.__dict__["_name_words"] = frozenset(
                w for e in self.entities.values() for w in e.name.split())
        return self.__dict__["_name_words"]

    def people_named(self, word: str) -> set[str]:
        """The keys of the people whose name contains ``word``."""
        return set(self._tokens.get(norm(word), ()))

    def is_alias(self, text: str, key: str | None) -> bool:
        n = norm(text)
        return any(n == norm(name) for name in self.names(key))

    def entity_by_text(self, text: str) -> Entity | None:
        keys = self._by_name.get(norm(text))
        if keys and len(keys) == 1:
            return self.entities[next(iter(keys))]
        return None

    def topic_entity(self, passage: Passage) -> Entity | None:
        if not passage.topic:
            return None
        return self.by_topic_name.get(norm(passage.topic))

    # Mentions -------------------------------------------------------------
    def uses(self, index: int) -> list[EntityUse]:
        """Entity mentions of a passage, with the bare name located inside the mention."""
        cache = self.__dict__.setdefault("_uses", {})
        if index not in cache:
            cache[index] = self._uses_of(index)
        return list(cache[index])

    def _uses_of(self, index: int) -> list[EntityUse]:
        text = self.passages[index].text
        out = []
        ms = self.mentions.get(index, [])
        for m in ms:
            e = self.entities[m.entity]
            if text[m.start : m.end] != m.text:
                continue
            # "India" inside "The India–China airlift" is part of another name.
            if any(o is not m and o.start <= m.start and m.end <= o.end
                   and (o.end - o.start) > (m.end - m.start) for o in ms):
                continue
            start, end = m.start, m.end
            aliases = sorted(e.aliases, key=len, reverse=True)
            for name in [e.name, *aliases]:
                pos = m.text.find(name)
                if pos >= 0 and re.match(r"\w", name):
                    start, end = m.start + pos, m.start + pos + len(name)
                    break
            out.append(EntityUse(e, m, start, end))
        return out

    def answer_uses(self, index: int) -> list[EntityUse]:
        return [u for u in self.uses(index) if u.entity.kind in ANSWER_KINDS]

    # Eras ----------------------------------------------------------------
    def _entity_years(self) -> dict[str, float]:
        years: dict[str, list[int]] = defaultdict(list)
        passage_years: dict[int, list[int]] = defaultdict(list)
        for f in self.extraction.facts:
            if f.date and f.kind in (DATED_EVENT, LIFESPAN):
                passage_years[f.passage].append(f.date.year)
                if f.subject:
                    years[f.subject].append(f.date.year)
        for i in range(len(self.passages)):
            if i not in passage_years:
                passage_years[i] = [d.value.year for d in self.dates(i)]
        for i, ms in self.mentions.items():
            for m in ms:
                years[m.entity].extend(passage_years.get(i, []))
        return {k: statistics.median(v) for k, v in years.items() if v}

    def entity_topics(self, key: str) -> set[str]:
        return {self.passages[i].topic or "" for i in self.passages_of.get(key, ())}

    def mention_count(self, key: str) -> int:
        return self._mention_counts.get(key, 0)

    def is_recurring(self, key: str) -> bool:
        """A name the whole document keeps returning to: one of its subjects.

        Blanking it in a caption tests a guess, not recall. "Recurring" is at
        least 8 mentions and at least one passage in ten.
        """
        count = self._mention_counts.get(key, 0)
        return count >= 8 and count * 10 >= len(self.passages)

    def dates(self, index: int) -> list:
        """The dates found in a passage, found once."""
        if index not in self._dates:
            self._dates[index] = find_dates(self.passages[index].text)
        return self._dates[index]

    def is_caption(self, index: int) -> bool:
        return self.passages[index].kind == CAPTION

    def groups(self) -> set[str]:
        return {k for k, e in self.entities.items() if e.kind == GROUP}


def candidate(
    corpus: Corpus,
    qtype: str,
    prompt: str,
    answer: str,
    passage: int,
    *,
    fact: int | None = None,
    fact_kind: str = "",
    accepted: list[str] | None = None,
    difficulty: float = 0.5,
    score: float = 0.5,
    tolerance: float = 0.0,
    slot: str = "",
    **extra: object,
) -> Candidate:
    from content.generation.keys import question_key

    text = corpus.passages[passage].text
    accepted = [a for a in dict.fromkeys(accepted or []) if a and norm(a) != norm(answer)]
    question = GeneratedQuestion(
        type=qtype,
        prompt=prompt,
        answer=answer,
        key=question_key(qtype, text, fact_kind, answer, slot),
        accepted=accepted,
        passage=passage,
        fact=fact,
        fact_kind=fact_kind,
        difficulty=round(min(max(difficulty, 0.0), 1.0), 2),
        tolerance=tolerance,
        score=round(score, 3),
    )
    return Candidate(question=question, **extra)  # type: ignore[arg-type]
