"""Anki packages (``.apkg``): written with genanki, read back with sqlite3.

``export`` writes one; ``package`` opens one; ``notes`` reads its basic and
cloze notes as cards; ``revlog`` reads its review history, so a student moving
from Anki keeps their intervals (``quizzes.interop.history`` replays it).
"""

from __future__ import annotations

from quizzes.interop.apkg.export import (
    BASIC_MODEL_ID,
    CHOICE_MODEL_ID,
    CLOZE_MODEL_ID,
    export_apkg,
    guid_for,
)
from quizzes.interop.apkg.notes import read_notes
from quizzes.interop.apkg.package import Package
from quizzes.interop.apkg.revlog import read_history
from quizzes.interop.cards import FormatError, ImportResult, unique_keys

__all__ = ["BASIC_MODEL_ID", "CHOICE_MODEL_ID", "CLOZE_MODEL_ID", "export_apkg", "guid_for",
           "import_apkg"]


def import_apkg(data: bytes) -> ImportResult:
    """The package's cards and, if it was exported with scheduling, their review history."""
    package = Package(data)
    result = ImportResult(source="apkg")
    with package.collection() as db:
        origins = read_notes(package, db, result)
        if not result.cards:
            raise FormatError(
                "No basic or cloze notes were found in this package"
                + (f" ({result.skipped} skipped)." if result.skipped else ".")
            )
        unique_keys(result.cards)  # renames in place, so origins still line up
        result.history = read_history(db, result.cards, origins)
    return result
