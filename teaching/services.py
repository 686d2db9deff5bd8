"""Writes for teachers: assignments, teacher-made decks, reports on questions."""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.queueing import enqueue
from content.curation import passages_set_sensitive, questions_reject
from content.models import Question
from content.questions import questions_generate
from quizzes.models import DESCRIPTION_MAX, Deck, DeckQuestion, Enrollment
from quizzes.services.decks import cards_sync, deck_add_questions, enrollment_create
from teaching.models import Announcement, Assignment, Classroom
from teaching.selectors import decks_assignable_by, questions_visible_to

logger = logging.getLogger(__name__)


def _check_deck(teacher: User, deck: Deck) -> None:
    if not decks_assignable_by(teacher).filter(pk=deck.pk).exists():
        raise PermissionError("You can only assign your own decks or public ones.")


@transaction.atomic
def enroll_in_assignments(*, student: User, classroom: Classroom) -> int:
    """A student joining a class is enrolled in its open assignments' decks."""
    decks = Deck.objects.filter(
        assignments__classroom=classroom, assignments__closed_at__isnull=True
    ).distinct()
    count = 0
    for deck in decks:
        enrollment_create(user=student, deck=deck)
        count += 1
    return count


@transaction.atomic
def enrollments_end_for_removed(*, student: User, classroom: Classroom) -> int:
    """A student removed from a class loses the private decks they had only through it.

    Public decks and the student's own stay, as does any deck another of their
    classes assigns; their cards and review history stay too (they are theirs).
    """
    still_assigned = Assignment.objects.filter(
        classroom__memberships__student=student
    ).exclude(classroom=classroom)
    deleted, _ = (
        Enrollment.objects.filter(user=student, deck__assignments__classroom=classroom)
        .exclude(deck__visibility=Deck.Visibility.PUBLIC)
        .exclude(deck__owner=student)
        .exclude(deck__in=still_assigned.values("deck_id"))
        .delete()
    )
    return deleted


@transaction.atomic
def assignment_create(
    *,
    teacher: User,
    classroom: Classroom,
    deck: Deck,
    due_at: datetime,
    note: str = "",
    goal: str = Assignment.Goal.STUDIED,
    goal_percent: int = 80,
    notify: bool = True,
) -> Assignment:
    # Locked so that two requests at once (a double click) take turns: the
    # second then finds the first's assignment instead of breaking the constraint.
    classroom = Classroom.objects.select_for_update().get(pk=classroom.pk)
    if classroom.archived:
        raise ValueError("This class is archived; restore it before assigning decks.")
    _check_deck(teacher, deck)
    if Assignment.objects.filter(classroom=classroom, deck=deck, closed_at__isnull=True).exists():
        raise ValueError(f"“{deck.title}” is already assigned to {classroom.name}.")
    assignment = Assignment.objects.create(
        classroom=classroom,
        deck=deck,
        due_at=due_at,
        note=note.strip(),
        goal=goal,
        goal_percent=goal_percent,
        created_by=teacher,
        notice_pending=notify,
    )
    students = list(User.objects.filter(memberships__classroom=classroom))
    existing = set(
        Enrollment.objects.filter(deck=deck, user__in=students).values_list("user_id", flat=True)
    )
    Enrollment.objects.bulk_create(
        [Enrollment(user=s, deck=deck) for s in students if s.pk not in existing],
        ignore_conflicts=True,
    )
    for student in students:
        cards_sync(user=student, deck=deck)
    if notify:
        from teaching.tasks import send_assignment_notice

        # Only after commit: a worker must find the row, and a rollback sends
        # nothing. With the broker down the notice stays pending for the resend.
        transaction.on_commit(lambda: enqueue(send_assignment_notice, assignment.pk))
    return assignment


@transaction.atomic
def assignment_update(
    *, assignment: Assignment, due_at: datetime, note: str, goal: str, goal_percent: int
) -> Assignment:
    assignment.due_at = due_at
    assignment.note = note.strip()
    assignment.goal = goal
    assignment.goal_percent = goal_percent
    assignment.save(update_fields=["due_at", "note", "goal", "goal_percent"])
    return assignment


@transaction.atomic
def assignment_close(*, assignment: Assignment, now: datetime | None = None) -> Assignment:
    """Closing keeps the record and the students' progress; it only stops the clock."""
    if assignment.closed_at is None:
        assignment.closed_at = now or timezone.now()
        assignment.save(update_fields=["closed_at"])
    return assignment


def _check_description(description: str) -> str:
    description = (description or "").strip()
    if len(description) > DESCRIPTION_MAX:
        raise ValueError(f"Keep the description under {DESCRIPTION_MAX} characters.")
    return description


@transaction.atomic
def deck_create(*, owner: User, title: str, description: str = "") -> Deck:
    title = (title or "").strip()
    if not title:
        raise ValueError("Give the deck a title.")
    description = _check_description(description)
    return Deck.objects.create(
        owner=owner,
        title=title[:200],
        description=description.strip(),
        visibility=Deck.Visibility.PRIVATE,
    )


@transaction.atomic
def deck_copy(*, deck: Deck, owner: User) -> Deck:
    """A private copy a teacher can edit; the original is untouched."""
    copy = Deck.objects.create(
        owner=owner,
        title=f"{deck.title} (copy)"[:200],
        description=deck.description,
        document=deck.document,
        topic=deck.topic,
        visibility=Deck.Visibility.PRIVATE,
    )
    DeckQuestion.objects.bulk_create(
        DeckQuestion(deck=copy, question_id=qid, position=pos)
        for qid, pos in deck.entries.order_by("position", "id").values_list(
            "question_id", "position"
        )
    )
    return copy


@transaction.atomic
def deck_add(*, deck: Deck, question_ids: list[int]) -> int:
    # Generated decks (no owner) are curated by admins, who may add anything live.
    pool = (
        questions_visible_to(deck.owner)
        if deck.owner
        else Question.objects.live()
    )
    questions = pool.filter(pk__in=question_ids)
    return deck_add_questions(deck=deck, questions=questions.order_by("pk"))


@transaction.atomic
def deck_remove(*, deck: Deck, question_id: int) -> bool:
    deleted, _ = deck.entries.filter(question_id=question_id).delete()
    return bool(deleted)


@transaction.atomic
def deck_move(*, deck: Deck, question_id: int, direction: int) -> None:
    """Move one question up (-1) or down (+1), renumbering positions densely."""
    entries = list(deck.entries.select_for_update().order_by("position", "id"))
    index = next((i for i, e in enumerate(entries) if e.question_id == question_id), None)
    if index is None:
        raise ValueError("That question is not in this deck.")
    target = index + (1 if direction > 0 else -1)
    if 0 <= target < len(entries):
        entries[index], entries[target] = entries[target], entries[index]
    for position, entry in enumerate(entries, start=1):
        entry.position = position
    DeckQuestion.objects.bulk_update(entries, ["position"])


@transaction.atomic
def deck_rename(*, deck: Deck, title: str, description: str = "") -> Deck:
    title = (title or "").strip()
    if not title:
        raise ValueError("Give the deck a title.")
    deck.title = title[:200]
    deck.description = _check_description(description)
    deck.save(update_fields=["title", "description", "updated_at"])
    return deck


@transaction.atomic
def deck_set_visibility(*, deck: Deck, public: bool) -> Deck:
    deck.visibility = Deck.Visibility.PUBLIC if public else Deck.Visibility.PRIVATE
    deck.save(update_fields=["visibility", "updated_at"])
    return deck


@transaction.atomic
def deck_publish_drafts(*, document, owner: User, title: str) -> Deck:
    """Turn a document's published questions into one deck owned by the teacher.

    Drafts stay out: a teacher publishes each one they want first. Publishing
    again under the same title updates that deck rather than making another:
    three clicks at once make one deck. The document's row is locked so that
    simultaneous requests take turns.
    """
    type(document).objects.select_for_update().get(pk=document.pk)
    questions = document.questions.live().order_by("passage__order", "id")
    if not questions.exists():
        raise ValueError(
            "No question of this document is published yet. Publish the drafts you want "
            "students to study, then make the deck."
        )
    title = (title or document.title).strip()[:200]
    deck = Deck.objects.filter(owner=owner, document=document, title=title).first()
    if deck is None:
        deck = deck_create(owner=owner, title=title)
        deck.document = document
        deck.save(update_fields=["document"])
    deck_add_questions(deck=deck, questions=questions)
    return deck


@transaction.atomic
def draft_publish(*, question: Question) -> Question:
    """A teacher's publish is final: students see it, and regeneration keeps it published."""
    question.status = Question.Status.APPROVED
    question.save(update_fields=["status", "updated_at"])
    return question


@transaction.atomic
def passages_include(*, document, passage_ids: list[int]) -> int:
    """Ask about passages the sensitivity filter withheld, because the teacher says so."""
    count = passages_set_sensitive(
        passages=document.passages.filter(pk__in=passage_ids, sensitive=True), sensitive=False
    )
    if count:
        questions_generate(document=document)
    return count


@transaction.atomic
def draft_update(*, question: Question, prompt: str, answer: str) -> Question:
    """A teacher's edit of a draft is final: regeneration must not overwrite it.

    The generated text is kept once, at the first edit that changes it, so the
    page can show it beside the edit however many edits follow.
    """
    fields = ["prompt", "answer", "locked", "updated_at"]
    if not question.original and (prompt, answer) != (question.prompt, question.answer):
        question.original = {"prompt": question.prompt, "answer": question.answer}
        fields.append("original")
    question.prompt = prompt
    question.answer = answer
    question.locked = True
    question.save(update_fields=fields)
    return question


@transaction.atomic
def draft_reject(*, question: Question) -> Question:
    """Out for good, whether a draft or published: the admin's rejection, by the teacher."""
    questions_reject(questions=Question.objects.filter(pk=question.pk))
    question.refresh_from_db(fields=["status", "locked", "updated_at"])
    return question


def _announcement_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValueError("Write the announcement first.")
    if len(body) > Announcement.MAX_LENGTH:
        raise ValueError(f"An announcement is at most {Announcement.MAX_LENGTH} characters.")
    return body


@transaction.atomic
def announcement_post(*, teacher: User, classroom: Classroom, body: str) -> Announcement:
    """Post a short announcement to a class; its students are emailed after commit."""
    body = _announcement_body(body)
    if classroom.archived:
        raise ValueError("This class is archived; restore it to post announcements.")
    announcement = Announcement.objects.create(classroom=classroom, author=teacher, body=body)
    from teaching.tasks import send_announcement

    transaction.on_commit(lambda: send_announcement.delay(announcement.pk))
    return announcement


@transaction.atomic
def announcement_update(*, announcement: Announcement, body: str) -> Announcement:
    """Correct an announcement: dashboards show the new text; no second email goes out."""
    announcement.body = _announcement_body(body)
    announcement.save(update_fields=["body"])
    return announcement


@transaction.atomic
def announcement_delete(*, announcement: Announcement) -> None:
    """Take an announcement down: it leaves every student's dashboard."""
    announcement.delete()
