"""Classes: creating them, join codes, and who is in them."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction

from accounts.models import User
from quizzes.models import Deck, Enrollment
from teaching.models import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    Assignment,
    Classroom,
    Membership,
)
from teaching.services import enroll_in_assignments


class JoinError(Exception):
    """A student could not join a class; the message is for them."""


def normalize_code(code: str) -> str:
    # Students type codes from a board: forgive case, spaces and dashes.
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _new_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def _unique_code(exclude: str = "") -> str:
    for _ in range(20):
        code = _new_code()
        if code != exclude and not Classroom.objects.filter(code=code).exists():
            return code
    raise RuntimeError("Could not find a free join code; try again.")


@transaction.atomic
def classroom_create(*, teacher: User, name: str) -> Classroom:
    name = (name or "").strip()
    if not name:
        raise ValueError("Give the class a name.")
    if not (teacher.is_teacher or teacher.is_admin):
        raise PermissionError("Only teachers can create classes.")
    return Classroom.objects.create(teacher=teacher, name=name, code=_unique_code())


@transaction.atomic
def classroom_rotate_code(*, classroom: Classroom) -> Classroom:
    """A new code stops the old one (and its link) from working; members stay."""
    classroom.code = _unique_code(exclude=classroom.code)
    classroom.save(update_fields=["code"])
    return classroom


@transaction.atomic
def classroom_set_archived(*, classroom: Classroom, archived: bool) -> Classroom:
    classroom.archived = archived
    classroom.save(update_fields=["archived"])
    return classroom


def classroom_join(*, student: User, code: str) -> tuple[Membership, bool]:
    """Join by code. Idempotent: joining twice returns the same membership."""
    code = normalize_code(code)
    if not code:
        raise JoinError("Enter the class code your teacher gave you.")
    if not student.is_student:
        raise JoinError("Only student accounts can join a class.")
    classroom = Classroom.objects.filter(code=code).first()
    if classroom is None:
        raise JoinError(f"No class has the code {code}. Check it with your teacher.")
    if classroom.archived:
        raise JoinError(f"{classroom.name} is archived and no longer takes new students.")
    try:
        with transaction.atomic():
            membership, created = Membership.objects.get_or_create(
                classroom=classroom, student=student
            )
            if created:
                enroll_in_assignments(student=student, classroom=classroom)
    except IntegrityError:  # two tabs joining at once
        membership, created = Membership.objects.get(classroom=classroom, student=student), False
    return membership, created


@transaction.atomic
def membership_remove(*, classroom: Classroom, student_id: int) -> bool:
    """Remove a student from a class. Their own study history is theirs; it stays.

    Enrolments that only the class gave them end: a private deck assigned to
    this class and to none of their other classes is no longer theirs to study.
    Public decks stay, since they could have enrolled in those themselves.
    """
    deleted, _ = Membership.objects.filter(classroom=classroom, student_id=student_id).delete()
    if deleted:
        still_assigned = Assignment.objects.filter(
            classroom__memberships__student_id=student_id
        ).values("deck_id")
        Enrollment.objects.filter(
            user_id=student_id,
            deck__assignments__classroom=classroom,
            deck__visibility=Deck.Visibility.PRIVATE,
        ).exclude(deck__owner_id=student_id).exclude(deck_id__in=still_assigned).delete()
    return bool(deleted)
