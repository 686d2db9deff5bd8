"""Writing an Anki package with genanki: one note type per question kind.

Note type ids, deck ids and note GUIDs are stable, so importing a re-export
into Anki updates its notes instead of adding copies.
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
import tempfile
from pathlib import Path

import genanki

from quizzes.interop.cards import BLANK, CardData, DeckData

# Stable ids: the same note types every export, so re-imports update notes.
BASIC_MODEL_ID = 1607392319
CHOICE_MODEL_ID = 1607392320
CLOZE_MODEL_ID = 1607392321
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
