"""Between Recall's models and the format dataclasses.

Questions are reached through the deck's entries (or ``apps.get_model``), so
moving ``Question`` to another app changes nothing here.
"""

from __future__ import annotations

import os

from quizzes.interop import apkg, gift, moodle_xml, tabular
from quizzes.interop.cards import CardData, DeckData, FormatError, ImportResult

# Statuses a student may see; rejected and retired questions never leave.
EXPORTED_STATUSES = ("draft", "approved")


class ExportFormat:
    def __init__(self, name: str, label: str, extension: str, content_type: str):
        self.name, self.label = name, label
        self.extension, self.content_type = extension, content_type


FORMATS = {
    f.name: f
    for f in (
        ExportFormat("apkg", "Anki package (.apkg)", "apkg", "application/octet-stream"),
        ExportFormat("tsv", "Quizlet (tab-separated .txt)", "txt", "text/tab-separated-values"),
        ExportFormat("csv", "Spreadsheet, every field (.csv)", "csv", "text/csv"),
        ExportFormat("gift", "Moodle GIFT (.txt)", "gift.txt", "text/plain"),
        ExportFormat("moodle-xml", "Moodle XML (.xml)", "xml", "application/xml"),
    )
}


def _image(question) -> tuple[bytes | None, str]:
    figure = question.figure
    if figure is None or not figure.image:
        return None, ""
    try:
        with figure.image.open("rb") as handle:
            return handle.read(), os.path.basename(figure.image.name)
    except OSError:
        return None, ""  # a missing file: the question still exports, without its picture


def card_from_question(question) -> CardData:
    passage = question.passage
    image_bytes, image_name = _image(question)
    return CardData(
        key=question.key,
        type=question.type,
        prompt=question.prompt,
        answer=question.answer,
        accepted=list(question.accepted or []),
        choices=list(question.choices or []),
        tolerance=question.tolerance,
        explanation=question.explanation,
        passage_text=passage.text if passage else "",
        topic=passage.topic.name if passage and passage.topic else "",
        document_title=question.document.title,
        image_bytes=image_bytes,
        image_name=image_name,
    )


def deck_data(deck) -> DeckData:
    entries = (
        deck.entries.filter(question__status__in=EXPORTED_STATUSES)
        .select_related(
            "question__passage__topic", "question__document", "question__figure"
        )
        .defer("question__document__raw_text", "question__passage__raw_text")
        .order_by("position", "id")
    )
    return DeckData(
        title=deck.title,
        key=f"recall-deck-{deck.pk}",
        cards=[card_from_question(entry.question) for entry in entries],
    )


def export_deck(deck, fmt: str) -> tuple[bytes, int]:
    """The file's bytes, and how many questions the format could not carry."""
    data = deck_data(deck)
    if fmt == "apkg":
        return apkg.export_apkg(data), 0
    if fmt == "tsv":
        return tabular.export_tsv(data).encode("utf-8"), 0
    if fmt == "csv":
        # A BOM, so that Excel reads the file as UTF-8.
        return tabular.export_csv(data).encode("utf-8-sig"), 0
    if fmt == "gift":
        text, skipped = gift.export_gift(data)
        return text.encode("utf-8"), skipped
    if fmt == "moodle-xml":
        return moodle_xml.export_moodle_xml(data)
    raise ValueError(f"Unknown export format: {fmt}")


def export_filename(deck, fmt: str) -> str:
    stem = "".join(ch if ch.isalnum() else "-" for ch in deck.title).strip("-")[:60] or "deck"
    return f"{stem.lower()}.{FORMATS[fmt].extension}"


IMPORT_SUFFIXES = (".apkg", ".colpkg", ".csv", ".tsv", ".txt", ".gift", ".xml")


def read_file(name: str, stream) -> ImportResult:
    """Parse an uploaded file by its name; FormatError says what is wrong with it."""
    lower = name.lower()
    if lower.endswith(".colpkg"):
        raise FormatError("This is a whole Anki collection (.colpkg); export a deck (.apkg).")
    if lower.endswith(".apkg"):
        return apkg.import_apkg(stream.read())
    if lower.endswith(".xml"):
        return moodle_xml.import_moodle_xml(stream.read())
    if lower.endswith(".gift") or lower.endswith(".gift.txt"):
        return gift.import_gift(_decode(stream.read()))
    if lower.endswith(".csv"):
        return tabular.import_tabular(stream, delimiter=",")
    if lower.endswith((".tsv", ".txt")):
        head = stream.read(64 * 1024)
        stream.seek(0)
        if _looks_like_gift(head):
            return gift.import_gift(_decode(stream.read()))
        return tabular.import_tabular(stream, delimiter="\t")
    raise FormatError(
        "Recall imports Anki packages (.apkg), CSV or tab-separated text (.csv, .tsv, .txt), "
        "Moodle GIFT (.gift, .txt) and Moodle XML (.xml)."
    )


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError("This file is not UTF-8 text. Save it as UTF-8 and try again.") from exc


def _looks_like_gift(head: bytes) -> bool:
    text = head.decode("utf-8", "ignore")
    return "\t" not in text.split("\n", 1)[0] and ("{" in text and "}" in text) and (
        "::" in text or "{=" in text or "{~" in text or "{T" in text or "{F" in text
        or "{#" in text
    )
