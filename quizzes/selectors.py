"""Reads for the quizzes app: what to study next, and what a student has done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet

from quizzes import scheduling
from quizzes.models import Card, Deck, Enrollment, Question, ReviewLog

# Questions students may see: drafts included, since publishing a deck is the
# curation step; rejected and retired questions never reach a student.
LIVE_STATUSES = (Question.Status.DRAFT, Question.Status.APPROVED)
LEARNING_STATES = (Card.State.LEARNING, Card.State.RELEARNING)
# A card shows its passage and links to its document, but never needs the
# whole document (up to megabytes) or the passage's markup.
HEAVY_TEXT = ("question__document__raw_text", "question__passage__raw_text")


def decks_visible_to(user) -> QuerySet[Deck]:
    """Public decks, the user's own decks, and decks assigned to their classes."""
    if user.is_admin:
        return Deck.objects.all()
    visible = Q(visibility=Deck.Visibility.PUBLIC) | Q(owner=user) | Q(enrollments__user=user)
    return Deck.objects.filter(visible).distinct()


def deck_cards(user, deck: Deck) -> QuerySet[Card]:
    return Card.objects.filter(
        user=user,
        question__deck_entries__deck=deck,
        question__status__in=LIVE_STATUSES,
    )


@dataclass
class DeckCounts:
    due: int  # review cards due now
    learning: int  # learning or relearning cards due now
    new: int  # new cards the daily limit still allows today
    new_total: int
    total: int
    reviewed_today: int
    new_today: int

    @property
    def studyable(self) -> int:
        return self.due + self.learning + self.new


def today_counts(user, day: tuple[datetime, datetime], deck: Deck | None = None) -> tuple[int, int]:
    """Reviews and new cards the user has done in their local day (one query)."""
    logs = ReviewLog.objects.filter(
        user=user, reviewed_at__gte=day[0], reviewed_at__lt=day[1], undone_at__isnull=True
    )
    if deck is not None:
        logs = logs.filter(card__question__deck_entries__deck=deck)
    row = logs.aggregate(reviews=Count("id"), new=Count("id", filter=Q(was_new=True)))
    return row["reviews"], row["new"]


def deck_counts(user, enrollment: Enrollment, now: datetime) -> DeckCounts:
    day = scheduling.day_bounds(now, user.timezone)
    reviewed_today, new_today = today_counts(user, day, enrollment.deck)
    row = deck_cards(user, enrollment.deck).aggregate(
        total=Count("id"),
        new_total=Count("id", filter=Q(last_review__isnull=True)),
        # Aliases must not shadow field names: a later filter on "due" would
        # compare against the aggregate instead of the column.
        due_reviews=Count(
            "id", filter=Q(last_review__isnull=False, state=Card.State.REVIEW, due__lte=now)
        ),
        due_learning=Count(
            "id", filter=Q(last_review__isnull=False, state__in=LEARNING_STATES, due__lte=now)
        ),
    )
    new_allowed = max(0, enrollment.new_per_day - new_today)
    reviews_allowed = max(0, enrollment.max_reviews_per_day - (reviewed_today - new_today))
    return DeckCounts(
        due=min(row["due_reviews"], reviews_allowed),
        learning=row["due_learning"],
        new=min(row["new_total"], new_allowed),
        new_total=row["new_total"],
        total=row["total"],
        reviewed_today=reviewed_today,
        new_today=new_today,
    )


def next_card(
    user, enrollment: Enrollment, now: datetime, counts: DeckCounts, *, ahead: bool = False
) -> Card | None:
    """The next card: due learning cards, then due reviews, then new cards.

    ``ahead`` lets a student who has finished study cards due within the next
    day ("study ahead").
    """
    # The front shows the prompt and the figure; the source comes with the back.
    cards = deck_cards(user, enrollment.deck).select_related("question", "question__figure")
    reviewed = Q(last_review__isnull=False)
    if counts.learning:
        card = (
            cards.filter(reviewed, state__in=LEARNING_STATES, due__lte=now).order_by("due").first()
        )
        if card:
            return card
    if counts.due:
        card = cards.filter(reviewed, state=Card.State.REVIEW, due__lte=now).order_by("due").first()
        if card:
            return card
    if counts.new:
        card = (
            cards.filter(last_review__isnull=True)
            .order_by("question__deck_entries__position", "id")
            .first()
        )
        if card:
            return card
    if ahead:
        return cards.filter(reviewed, due__lte=now + timedelta(days=1)).order_by("due").first()
    return None


def last_undoable_review(user) -> ReviewLog | None:
    return (
        ReviewLog.objects.filter(user=user, undone_at__isnull=True)
        .order_by("-reviewed_at", "-id")
        .first()
    )
