"""A stable, JSON-ready summary of an :class:`Extraction` (``--dry-run --json``)."""

from __future__ import annotations

from typing import Any

from content.ingest.types import Extraction


def extraction_report(extraction: Extraction) -> dict[str, Any]:
    """The report in a fixed shape; keys never change between versions."""
    doc = extraction.document
    names = {e.key: e.name for e in extraction.entities}
    figures = sorted(doc.figures, key=lambda f: f.order)
    return {
        "document": {"title": doc.title, "layout": doc.layout, "version": extraction.version},
        "passages": [
            {"text": p.text, "kind": p.kind, "topic": p.topic, "sensitive": p.sensitive,
             "reason": p.sensitive_reason}
            for p in doc.passages
        ],
        "entities": [
            {"name": e.name, "kind": e.kind, "aliases": list(e.aliases)}
            for e in extraction.entities
        ],
        "facts": [
            {
                "kind": f.kind,
                "passage": doc.passages[f.passage].text,
                "subject": names.get(f.subject) if f.subject else None,
                "answer": f.answer,
                "date": f.date.text if f.date else None,
                "year": f.date.year if f.date else None,
                "end_year": f.date.end_year if f.date else None,
                "value": f.value,
                "unit": f.unit or None,
                "relation": f.relation or None,
                "object": names.get(f.object) if f.object else None,
            }
            for f in extraction.facts
        ],
        "figures": [
            {
                "caption": doc.passages[f.passage].text,
                "topic": f.topic,
                "image": {"width": f.image.width, "height": f.image.height,
                          "format": f.image.format, "sha256": f.image.sha256}
                if f.image else None,
            }
            for f in figures
        ],
    }
