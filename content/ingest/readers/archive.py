"""Zip archives (DOCX, EPUB, saved web pages, Markdown bundles) opened defensively.

Nothing is ever extracted to disk. Members are read into memory through limits on
their count, their declared and real sizes and their compression ratio, so a zip
bomb is refused before it is inflated; member names that climb out of the archive
("../", absolute paths, drive letters) make the whole upload suspect and refuse it.
XML members are checked with ``defusedxml`` before any other parser sees them.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from urllib.parse import unquote

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from content.ingest.errors import IngestError
from content.ingest.readers.limits import Limits

_DRIVE = re.compile(r"^[a-zA-Z]:")


def _unsafe_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or "\x00" in name:
        return True
    parts = re.split(r"[\\/]", name)
    return ".." in parts


class SafeZip:
    """A read-only view of an archive whose members are read within limits."""

    def __init__(self, data: bytes, limits: Limits, what: str = "archive") -> None:
        self.limits = limits
        self.what = what
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
                NotImplementedError, zlib.error) as exc:
            raise IngestError(f"The {what} is damaged and cannot be opened ({exc}).") from None
        if len(infos) > limits.max_members:
            raise IngestError(
                f"The {what} holds {len(infos)} files, more than the {limits.max_members} allowed."
            )
        total = 0
        for info in infos:
            if _unsafe_name(info.filename):
                raise IngestError(
                    f"The {what} has a file whose name leads outside it ({info.filename!r}); "
                    "it is refused."
                )
            if info.flag_bits & 0x1:
                raise IngestError(f"The {what} is encrypted (password-protected); it is refused.")
            total += info.file_size
            if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(
                info.compress_size, 1
            ):
                raise IngestError(
                    f"The {what} looks like a zip bomb: {info.filename!r} would inflate "
                    f"{info.file_size // max(info.compress_size, 1)} times."
                )
        if total > limits.max_unpacked_bytes:
            raise IngestError(
                f"The {what} would unpack to {total // (1024 * 1024)} MB, more than the "
                f"{limits.max_unpacked_bytes // (1024 * 1024)} MB allowed."
            )
        self.infos = [i for i in infos if i.filename and not i.is_dir()]
        self.names = [i.filename for i in self.infos]
        self._by_folded = {n.casefold(): n for n in self.names}
        self._read_total = 0

    def __contains__(self, name: str) -> bool:
        return name in self._by_folded or name.casefold() in self._by_folded

    def find(self, name: str) -> str | None:
        """The member called ``name`` (case-insensitively), or None."""
        return self._by_folded.get(name.casefold())

    def read(self, name: str) -> bytes:
        """A member's bytes, counting what is really inflated, not what the header says."""
        real = self.find(name)
        if real is None:
            raise KeyError(name)
        cap = min(self.limits.max_member_bytes, self.limits.max_unpacked_bytes - self._read_total)
        out = bytearray()
        try:
            with self._zip.open(real) as member:
                while chunk := member.read(64 * 1024):
                    out += chunk
                    if len(out) > cap:
                        raise IngestError(
                            f"The {self.what} is too large once unpacked ({real!r} alone is over "
                            f"{cap // (1024 * 1024)} MB); it is refused as a possible zip bomb."
                        )
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
                zlib.error) as exc:
            raise IngestError(f"The {self.what} is damaged: {real!r} cannot be read ({exc}).") \
                from None
        self._read_total += len(out)
        return bytes(out)

    def resolve(self, base: str, ref: str) -> str | None:
        """The member a relative reference ``ref`` in member ``base`` points to, or None."""
        ref = unquote(ref.split("#", 1)[0].split("?", 1)[0]).replace("\\", "/")
        if not ref or ref.startswith("/"):
            return None
        path = posixpath.normpath(posixpath.join(posixpath.dirname(base), ref))
        if path.startswith("../") or path == "..":
            return None
        return self.find(path)


_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def refuse_entities(data: bytes, what: str) -> None:
    """Refuse markup that declares entities, without requiring it to be well-formed XML."""
    if _ENTITY_DECLARATION.search(data):
        raise IngestError(
            f"The {what} contains XML entity declarations, which are refused (they can be used "
            "to exhaust memory or read files)."
        )


def check_xml(data: bytes, what: str) -> None:
    """Refuse XML that declares entities or an external DTD (billion laughs, XXE).

    Entities can only be declared in a DOCTYPE: 8-bit XML without one is let through
    without a parse (the format's own parser reports malformed XML); anything else,
    UTF-16 included, is parsed by ``defusedxml``.
    """
    head = data[:4]
    if b"\x00" not in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and not re.search(
        rb"<!DOCTYPE", data, re.IGNORECASE
    ):
        return
    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise IngestError(
            f"The {what} contains XML entity declarations, which are refused (they can be used "
            "to exhaust memory or read files)."
        ) from None
    except SafeET.ParseError as exc:
        raise IngestError(f"The {what} is damaged: its XML cannot be read ({exc}).") from None
