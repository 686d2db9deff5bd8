"""The pure ingest pipeline: text in, :class:`Extraction` out (no Django, no database)."""

from __future__ import annotations

from collections.abc import Callable

from content.ingest.facts import extract_facts
from content.ingest.limits import bound_runs
from content.ingest.nlp import analyse
from content.ingest.parse import parse_document
from content.ingest.sensitivity import flag_passages
from content.ingest.types import Extraction, ParsedDocument

# Bump when a change alters what is extracted, so stored documents can be re-run.
EXTRACTOR_VERSION = "ingest-1.8"

Progress = Callable[[str, int], None]


def extract(text: str, filename: str = "", progress: Progress | None = None) -> Extraction:
    """Parse, find entities, facts and sensitive passages in ``text``."""
    if progress:
        progress("parsing", 0)
    return extract_parsed(parse_document(bound_runs(text), filename), progress)


def extract_parsed(parsed: ParsedDocument, progress: Progress | None = None) -> Extraction:
    """Find entities, facts and sensitive passages in a document a reader has parsed.

    The readers (HTML, DOCX, PDF, EPUB, bundles) give passages and figures
    already; the figures ride along in ``Extraction.document``.
    """

    def report(stage: str, percent: int) -> None:
        if progress:
            progress(stage, percent)

    report("entities", 15)
    result = analyse(parsed)
    report("facts", 70)
    facts = extract_facts(parsed, result)
    report("sensitivity", 90)
    flag_passages(parsed.passages, result.docs)  # the parse made for the entities
    report("done", 100)
    return Extraction(document=parsed, entities=result.entities, mentions=result.mentions,
                      facts=facts, version=EXTRACTOR_VERSION,
                      # The generator reads the same parses instead of re-parsing.
                      parses=result.docs)
