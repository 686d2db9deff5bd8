"""What a student has done: the dashboard's numbers and charts.

Every function here costs a fixed number of queries, whatever the size of
the student's history: aggregation happens in the database, and only
per-card rows (bounded by the deck sizes) come back to Python.
"""

from __future__ import annotations

import zoneinfo
from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from quizzes import charts, scheduling
from quizzes.models import Assignment, Card, Enrollment, ReviewLog
from quizzes.selectors import LIVE_STATUSES, decks_visible_to

MASTERED = 0.9  # retrievability at or above which a card counts as mastered


def models_deck(prefix: str = "") -> F:
    """The deck a card's question sits in, as a values() expression."""
    return F(f"{prefix}question__deck_entries__deck")


def deck_list(user):
    mine = Enrollment.objects.filter(user=user, deck=OuterRef("pk"))
    return (
        decks_visible_to(user)
        .annotate(
            size=Count("entries", filter=Q(entries__question__status__in=LIVE_STATUSES)),
            enrolled=Exists(mine),
        )
        .select_related("owner")
        .order_by("-enrolled", "title")
    )


def session_summary(user, now: datetime) -> dict:
    start, end = scheduling.day_bounds(now, user.timezone)
    row = ReviewLog.objects.filter(
        user=user, reviewed_at__gte=start, reviewed_at__lt=end, undone_at__isnull=True
    ).aggregate(
        n_reviews=Count("id"),
        n_correct=Count("id", filter=Q(correct=True)),
        n_graded=Count("id", filter=Q(correct__isnull=False)),
        ms=Sum("duration_ms"),
    )
    return {
        "reviews": row["n_reviews"],
        "correct": row["n_correct"],
        "graded": row["n_graded"],
        "minutes": round((row["ms"] or 0) / 60000),
    }


def _local_dates(user, field: str) -> TruncDate:
    return TruncDate(field, tzinfo=zoneinfo.ZoneInfo(user.timezone))


def streak(active_days: set[date], today: date) -> int:
    """Consecutive days with reviews, ending today (or yesterday, if today is still open)."""
    day = today if today in active_days else today - timedelta(days=1)
    count = 0
    while day in active_days:
        count += 1
        day -= timedelta(days=1)
    return count


def true_retention(rows) -> tuple[float | None, int]:
    """Share of first reviews of each card each day that passed (Hard, Good or Easy).

    Only reviews of cards already learned count: a new card's first sight says
    nothing about memory.
    """
    seen: set[tuple[int, date]] = set()
    passed = total = 0
    for card_id, day, rating in rows:
        if (card_id, day) in seen:
            continue
        seen.add((card_id, day))
        total += 1
        passed += rating >= 2
    return (passed / total if total else None), total


def dashboard(user, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    tz = zoneinfo.ZoneInfo(user.timezone)
    today = now.astimezone(tz).date()
    day = scheduling.day_bounds(now, user.timezone)

    enrollments = list(Enrollment.objects.filter(user=user).select_related("deck"))
    deck_ids = [e.deck_id for e in enrollments]
    cards = Card.objects.filter(
        user=user,
        question__deck_entries__deck__in=deck_ids,
        question__status__in=LIVE_STATUSES,
    )
    per_deck = {
        row["deck"]: row
        for row in cards.values(deck=models_deck()).annotate(
            total=Count("id"),
            new_total=Count("id", filter=Q(last_review__isnull=True)),
            due_now=Count("id", filter=Q(last_review__isnull=False, due__lte=now)),
        )
    }
    new_today_by_deck = dict(
        ReviewLog.objects.filter(
            user=user,
            reviewed_at__gte=day[0],
            reviewed_at__lt=day[1],
            undone_at__isnull=True,
            was_new=True,
            card__question__deck_entries__deck__in=deck_ids,
        )
        .values_list(models_deck("card__"))
        .annotate(n=Count("id"))
    )
    memory = defaultdict(lambda: [0, 0])  # deck -> [mastered, studied]
    # Only graduated cards count: a card failed a minute ago has a recall
    # probability near 1 but is not mastered.
    for deck_id, stability, last_review, card_state in cards.filter(
        last_review__isnull=False
    ).values_list(models_deck(), "stability", "last_review", "state"):
        memory[deck_id][1] += 1
        if card_state != Card.State.REVIEW:
            continue
        state = scheduling.CardState(
            state=Card.State.REVIEW,
            step=None,
            stability=stability,
            difficulty=None,
            due=now,
            last_review=last_review,
        )
        if stability and scheduling.retrievability(state, now) >= MASTERED:
            memory[deck_id][0] += 1

    assigned: dict[int, Assignment] = {}
    for assignment in (
        Assignment.objects.filter(classroom__memberships__student=user, closed_at__isnull=True)
        .select_related("classroom")
        .order_by("-due_at")
    ):
        assigned[assignment.deck_id] = assignment  # the earliest due date wins

    decks = []
    for enrollment in enrollments:
        row = per_deck.get(enrollment.deck_id, {"total": 0, "new_total": 0, "due_now": 0})
        new_left = max(0, enrollment.new_per_day - new_today_by_deck.get(enrollment.deck_id, 0))
        mastered, _ = memory[enrollment.deck_id]
        decks.append(
            {
                "deck": enrollment.deck,
                "due": row["due_now"],
                "new": min(row["new_total"], new_left),
                "total": row["total"],
                "mastery": mastered / row["total"] if row["total"] else 0.0,
                "assignment": assigned.get(enrollment.deck_id),
            }
        )
    # Assigned decks first, soonest due first; then the rest by title.
    decks.sort(
        key=lambda d: (
            d["assignment"] is None,
            d["assignment"].due_at if d["assignment"] else now,
            d["deck"].title.casefold(),
        )
    )

    logs = ReviewLog.objects.filter(user=user, undone_at__isnull=True)
    year_ago = now - timedelta(days=366)
    per_day = dict(
        logs.filter(reviewed_at__gte=year_ago)
        .annotate(day=_local_dates(user, "reviewed_at"))
        .values_list("day")
        .annotate(n=Count("id"))
    )
    due_per_day: dict[date, int] = defaultdict(int)
    horizon = now + timedelta(days=30)
    for due_day, n in (
        cards.filter(last_review__isnull=False, due__lt=horizon)
        .annotate(day=_local_dates(user, "due"))
        .values_list("day")
        .annotate(n=Count("id"))
    ):
        due_per_day[max(due_day, today)] += n  # overdue cards are due today
    retention_rows = (
        logs.filter(reviewed_at__gte=now - timedelta(days=30), was_new=False)
        .annotate(day=_local_dates(user, "reviewed_at"))
        .order_by("reviewed_at")
        .values_list("card_id", "day", "rating")
    )
    retention, retention_n = true_retention(retention_rows)
    hardest = (
        Card.objects.filter(user=user, last_review__isnull=False)
        .filter(Q(lapses__gt=0) | Q(difficulty__gte=7))
        .select_related("question")
        .order_by("-lapses", "-difficulty")[:5]
    )
    reviews_today = per_day.get(today, 0)
    return {
        "now": now,
        "decks": decks,
        "reviews_today": reviews_today,
        "due_today": sum(d["due"] + d["new"] for d in decks),
        "streak": streak(set(per_day), today),
        "retention": retention,
        "retention_reviews": retention_n,
        "heatmap": charts.heatmap_svg(per_day, end=today),
        "forecast": charts.forecast_svg(dict(due_per_day), start=today),
        "mastery_chart": charts.bar_svg([(d["deck"].title, d["mastery"]) for d in decks]),
        "forecast_rows": sorted(due_per_day.items()),
        "hardest": hardest,
        "total_reviews": sum(per_day.values()),
    }
