"""Quizlet TSV (term TAB definition), and a full CSV with every field.

Cells that a spreadsheet would run as a formula (starting with ``= + - @``, a
tab or a carriage return) get a leading apostrophe, as OWASP's CSV-injection
guidance advises; the importer takes it off again.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator

from quizzes.interop.cards import (
    MAX_CARDS,
    CardData,
    DeckData,
    FormatError,
    ImportResult,
    guess_type,
    short_key,
    unique_keys,
)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FULL_COLUMNS = [
    "key", "type", "prompt", "answer", "accepted", "choices", "tolerance",
    "explanation", "passage", "topic", "document", "image",
]
PAIR_HEADERS = {("term", "definition"), ("front", "back"), ("question", "answer")}
MAX_FIELD = 64 * 1024


def defuse(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_START) else value


def undefuse(value: str) -> str:
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def _one_line(value: str) -> str:
    return " ".join(value.replace("\t", " ").split())


def export_tsv(deck: DeckData) -> str:
    """Quizlet's import: one card a line, term and definition split by a tab."""
    lines = []
    for card in deck.cards:
        term = card.prompt
        if card.choices and card.kind != "true_false":
            term = f"{term} ({' / '.join(card.choices)})"
        lines.append(f"{defuse(_one_line(term))}\t{defuse(_one_line(card.answer))}")
    return "\n".join(lines) + "\n"


def export_csv(deck: DeckData) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FULL_COLUMNS)
    for c in deck.cards:
        row = [
            c.key, c.type, c.prompt, c.answer, "\n".join(c.accepted), "\n".join(c.choices),
            f"{c.tolerance:g}", c.explanation, c.passage_text, c.topic, c.document_title,
            c.image_name if c.image_bytes else "",
        ]
        writer.writerow([defuse(v) for v in row])
    return out.getvalue()


# Import ----------------------------------------------------------------------


def _text_stream(stream: io.BufferedIOBase) -> io.TextIOBase:
    """UTF-8 (with or without a BOM), or UTF-16 as Excel saves "Unicode text"."""
    if hasattr(stream, "peek"):
        head = stream.peek(4)[:4]
    else:
        head = stream.read(4)
        stream.seek(0)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    return io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")


def _rows(stream: io.BufferedIOBase, delimiter: str | None) -> Iterator[list[str]]:
    text = _text_stream(stream)
    try:
        if delimiter is None:
            sample = text.read(8192)
            text.seek(0)
            delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
        # Rows come one at a time: a huge file stops at the limit, unread.
        yield from csv.reader(text, delimiter=delimiter)
    except UnicodeDecodeError as exc:
        raise FormatError(
            "This file is not UTF-8 text. Save it as “CSV UTF-8” (or UTF-16 text) and try again."
        ) from exc
    except csv.Error as exc:
        raise FormatError(f"This file is not valid CSV: {exc}.") from exc
    finally:
        text.detach()


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("\n") if v.strip()]


def _pair_key(term: str) -> str:
    raw = " ".join(term.split()).casefold().encode()
    return "csv:" + hashlib.sha1(raw, usedforsecurity=False).hexdigest()[:20]


def import_tabular(
    stream: io.BufferedIOBase, *, delimiter: str | None = None, limit: int = MAX_CARDS
) -> ImportResult:
    """Read term/definition pairs, or our full CSV (recognised by its header)."""
    result = ImportResult(source="tsv" if delimiter == "\t" else "csv")
    columns: list[str] | None = None
    for number, raw in enumerate(_rows(stream, delimiter), start=1):
        row = [undefuse(cell) for cell in raw]
        if any(len(cell) > MAX_FIELD for cell in row):
            raise FormatError(f"Row {number} has a cell longer than {MAX_FIELD:,} characters.")
        if number == 1:
            header = tuple(c.strip().casefold() for c in row)
            if "prompt" in header and "answer" in header:
                columns = list(header)
                continue
            if header[:2] in PAIR_HEADERS:
                continue
        if not any(cell.strip() for cell in row):
            continue
        if len(result.cards) >= limit:
            raise FormatError(
                f"This file has more than {limit:,} rows; split it into smaller files."
            )
        if columns is not None:
            card = _full_row(dict(zip(columns, row, strict=False)), number)
        else:
            card = _pair_row(row)
        if card is None:
            result.skip("Rows without both a term and a definition were skipped.")
            continue
        result.cards.append(card)
    if not result.cards:
        raise FormatError("No cards were found: each row needs a term and a definition.")
    unique_keys(result.cards)
    return result


def _pair_row(row: list[str]) -> CardData | None:
    cells = [c.strip() for c in row]
    if len(cells) < 2 or not cells[0] or not cells[1]:
        return None
    term, definition = cells[0], cells[1]
    return CardData(key=_pair_key(term), type=guess_type(definition), prompt=term,
                    answer=definition)


def _full_row(values: dict[str, str], number: int) -> CardData | None:
    prompt = values.get("prompt", "").strip()
    answer = values.get("answer", "").strip()
    if not prompt or not answer:
        return None
    try:
        tolerance = float(values.get("tolerance") or 0)
    except ValueError:
        tolerance = 0.0
    return CardData(
        key=short_key("", values.get("key", "").strip()) if values.get("key", "").strip()
        else _pair_key(prompt),
        type=values.get("type", "").strip() or guess_type(answer),
        prompt=prompt,
        answer=answer,
        accepted=_split(values.get("accepted", "")),
        choices=_split(values.get("choices", "")),
        tolerance=tolerance,
        explanation=values.get("explanation", "").strip(),
        passage_text=values.get("passage", "").strip(),
        topic=values.get("topic", "").strip(),
        document_title=values.get("document", "").strip(),
    )
