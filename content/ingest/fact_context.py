"""What the fact extractors of one document share: its entities, and who a passage is about.

Used by :mod:`content.ingest.facts` and :mod:`content.ingest.quantities`.
"""

from __future__ import annotations

from content.ingest.names import normalize_key
from content.ingest.nlp import NlpResult
from content.ingest.relations import main_person
from content.ingest.types import EVENT, ORGANIZATION, PERSON, PLACE, Mention, ParsedDocument


class FactContext:
    """The document's entities by key, its main person, and the topic person of a passage."""

    def __init__(self, parsed: ParsedDocument, nlp: NlpResult) -> None:
        self.parsed = parsed
        self.nlp = nlp
        self.entities = {e.key: e for e in nlp.entities}
        self.main_person = main_person(self.entities, nlp.by_passage)

    def kind(self, key: str | None) -> str | None:
        entity = self.entities.get(key or "")
        return entity.kind if entity else None

    def topic_person(self, index: int) -> str | None:
        topic = self.parsed.passages[index].topic
        if not topic:
            return None
        key = normalize_key(topic)
        for entity in self.nlp.entities:
            if entity.kind == PERSON and (
                entity.key == key or key in {normalize_key(a) for a in entity.aliases}
            ):
                return entity.key
        return None



def main_subject(ctx: FactContext, index: int, mentions: list[Mention], near: int) -> str | None:
    """The passage's main event, else its first person (or a pronoun's referent)."""
    events = [m for m in mentions if ctx.kind(m.entity) == EVENT]
    if events:
        return min(events, key=lambda m: abs(m.start - near)).entity
    people = [m for m in mentions if ctx.kind(m.entity) == PERSON]
    if people:
        return people[0].entity
    others = [m for m in mentions if ctx.kind(m.entity) in (ORGANIZATION, PLACE)]
    if others:
        return others[0].entity
    return ctx.topic_person(index)
