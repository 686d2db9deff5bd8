"""Reads for the quizzes app: what to study next, and what a student has done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet

from content.models import Question, Topic, live_q
from quizzes import scheduling
from quizzes.models import Card, Deck, Enrollment, ReviewLog

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
    return Card.objects.filter(live_q("question__"), user=user, question__deck_entries__deck=deck)


def mastered_q(now: datetime, prefix: str = "") -> Q:
    """The one definition of mastery: a graduated card that is not yet due.

    FSRS schedules a review for the moment recall probability falls to the
    desired retention (0.9 by default), so "in review and not yet due" is
    "retrievability still at or above the target", and the database can count
    it. A card failed a minute ago is back in (re)learning: not mastered.
    """
    return Q(
        **{
            f"{prefix}state": Card.State.REVIEW,
            f"{prefix}due__gt": now,
            f"{prefix}last_review__isnull": False,
        }
    )


def in_queue_q(now: datetime) -> Q:
    """Cards the study queue may show: not suspended, not buried past ``now``."""
    return Q(suspended=False) & (Q(buried_until__isnull=True) | Q(buried_until__lte=now))


def hard_q(prefix: str = "") -> Q:
    """The one definition of a hard card: forgotten at least once after it was
    learned, or failed ("Again") on its latest review."""
    failed_last = ReviewLog.objects.filter(
        card=OuterRef(f"{prefix}pk"),
        reviewed_at=OuterRef(f"{prefix}last_review"),
        rating=1,
        undone_at__isnull=True,
    )
    return Q(**{f"{prefix}lapses__gte": 1}) | Q(Exists(failed_last))


# Anki's learning steps are minutes long; a card failed now comes back within
# the hour, and the study page waits for it rather than saying "all done".
LEARNING_WAIT = timedelta(hours=1)


@dataclass
class LearningPending:
    count: int
    first_due: datetime | None


def learning_pending(user, enrollment: Enrollment, now: datetime) -> LearningPending:
    """(Re)learning cards not yet due that come back within the hour."""
    row = (
        deck_cards(user, enrollment.deck)
        .filter(
            in_queue_q(now),
            last_review__isnull=False,
            state__in=LEARNING_STATES,
            due__gt=now,
            due__lte=now + LEARNING_WAIT,
        )
        .aggregate(n=Count("id", distinct=True), first=Min("due"))
    )
    return LearningPending(count=row["n"], first_due=row["first"])


@dataclass
class DeckCounts:
    due: int  # review cards due now, within the daily review limit
    learning: int  # learning or relearning cards due now
    new: int  # new cards the daily limit still allows today
    new_total: int
    total: int
    mastered: int
    reviewed_today: int
    new_today: int

    @property
    def studyable(self) -> int:
        """What "to study today" means everywhere: what the daily limits let through."""
        return self.due + self.learning + self.new

    @property
    def mastery(self) -> float:
        return self.mastered / self.total if self.total else 0.0


def decks_counts(user, enrollments: list[Enrollment], now: datetime) -> dict[int, DeckCounts]:
    """Each enrolled deck's counts for the user's local day, in two queries in all."""
    deck_ids = [e.deck_id for e in enrollments]
    start, end = scheduling.day_bounds(now, user.timezone)
    today = dict.fromkeys(deck_ids, (0, 0))
    for row in (
        ReviewLog.objects.filter(
            user=user,
            reviewed_at__gte=start,
            reviewed_at__lt=end,
            undone_at__isnull=True,
            card__question__deck_entries__deck__in=deck_ids,
        )
        .values(deck=F("card__question__deck_entries__deck"))
        .annotate(reviews=Count("id"), new=Count("id", filter=Q(was_new=True)))
    ):
        today[row["deck"]] = (row["reviews"], row["new"])
    queue = in_queue_q(now)
    cards = {
        row["deck"]: row
        for row in Card.objects.filter(
            live_q("question__"), user=user, question__deck_entries__deck__in=deck_ids
        )
        .values(deck=F("question__deck_entries__deck"))
        .annotate(
            total=Count("id"),
            new_total=Count("id", filter=Q(last_review__isnull=True) & queue),
            # Aliases must not shadow field names: a later filter on "due" would
            # compare against the aggregate instead of the column.
            due_reviews=Count(
                "id",
                filter=Q(last_review__isnull=False, state=Card.State.REVIEW, due__lte=now) & queue,
            ),
            due_learning=Count(
                "id",
                filter=Q(last_review__isnull=False, state__in=LEARNING_STATES, due__lte=now)
                & queue,
            ),
            n_mastered=Count("id", filter=mastered_q(now)),
        )
    }
    counts = {}
    empty = {"total": 0, "new_total": 0, "due_reviews": 0, "due_learning": 0, "n_mastered": 0}
    for enrollment in enrollments:
        row = cards.get(enrollment.deck_id, empty)
        reviewed_today, new_today = today[enrollment.deck_id]
        new_allowed = max(0, enrollment.new_per_day - new_today)
        reviews_allowed = max(0, enrollment.max_reviews_per_day - (reviewed_today - new_today))
        counts[enrollment.deck_id] = DeckCounts(
            due=min(row["due_reviews"], reviews_allowed),
            learning=row["due_learning"],
            new=min(row["new_total"], new_allowed),
            new_total=row["new_total"],
            total=row["total"],
            mastered=row["n_mastered"],
            reviewed_today=reviewed_today,
            new_today=new_today,
        )
    return counts


def deck_counts(user, enrollment: Enrollment, now: datetime) -> DeckCounts:
    return decks_counts(user, [enrollment], now)[enrollment.deck_id]


def next_card(
    user, enrollment: Enrollment, now: datetime, counts: DeckCounts, *, ahead: bool = False
) -> Card | None:
    """The next card: due learning cards, then due reviews, then new cards.

    ``ahead`` lets a student who has finished study cards due within the next
    day ("study ahead").
    """
    # The front shows the prompt and the figure; the source comes with the back.
    cards = (
        deck_cards(user, enrollment.deck)
        .filter(in_queue_q(now))
        .select_related("question", "question__figure")
    )
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


def documents_behind_decks_q(user) -> Q:
    """Documents with a question in a deck the user may study, as a filter on documents."""
    return Q(pk__in=Question.objects.filter(decks__in=decks_visible_to(user)).values("document_id"))


@dataclass
class DeckPreview:
    questions: list[Question]
    by_type: list[tuple[str, int]]  # (type label, count), most common first
    total: int


PREVIEW_SIZE = 10


def deck_preview(deck: Deck) -> DeckPreview:
    """What a student sees before enrolling: the first questions students may
    see (``live_q``, the one definition) and how many of each type."""
    live = Question.objects.filter(live_q(), deck_entries__deck=deck)
    labels = dict(Question.Type.choices)
    by_type = [
        (labels.get(row["type"], row["type"]), row["n"])
        for row in live.values("type").annotate(n=Count("id")).order_by("-n", "type")
    ]
    questions = list(
        live.select_related("figure").order_by("deck_entries__position", "id")[:PREVIEW_SIZE]
    )
    return DeckPreview(questions=questions, by_type=by_type, total=sum(n for _, n in by_type))


def cards_browse(user, *, query: str = "", show: str = "") -> QuerySet[Card]:
    """The student's own cards for the card browser, searched by prompt or answer."""
    cards = Card.objects.filter(live_q("question__"), user=user).select_related("question")
    if query:
        cards = cards.filter(
            Q(question__prompt__icontains=query) | Q(question__answer__icontains=query)
        )
    if show == "flagged":
        cards = cards.filter(flagged=True)
    elif show == "suspended":
        cards = cards.filter(suspended=True)
    elif show == "hard":
        cards = cards.filter(hard_q())
    return cards.defer(*HEAVY_TEXT).order_by("due", "id")


def card_history(card: Card) -> QuerySet[ReviewLog]:
    return card.logs.order_by("-reviewed_at", "-id")


# -- custom study ------------------------------------------------------------------

CUSTOM_AHEAD = timedelta(days=7)
CUSTOM_LIMIT = 50


def deck_topics(deck: Deck) -> QuerySet:
    """The topics of a deck's questions, for "cram a topic"."""
    return (
        Topic.objects.filter(passages__questions__deck_entries__deck=deck)
        .distinct()
        .order_by("name")
    )


def custom_study_cards(
    user, enrollment: Enrollment, *, mode: str, now: datetime, topic_id: int | None = None
) -> list[int]:
    """The card ids of a custom session, in order. ``ahead``: reviews due in the
    next week, soonest first; ``topic``: one topic's cards; ``failed``: the
    cards failed today. Suspended cards stay out, buried ones may be crammed."""
    cards = deck_cards(user, enrollment.deck).filter(suspended=False)
    if mode == "ahead":
        cards = cards.filter(
            last_review__isnull=False, due__gt=now, due__lte=now + CUSTOM_AHEAD
        ).order_by("due", "id")
    elif mode == "topic":
        cards = cards.filter(question__passage__topic_id=topic_id).order_by(
            "question__deck_entries__position", "id"
        )
    elif mode == "failed":
        start, end = scheduling.day_bounds(now, user.timezone)
        failed = ReviewLog.objects.filter(
            user=user, rating=1, reviewed_at__gte=start, reviewed_at__lt=end,
            undone_at__isnull=True,
        ).values("card_id")
        cards = cards.filter(pk__in=failed).order_by("id")
    else:
        return []
    return list(dict.fromkeys(cards.values_list("id", flat=True)[:CUSTOM_LIMIT]))
