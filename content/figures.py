"""A document's figures and their pictures, written with the rest of its import.

Each caption passage has one ``Figure``. A reader that found the picture
(HTML, DOCX, PDF, EPUB, bundles) gives it as re-encoded bytes; they are stored
content-addressed (``figures/<sha[:2]>/<sha>.webp`` and ``…-thumb.webp``), so a
picture that is in many documents, or imported twice, is one file.
"""

from __future__ import annotations

from content import files
from content.ingest import types as t
from content.models import Document, Figure, Passage

FIGURE_FIELDS = [
    "document",
    "topic",
    "order",
    "image",
    "thumbnail",
    "width",
    "height",
    "thumbnail_width",
    "thumbnail_height",
    "format",
    "sha256",
]


def image_paths(image: t.ImageData) -> tuple[str, str]:
    """Where a picture and its thumbnail are stored: a function of their content only."""
    ext = "jpg" if image.format == "jpeg" else image.format
    base = f"figures/{image.sha256[:2]}/{image.sha256}"
    return f"{base}.{ext}", f"{base}-thumb.{ext}"


def figures_persist(
    *, document: Document, extraction: t.Extraction, passages: list[Passage]
) -> None:
    """Create or update the figure of each caption passage; ``passages`` is index-aligned.

    Call inside ``files.import_files()``: the pictures written here go again if
    the import's transaction does not commit.
    """
    found = {id(passages[f.passage]): f for f in reversed(extraction.document.figures)}
    existing = {f.passage_id: f for f in Figure.objects.filter(passage__document=document)}
    new: list[Figure] = []
    changed: list[Figure] = []
    seen: set[int] = set()
    for row in passages:
        if row.kind != t.CAPTION or id(row) in seen:
            continue
        seen.add(id(row))
        item = found.get(id(row))
        figure = existing.get(row.pk)
        if figure is None:
            alt = item.alt if item and item.alt else row.text
            figure = Figure(passage=row, alt_text=alt[:500])
            new.append(figure)
        else:
            changed.append(figure)
        figure.document = document
        figure.topic = row.topic
        figure.order = len(seen) - 1
        # A picture an admin uploaded by hand (no sha256) outlives re-imports.
        if figure.image and not figure.sha256:
            continue
        _set_image(figure, item.image if item else None)
    Figure.objects.bulk_create(new, batch_size=500)
    Figure.objects.bulk_update(changed, FIGURE_FIELDS, batch_size=500)


def _set_image(figure: Figure, image: t.ImageData | None) -> None:
    if image is None:
        figure.image = figure.thumbnail = ""
        figure.width = figure.height = figure.thumbnail_width = figure.thumbnail_height = None
        figure.format = figure.sha256 = ""
        return
    path, thumbnail_path = image_paths(image)
    figure.image = files.store(path, image.data)
    figure.thumbnail = files.store(thumbnail_path, image.thumbnail)
    figure.width, figure.height = image.width, image.height
    figure.thumbnail_width = image.thumbnail_width or None
    figure.thumbnail_height = image.thumbnail_height or None
    figure.format, figure.sha256 = image.format, image.sha256
