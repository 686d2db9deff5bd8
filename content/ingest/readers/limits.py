"""How much a reader accepts. The upload service passes its settings; tests pass small ones."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 25 * MB  # the upload itself
    max_pages: int = 200  # PDF pages; longer books are refused (split them into chapters)
    max_members: int = 2000  # files in an archive
    max_unpacked_bytes: int = 150 * MB  # all members of an archive, inflated
    max_member_bytes: int = 40 * MB  # one member, inflated
    max_ratio: int = 120  # inflated / compressed size of one member
    max_images: int = 300  # pictures decoded per document; the rest are skipped
    max_text_chars: int = 5_000_000  # text read from one document
    max_seconds: float = 120.0  # reading a PDF, checked page by page


DEFAULT_LIMITS = Limits()
