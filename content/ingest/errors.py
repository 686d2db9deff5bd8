"""Errors the ingest pipeline raises, and the decoding of uploaded bytes.

Every refusal carries a message a person can act on; callers show it as is.
"""

from __future__ import annotations


class IngestError(ValueError):
    """A document cannot be ingested; ``str(error)`` is the human reason."""


# Share of control characters above which text is treated as binary. Real
# documents have tabs and newlines, and nearly nothing else below 0x20.
_CONTROL_RATIO = 0.05
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


def _human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def _looks_like_utf16_without_bom(data: bytes) -> bool:
    """ASCII text saved as UTF-16 has a NUL in every other byte."""
    sample = data[:4096]
    return len(sample) >= 8 and (
        sample[1::2].count(0) > 0.9 * (len(sample) // 2)
        or sample[0::2].count(0) > 0.9 * (len(sample) // 2)
    )


def decode_upload(data: bytes, max_bytes: int) -> str:
    """Return the text of an upload, or raise :class:`IngestError` saying why not."""
    if not data or not data.strip():
        raise IngestError("The file is empty: there is no text to import.")
    if max_bytes and len(data) > max_bytes:
        raise IngestError(
            f"The file is {_human_size(len(data))}, larger than the "
            f"{_human_size(max_bytes)} size limit."
        )
    # Word and Notepad save "Unicode" as UTF-16 with a byte-order mark; its
    # every other byte is NUL, so it must be recognised before the NUL check.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data:
        if _looks_like_utf16_without_bom(data):
            raise IngestError(
                "The file looks like UTF-16 text without a byte-order mark. "
                "Save it as UTF-8 and upload it again."
            )
        # Anywhere in the file, not only at its start: the database refuses NUL
        # in text, so one late NUL would fail the import halfway.
        raise IngestError("The file looks binary (it contains NUL bytes), not plain text.")
    else:
        # utf-8-sig first so a byte-order mark does not end up in the title.
        encodings = ("utf-8-sig", "utf-8")
    text: str | None = None
    error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError as exc:
            error = exc
    if text is None:
        offset = error.start if error else 0
        name = "UTF-16" if encodings == ("utf-16",) else "UTF-8"
        raise IngestError(
            f"The file is not valid {name} text (undecodable byte 0x{data[offset]:02x} at "
            f"byte offset {offset}). Save it as UTF-8 and upload it again."
        )
    if "\x00" in text:
        raise IngestError("The file looks binary (it contains NUL characters), not plain text.")
    sample = text[:20000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    if sample and controls / len(sample) > _CONTROL_RATIO:
        raise IngestError("The file looks binary (too many control characters), not plain text.")
    if not text.strip():
        raise IngestError("The file is empty: there is no text to import.")
    return text
