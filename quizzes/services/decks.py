"""Decks and enrolments: building decks from a document, and giving a student their cards."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from content.models import Document, Topic, live_q
from quizzes import scheduling
from quizzes.models import Card, Deck, DeckQuestion, Enrollment


@transaction.atomic
def decks_build_for_document(*, document: Document, publish: bool = False) -> list[Deck]:
    """One deck per topic of a document, holding that topic's published questions.

    A topic with nothing published gets no deck: an empty deck offered to
    students is a dead end. It gets one once a teacher publishes its drafts.
    """
    decks = []
    topic_ids = (
        document.questions.live()
        .exclude(passage__topic=None)
        .values_list("passage__topic", flat=True)
        .distinct()
    )
    for topic in Topic.objects.filter(pk__in=topic_ids).order_by("name"):
        deck, created = Deck.objects.get_or_create(
            document=document,
            topic=topic,
            owner=None,
            defaults={
                "title": topic.name,
                "description": f"Questions on {topic.name}, from “{document.title}”.",
                "visibility": Deck.Visibility.PUBLIC if publish else Deck.Visibility.PRIVATE,
            },
        )
        live = document.questions.live().filter(passage__topic=topic).order_by(
            "-score", "id"
        )
        deck_add_questions(deck=deck, questions=live)
        decks.append(deck)
    return decks


@transaction.atomic
def deck_add_questions(*, deck: Deck, questions) -> int:
    """Append questions to a deck, skipping those already in it.

    The deck's row is locked first: a double click (two requests at once)
    would otherwise both see the question missing and both insert it.
    """
    Deck.objects.select_for_update().filter(pk=deck.pk).first()
    present = set(deck.entries.values_list("question_id", flat=True))
    start = (deck.entries.aggregate(m=Max("position"))["m"] or 0) + 1
    new = [q for q in questions if q.pk not in present]
    DeckQuestion.objects.bulk_create(
        DeckQuestion(deck=deck, question=q, position=start + i) for i, q in enumerate(new)
    )
    return len(new)


@transaction.atomic
def enrollment_create(*, user, deck: Deck) -> Enrollment:
    """Enrol a user in a deck (idempotent) and give them a card per question."""
    enrollment, _ = Enrollment.objects.get_or_create(user=user, deck=deck)
    cards_sync(user=user, deck=deck)
    return enrollment


@transaction.atomic
def enrollment_update(
    *, enrollment: Enrollment, new_per_day: int, max_reviews_per_day: int, desired_retention: float
) -> Enrollment:
    """A student's study settings for one deck; the new limits count from today."""
    enrollment.new_per_day = new_per_day
    enrollment.max_reviews_per_day = max_reviews_per_day
    enrollment.desired_retention = desired_retention
    enrollment.save(update_fields=["new_per_day", "max_reviews_per_day", "desired_retention"])
    return enrollment


def cards_sync(*, user, deck: Deck, now: datetime | None = None) -> int:
    """Create the user's missing cards for the deck's live questions.

    Decks grow after enrolment (a teacher adds questions), so this runs again
    cheaply whenever the user opens the deck: one query to find what is
    missing, one insert.
    """
    now = now or timezone.now()
    missing = (
        deck.entries.filter(live_q("question__"))
        .exclude(question__cards__user=user)
        .values_list("question_id", flat=True)
    )
    state = scheduling.new_card_state(now)
    created = Card.objects.bulk_create(
        [
            Card(user=user, question_id=qid, state=state.state, step=state.step, due=state.due)
            for qid in missing
        ],
        ignore_conflicts=True,
    )
    return len(created)
