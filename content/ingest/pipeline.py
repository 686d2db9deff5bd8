"""The pure ingest pipeline: text in, :class:`Extraction` out (no Django, no database)."""

from __future__ import annotations

from collections.abc import Callable

from content.ingest.facts import extract_facts
from content.ingest.nlp import analyse, get_nlp
from content.ingest.parse import parse_document
from content.ingest.sensitivity import flag_passages
from content.ingest.types import Extraction

# Bump when a change alters what is extracted, so stored documents can be re-run.
EXTRACTOR_VERSION = "ingest-1.2"

Progress = Callable[[str, int], None]


class _Keep:
    """The spaCy pipeline, remembering the Docs it made so the generator need not re-parse."""

    def __init__(self, nlp) -> None:  # noqa: ANN001
        self.nlp = nlp
        self.docs: list = []

    def pipe(self, texts, **kwargs):  # noqa: ANN001, ANN003, ANN201
        for doc in self.nlp.pipe(texts, **kwargs):
            self.docs.append(doc)
            yield doc


def extract(text: str, filename: str = "", progress: Progress | None = None) -> Extraction:
    """Parse, find entities, facts and sensitive passages in ``text``."""

    def report(stage: str, percent: int) -> None:
        if progress:
            progress(stage, percent)

    report("parsing", 0)
    parsed = parse_document(text, filename)
    report("entities", 15)
    keep = _Keep(get_nlp())
    result = analyse(parsed, keep)  # type: ignore[arg-type]
    report("facts", 70)
    facts = extract_facts(parsed, result)
    report("sensitivity", 90)
    flag_passages(parsed.passages)
    report("done", 100)
    return Extraction(document=parsed, entities=result.entities, mentions=result.mentions,
                      facts=facts, version=EXTRACTOR_VERSION,
                      parses=keep.docs if len(keep.docs) == len(parsed.passages) else [])
