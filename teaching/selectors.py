"""Reads for teachers: what they may assign, copy and browse."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import User
from content.models import Question
from content.selectors import shared_documents_q
from quizzes.models import Deck, DeckQuestion
from teaching.models import Assignment


def decks_assignable_by(user: User) -> QuerySet[Deck]:
    """What a teacher may assign or copy: their own decks and public ones."""
    if user.is_admin:
        return Deck.objects.all()
    return Deck.objects.filter(Q(owner=user) | Q(visibility=Deck.Visibility.PUBLIC))


def questions_visible_to(user: User) -> QuerySet[Question]:
    """Live questions a teacher may browse: shared content, their own uploads,
    and anything in a public deck. Another teacher's unpublished drafts stay theirs."""
    live = Question.objects.live()
    if user.is_admin:
        return live
    shared = shared_documents_q("document__")
    in_public_deck = Q(
        pk__in=DeckQuestion.objects.filter(deck__visibility=Deck.Visibility.PUBLIC).values(
            "question_id"
        )
    )
    return live.filter(shared | Q(document__created_by=user) | in_public_deck)


def open_assignments_by_deck(student) -> dict[int, Assignment]:
    """Each deck's soonest-due open assignment in the student's classes (one query)."""
    assigned: dict[int, Assignment] = {}
    for assignment in (
        Assignment.objects.filter(classroom__memberships__student=student, closed_at__isnull=True)
        .select_related("classroom")
        .order_by("-due_at")
    ):
        assigned[assignment.deck_id] = assignment  # the earliest due date wins
    return assigned
