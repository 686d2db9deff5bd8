"""Checks on what people choose to be called."""

from __future__ import annotations

from confusable_homoglyphs import confusables
from django.core.exceptions import ValidationError


def validate_unconfusable_username(username: str) -> None:
    """Refuse a username that mixes scripts with look-alike letters.

    "pаul" with a Cyrillic "а" reads as "paul" on a class roster, so a student
    could pass for a classmate. Names written wholly in one script (Иван,
    Łukasz, Ιωάννης) are fine.
    """
    if confusables.is_dangerous(username):
        raise ValidationError(
            "This username mixes alphabets with letters that look alike "
            "(for example a Cyrillic “а” among Latin letters). Use one alphabet.",
            code="confusable",
        )
