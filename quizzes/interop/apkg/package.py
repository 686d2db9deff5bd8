"""Opening an ``.apkg``: the zip, its SQLite collection and its media.

An ``.apkg`` is a zip holding a SQLite collection (``collection.anki2``, or
``collection.anki21`` from newer Anki) and a ``media`` JSON map from member
names ("0", "1", ...) to file names.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from quizzes.interop.cards import MAX_MEDIA_BYTES, FormatError

MAX_COLLECTION_BYTES = 200 * 1024 * 1024  # unzipped; a zip bomb stops here
IMG_RE = re.compile(r"""<img[^>]*\bsrc=["']?([^"'>\s]+)""", re.IGNORECASE)


class Package:
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

    @contextmanager
    def collection(self) -> Iterator[sqlite3.Connection]:
        """The collection, read-only, from a temporary copy that is gone afterwards."""
        raw = self.read(self.collection_member(), MAX_COLLECTION_BYTES)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "collection.sqlite")
            Path(path).write_bytes(raw)
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                yield db
            except sqlite3.DatabaseError as exc:
                raise FormatError(
                    "The collection in this package is not a readable Anki database."
                ) from exc
            finally:
                db.close()

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
