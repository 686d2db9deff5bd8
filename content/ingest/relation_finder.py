"""The state and lookups that every relation pattern of a passage shares.

:class:`content.ingest.relations.Relations` adds the patterns; this base holds the
passage, its mentions, and :meth:`RelationFinder.add`, the one writer of a fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from content.ingest.names import normalize_key
from content.ingest.types import PERSON, RELATION, Entity, Fact, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class RelationFinder:
    """One passage: its text, parse and mentions, and the relation facts found so far."""

    def __init__(self, entities: dict[str, Entity], index: int, text: str, doc: Doc | None,
                 mentions: list[Mention], kind: str,
                 owner_of_pronoun: Callable[[int, str | None], str | None],
                 topic: str | None = None) -> None:
        self.entities = entities
        self.index = index
        self.text = text
        self.doc = doc
        self.mentions = mentions
        self.passage_kind = kind
        self.owner_of_pronoun = owner_of_pronoun
        self.topic = topic
        self.facts: list[Fact] = []
        self._seen: set[tuple[str, str, str]] = set()
        self._short: dict[str, str] | None = None

    # -- helpers ----------------------------------------------------------

    def kind(self, key: str | None) -> str | None:
        entity = self.entities.get(key or "")
        return entity.kind if entity else None

    def people(self) -> list[Mention]:
        return [m for m in self.mentions if self.kind(m.entity) == PERSON]

    def starting_at(self, pos: int, kinds: tuple[str, ...] | None = None) -> Mention | None:
        """The mention that starts at ``pos`` (its written form may add a "the ")."""
        for m in self.mentions:
            if kinds is not None and self.kind(m.entity) not in kinds or m.end <= pos:
                continue
            lo, hi = sorted((m.start, pos))
            if hi - lo <= 4 and self.text[lo:hi].casefold() in ("", "the "):
                return m
        return None

    def ending_before(self, pos: int, kinds: tuple[str, ...], glue: str = " ,'’s"
                      ) -> Mention | None:
        """The mention right before ``pos``, with only ``glue`` characters between."""
        best = None
        for m in self.mentions:
            if m.end <= pos and self.kind(m.entity) in kinds and not self.text[
                m.end : pos
            ].strip(glue):
                best = m
        return best

    def at_token(self, token: Token, kinds: tuple[str, ...]) -> Mention | None:
        for m in self.mentions:
            if m.start <= token.idx < m.end and self.kind(m.entity) in kinds:
                return m
        if PERSON in kinds and token.pos_ == "PROPN" and not any(
            m.start <= token.idx < m.end for m in self.mentions
        ):
            # A bare family name the model missed ("Grant commanded ..."), when it is
            # the short form of exactly one person of the document.
            key = self.short_forms().get(token.text)
            if key:
                return Mention(self.index, key, token.idx, token.idx + len(token), token.text)
        return None

    def short_forms(self) -> dict[str, str]:
        if self._short is None:
            owners: dict[str, set[str]] = {}
            for e in self.entities.values():
                if e.kind != PERSON:
                    continue
                for name in (e.name, *e.aliases):
                    words = name.split()
                    if len(words) >= 2 or name != e.name:
                        owners.setdefault(words[-1], set()).add(e.key)
            # Shared by several people ("Grant" of husband and wife): the passage's
            # topic person, if it is one of them.
            self._short = {w: next(iter(k)) if len(k) == 1 else self.topic or ""
                           for w, k in owners.items()
                           if (len(k) == 1 or self.topic in k) and w[:1].isupper()
                           and len(w) > 2}
        return self._short

    def add(self, subject: Mention | str | None, relation: str, obj: Mention | str | None,
            answer: Mention | None, confidence: float) -> None:
        s = subject.entity if isinstance(subject, Mention) else subject
        o = obj.entity if isinstance(obj, Mention) else obj
        if not s or not o or s == o or (s, relation, o) in self._seen:
            return
        self._seen.add((s, relation, o))
        if answer is None:
            answer = subject if isinstance(subject, Mention) else None
        if answer is not None:
            text = re.sub(r"['’]s?$", "", self.text[answer.start : answer.end])
            span = (answer.start, answer.start + len(text))
        else:
            name = self.entities[s].name
            span = None
            text = name
        start = min(x.start for x in (subject, obj) if isinstance(x, Mention)) if any(
            isinstance(x, Mention) for x in (subject, obj)) else 0
        end = max(x.end for x in (subject, obj) if isinstance(x, Mention)) if any(
            isinstance(x, Mention) for x in (subject, obj)) else len(self.text)
        self.facts.append(Fact(kind=RELATION, passage=self.index, subject=s, answer=text,
                               relation=relation, object=o, span=span,
                               context=self.text[start:end], confidence=confidence))

    def pairs(self) -> set[tuple[str, str]]:
        return {(f.subject or "", f.object or "") for f in self.facts}

    def key_for(self, name: str) -> str | None:
        key = normalize_key(name)
        for e in self.entities.values():
            if e.key == key or key in {normalize_key(a) for a in e.aliases}:
                return e.key
        return None
