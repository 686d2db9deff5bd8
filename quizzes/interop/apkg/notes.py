"""Reading an Anki collection's notes as cards: basic and cloze note types.

Notes come from the collection's ``notes`` table; note types from ``col.models``
(JSON, older schemas) or the ``notetypes`` tables (schema 18, Anki 2.1.28+).
"""

from __future__ import annotations

import html
import json
import re
import sqlite3

import genanki

from quizzes.interop.apkg.export import ANKI_KEY_PREFIX
from quizzes.interop.apkg.package import Package
from quizzes.interop.cards import (
    BLANK,
    MAX_CARDS,
    CardData,
    FormatError,
    ImportResult,
    guess_type,
    short_key,
)

TAG_RE = re.compile(r"<[^>]+>")
CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
SOUND_RE = re.compile(r"\[sound:[^\]]*\]")
# An Anki card is (note id, template ordinal): the card with ordinal 0 of a
# basic note, or cloze number n's card (ordinal n - 1).
CardOrigin = tuple[int, int]


def html_to_text(value: str) -> str:
    value = SOUND_RE.sub("", value)
    value = re.sub(r"<br\s*/?>|</div>|</p>|</li>", "\n", value, flags=re.IGNORECASE)
    value = TAG_RE.sub("", value)
    value = html.unescape(value).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in value.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def _list_items(value: str) -> list[str]:
    items = re.findall(r"<li[^>]*>(.*?)</li>", value, flags=re.IGNORECASE | re.DOTALL)
    return [html_to_text(i) for i in items if html_to_text(i)]


def _note_types(db: sqlite3.Connection) -> dict[int, dict]:
    """Note types by id: {"name", "cloze": bool, "fields": [names], "cloze_field": name}."""
    types: dict[int, dict] = {}
    row = db.execute("SELECT models FROM col").fetchone()
    models = json.loads(row[0]) if row and row[0] else {}
    for mid, model in models.items():
        qfmt = " ".join(t.get("qfmt", "") for t in model.get("tmpls", []))
        types[int(mid)] = {
            "name": model.get("name", ""),
            "cloze": model.get("type") == 1,
            "fields": [f["name"] for f in sorted(model.get("flds", []), key=lambda f: f["ord"])],
            "qfmt": qfmt,
        }
    if types:
        return types
    # Schema 18 (Anki 2.1.28+): note types in their own tables.
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "notetypes" not in tables:
        return types
    for ntid, name, config in db.execute("SELECT id, name, config FROM notetypes"):
        fields = [r[0] for r in db.execute(
            "SELECT name FROM fields WHERE ntid = ? ORDER BY ord", (ntid,))]
        qfmt = " ".join(
            bytes(r[0]).decode("utf-8", "replace")
            for r in db.execute("SELECT config FROM templates WHERE ntid = ?", (ntid,))
        )
        # The protobuf config's first field is the kind: 0x08 0x01 is "cloze".
        types[int(ntid)] = {
            "name": name, "cloze": bytes(config or b"")[:2] == b"\x08\x01",
            "fields": fields, "qfmt": qfmt,
        }
    return types


def _pick(fields: dict[str, str], names: tuple[str, ...], fallback: int) -> str:
    for name in names:
        for field_name, value in fields.items():
            if field_name.casefold() == name:
                return value
    values = list(fields.values())
    return values[fallback] if fallback < len(values) else ""


def _kind_from_tags(tags: list[str]) -> str:
    for t in tags:
        if t.casefold().startswith("kind::"):
            return t.split("::", 1)[1]
    return ""


def _tag_value(tags: list[str], prefix: str) -> str:
    for t in tags:
        if t.casefold().startswith(prefix + "::"):
            return t.split("::", 1)[1].replace("_", " ")
    return ""


def _cloze_cards(text_html: str) -> list[tuple[int, str, str]]:
    """(number, prompt with a blank, answer) for each cloze number in the text."""
    numbers = sorted({int(n) for n, _, _ in CLOZE_RE.findall(text_html)})
    out = []
    for number in numbers:
        answers: list[str] = []

        def replace(match: re.Match, number=number, answers=answers) -> str:
            if int(match.group(1)) == number:
                answers.append(html_to_text(match.group(2)))
                return BLANK if len(answers) == 1 else "…"
            return match.group(2)

        prompt = html_to_text(CLOZE_RE.sub(replace, text_html))
        out.append((number, prompt, " … ".join(answers)))
    return out


def read_notes(
    package: Package, db: sqlite3.Connection, result: ImportResult
) -> list[CardOrigin]:
    """Add the collection's notes to ``result.cards``; return each card's Anki origin."""
    types = _note_types(db)
    origins: list[CardOrigin] = []
    for nid, guid, mid, tags_text, flds in db.execute(
        "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id"
    ):
        if len(result.cards) >= MAX_CARDS:
            raise FormatError(
                f"This package has more than {MAX_CARDS:,} cards; split it into smaller decks."
            )
        note_type = types.get(int(mid))
        values = flds.split("\x1f")
        if note_type is None or len(note_type["fields"]) != len(values):
            result.skip("Notes of an unknown note type were skipped.")
            continue
        fields = dict(zip(note_type["fields"], values, strict=True))
        tags = tags_text.split()
        recall_kind = _kind_from_tags(tags) if "Key" in fields else ""
        common = {
            "accepted": [a.strip() for a in html_to_text(fields.get("Accepted", "")).split(",")
                         if a.strip()],
            "explanation": html_to_text(fields.get("Explanation", "")),
            "passage_text": html_to_text(
                fields.get("Source", "") or fields.get("Extra", "") or fields.get("Back Extra", "")
            ),
            "topic": html_to_text(fields.get("Topic", "")) or _tag_value(tags, "topic"),
        }
        image_bytes, image_name = package.image("".join(values))
        key = short_key(ANKI_KEY_PREFIX, guid)
        own_key = html_to_text(fields.get("Key", ""))
        if own_key and genanki.guid_for(own_key) == guid:
            key = own_key  # a Recall export coming home keeps its question's key
        if note_type["cloze"] and (
            "occlusion" in note_type["name"].casefold() or "image-occlusion:" in flds
        ):
            result.skip("Notes of an unknown note type were skipped (image occlusion).")
            continue
        if note_type["cloze"]:
            cloze_field = next((n for n in fields if f"cloze:{n}}}" in note_type["qfmt"]), None)
            clozes = _cloze_cards(fields[cloze_field]) if cloze_field else []
            if not clozes:
                result.skip("Cloze notes without a cloze deletion were skipped.")
                continue
            for number, prompt, answer in clozes:
                result.cards.append(CardData(
                    key=key if number == 1 else short_key(ANKI_KEY_PREFIX, f"{guid} c{number}"),
                    type=recall_kind or ("image" if image_bytes else "cloze"),
                    prompt=prompt, answer=answer, image_bytes=image_bytes,
                    image_name=image_name, **common,
                ))
                origins.append((int(nid), number - 1))
            continue
        if len(values) < 2 or "{{" not in note_type["qfmt"]:
            result.skip("Notes of an unknown note type were skipped.")
            continue
        prompt = html_to_text(_pick(fields, ("question", "front", "text", "term"), 0))
        answer = html_to_text(_pick(fields, ("answer", "back", "definition"), 1))
        if not prompt or not answer:
            result.skip("Notes with an empty front or back were skipped.")
            continue
        choices = _list_items(fields.get("Choices", ""))
        result.cards.append(CardData(
            key=key,
            type=recall_kind or guess_type(answer, image=bool(image_bytes)),
            prompt=prompt, answer=answer, choices=choices,
            image_bytes=image_bytes, image_name=image_name, **common,
        ))
        origins.append((int(nid), 0))
    return origins
