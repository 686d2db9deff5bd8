"""Anki packages: written with genanki, read back with sqlite3.

An ``.apkg`` is a zip holding a SQLite collection (``collection.anki2``, or
``collection.anki21`` from newer Anki) and a ``media`` JSON map from member
names ("0", "1", ...) to file names.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import genanki

from quizzes.interop.cards import (
    BLANK,
    MAX_CARDS,
    MAX_MEDIA_BYTES,
    CardData,
    DeckData,
    FormatError,
    ImportResult,
    guess_type,
    short_key,
    unique_keys,
)

# Stable ids: the same note types every export, so re-imports update notes.
BASIC_MODEL_ID = 1607392319
CHOICE_MODEL_ID = 1607392320
CLOZE_MODEL_ID = 1607392321
MAX_COLLECTION_BYTES = 200 * 1024 * 1024  # unzipped; a zip bomb stops here
ANKI_KEY_PREFIX = "anki:"

CSS = """.card { font-family: system-ui, sans-serif; font-size: 20px; text-align: left; }
.source { margin-top: 1em; font-size: 16px; color: #555; }
.choices { margin: .5em 0; }
img { max-width: 100%; }"""

SOURCE_BACK = (
    "{{#Accepted}}<div class=accepted>Also accepted: {{Accepted}}</div>{{/Accepted}}"
    "{{#Explanation}}<div class=explanation>{{Explanation}}</div>{{/Explanation}}"
    "{{#Source}}<div class=source>{{Source}}</div>{{/Source}}"
)
COMMON_FIELDS = ["Image", "Accepted", "Explanation", "Source", "Topic", "Document", "Kind", "Key"]

BASIC_MODEL = genanki.Model(
    BASIC_MODEL_ID,
    "Recall: typed answer",
    fields=[{"name": n} for n in ["Question", "Answer", *COMMON_FIELDS]],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Question}}{{#Image}}<div>{{Image}}</div>{{/Image}}\n\n{{type:Answer}}",
            "afmt": "{{Question}}{{#Image}}<div>{{Image}}</div>{{/Image}}"
            "<hr id=answer>{{type:Answer}}" + SOURCE_BACK,
        }
    ],
    css=CSS,
)
CHOICE_MODEL = genanki.Model(
    CHOICE_MODEL_ID,
    "Recall: multiple choice",
    fields=[{"name": n} for n in ["Question", "Choices", "Answer", *COMMON_FIELDS]],
    templates=[
        {
            "name": "Card 1",
            "qfmt": "{{Question}}{{#Image}}<div>{{Image}}</div>{{/Image}}"
            "<div class=choices>{{Choices}}</div>",
            "afmt": "{{FrontSide}}<hr id=answer><b>{{Answer}}</b>" + SOURCE_BACK,
        }
    ],
    css=CSS,
)
CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "Recall: cloze",
    fields=[{"name": n} for n in ["Text", *COMMON_FIELDS]],
    templates=[
        {
            "name": "Cloze",
            "qfmt": "{{cloze:Text}}{{#Image}}<div>{{Image}}</div>{{/Image}}",
            "afmt": "{{cloze:Text}}{{#Image}}<div>{{Image}}</div>{{/Image}}" + SOURCE_BACK,
        }
    ],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)


# Export ----------------------------------------------------------------------


def deck_id_for(key: str) -> int:
    """A stable Anki deck id from the deck's key (Anki wants a positive 63-bit int)."""
    return int(hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:12], 16) + (1 << 31)


def guid_for(card: CardData) -> str:
    """The note's GUID: the original one for a note that came from Anki."""
    if card.key.startswith(ANKI_KEY_PREFIX):
        return card.key[len(ANKI_KEY_PREFIX) :].split(" c", 1)[0]
    return genanki.guid_for(card.key)


def tag(prefix: str, value: str) -> str:
    value = re.sub(r"\s+", "_", value.strip())
    value = value.replace('"', "")
    return f"{prefix}::{value}" if value else ""


def media_name(card: CardData) -> str:
    """A file name unique to the image's bytes, keeping its extension."""
    suffix = Path(card.image_name or "image.png").suffix.lower() or ".png"
    digest = hashlib.sha1(card.image_bytes or b"", usedforsecurity=False).hexdigest()[:16]
    return f"recall-{digest}{suffix}"


def cloze_text(card: CardData) -> str:
    before, after = card.prompt.split(BLANK, 1)
    answer = html.escape(card.answer).replace("::", ": :").replace("}}", "} }")
    return f"{html.escape(before)}{{{{c1::{answer}}}}}{html.escape(after)}"


def note_for(card: CardData, image_html: str) -> genanki.Note:
    e = html.escape
    common = [
        image_html,
        e(", ".join(card.accepted)),
        e(card.explanation),
        e(card.passage_text).replace("\n", "<br>"),
        e(card.topic),
        e(card.document_title),
        card.type,
        e(card.key),
    ]
    kind = card.kind
    if kind == "cloze":
        model, fields = CLOZE_MODEL, [cloze_text(card), *common]
    elif kind in ("choice", "true_false", "order"):
        items = "".join(f"<li>{e(c)}</li>" for c in card.choices)
        listing = f"<ol>{items}</ol>" if items else ""
        model, fields = CHOICE_MODEL, [e(card.prompt), listing, e(card.answer), *common]
    else:
        model, fields = BASIC_MODEL, [e(card.prompt), e(card.answer), *common]
    tags = [t for t in (tag("topic", card.topic), tag("kind", card.type),
                        tag("document", card.document_title)) if t]
    return genanki.Note(model=model, fields=fields, tags=tags, guid=guid_for(card))


def export_apkg(deck: DeckData, *, timestamp: float | None = None) -> bytes:
    anki_deck = genanki.Deck(deck_id_for(deck.key), deck.title)
    with tempfile.TemporaryDirectory() as tmp:
        media: dict[str, str] = {}
        for card in deck.cards:
            image_html = ""
            if card.image_bytes:
                name = media_name(card)
                if name not in media:
                    path = os.path.join(tmp, name)
                    Path(path).write_bytes(card.image_bytes)
                    media[name] = path
                image_html = f'<img src="{html.escape(name)}">'
            anki_deck.add_note(note_for(card, image_html))
        out = io.BytesIO()
        genanki.Package(anki_deck, media_files=list(media.values())).write_to_file(
            out, timestamp=timestamp
        )
    return out.getvalue()


# Import ----------------------------------------------------------------------

TAG_RE = re.compile(r"<[^>]+>")
IMG_RE = re.compile(r"""<img[^>]*\bsrc=["']?([^"'>\s]+)""", re.IGNORECASE)
CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
SOUND_RE = re.compile(r"\[sound:[^\]]*\]")


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


class _Package:
    """The opened zip: its collection in a temp file, and its media."""

    def __init__(self, data: bytes):
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise FormatError("This is not an Anki package: an .apkg file is a zip archive.")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            self.names = set(self.zip.namelist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise FormatError("This Anki package is damaged and cannot be opened.") from exc
        self.media = self._media_map()

    def collection_member(self) -> str:
        if "collection.anki21" in self.names:
            return "collection.anki21"
        if "collection.anki21b" in self.names:
            # Its collection.anki2 is only a stub that says "please update Anki".
            raise FormatError(
                "This package uses the newest Anki format. In Anki, export again with "
                "“Support older Anki versions” ticked."
            )
        if "collection.anki2" in self.names:
            return "collection.anki2"
        raise FormatError("This zip has no Anki collection (collection.anki2) in it.")

    def read(self, name: str, limit: int) -> bytes:
        info = self.zip.getinfo(name)
        if info.file_size > limit:
            raise FormatError(f"“{name}” in this package is too large to import.")
        try:
            return self.zip.read(name)
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
            raise FormatError("This Anki package is damaged and cannot be opened.") from exc

    def _media_map(self) -> dict[str, str]:
        if "media" not in self.names:
            return {}
        try:
            raw = json.loads(self.read("media", 10 * 1024 * 1024) or b"{}")
        except (ValueError, UnicodeDecodeError):
            return {}  # newer packages store a protobuf here; the notes still import
        if not isinstance(raw, dict):
            return {}
        return {str(v): str(k) for k, v in raw.items()}  # file name -> member

    def image(self, field_html: str) -> tuple[bytes | None, str]:
        for src in IMG_RE.findall(field_html):
            name = html.unescape(src)
            member = self.media.get(name)
            if member is None or member not in self.names:
                continue
            if self.zip.getinfo(member).file_size > MAX_MEDIA_BYTES:
                continue
            return self.read(member, MAX_MEDIA_BYTES), os.path.basename(name)
        return None, ""


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


def _read_notes(package: _Package, db: sqlite3.Connection, result: ImportResult) -> None:
    types = _note_types(db)
    for guid, mid, tags_text, flds in db.execute(
        "SELECT guid, mid, tags, flds FROM notes ORDER BY id"
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


def import_apkg(data: bytes) -> ImportResult:
    package = _Package(data)
    member = package.collection_member()
    raw = package.read(member, MAX_COLLECTION_BYTES)
    result = ImportResult(source="apkg")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "collection.sqlite")
        Path(path).write_bytes(raw)
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            _read_notes(package, db, result)
        except sqlite3.DatabaseError as exc:
            raise FormatError("The collection in this package is not a readable Anki database.") \
                from exc
        finally:
            db.close()
    if not result.cards:
        raise FormatError(
            "No basic or cloze notes were found in this package"
            + (f" ({result.skipped} skipped)." if result.skipped else ".")
        )
    unique_keys(result.cards)
    return result
