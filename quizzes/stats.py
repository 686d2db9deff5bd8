"""What a student has done: the dashboard's numbers and charts.

Every function here costs a fixed number of queries, whatever the size of
the student's history: aggregation happens in the database, and only
per-card rows (bounded by the deck sizes) come back to Python.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from content.models import live_q
from quizzes import charts, memory_model, scheduling
from quizzes.models import Card, DeckQuestion, Enrollment, MemoryModel, ReviewLog
from quizzes.selectors import decks_counts, decks_visible_to, hard_q


def deck_list(user):
    mine = Enrollment.objects.filter(user=user, deck=OuterRef("pk"))
    return (
        decks_visible_to(user)
        .annotate(
            size=Count("entries", filter=live_q("entries__question__")),
            enrolled=Exists(mine),
        )
        .select_related("owner")
        .order_by("-enrolled", "title")
    )


def session_summary(user, deck, now: datetime) -> dict:
    """Today's reviews of this deck's cards: the study page speaks of one deck."""
    start, end = scheduling.day_bounds(now, user.timezone)
    row = ReviewLog.objects.filter(
        user=user,
        reviewed_at__gte=start,
        reviewed_at__lt=end,
        undone_at__isnull=True,
        card__question__deck_entries__deck=deck,
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
    return TruncDate(field, tzinfo=scheduling.user_zone(user.timezone))


def streak(active_days: set[date], today: date) -> int:
    """Consecutive days with reviews, ending today (or yesterday, if today is still open)."""
    day = today if today in active_days else today - timedelta(days=1)
    count = 0
    while day in active_days:
        count += 1
        day -= timedelta(days=1)
    return count


def true_retention(logs: QuerySet[ReviewLog], zone) -> dict[int, tuple[float | None, int]]:
    """Each student's share of first reviews of each card each day that passed
    (Hard, Good or Easy), with the number of such reviews: ``{user id: (share, n)}``.

    Only reviews of cards already learned count: a new card's first sight says
    nothing about memory. Days are days in ``zone``. Counted in the database,
    one query, so a class's month of logs never comes back to Python.
    """
    # A card's day passed unless its first review that day was a fail (Again):
    # compare the day's first review with its first fail. Two hash
    # aggregations, where picking each day's first row needs a sort.
    days = (
        logs.filter(was_new=False)
        .annotate(day=TruncDate("reviewed_at", tzinfo=zone))
        .order_by()
        .values("user_id", "card_id", "day")
        .annotate(
            first_at=Min("reviewed_at"), first_fail=Min("reviewed_at", filter=Q(rating=1))
        )
    )
    # The ORM cannot group an aggregation's rows again, so the outer grouping
    # wraps its SQL. No value is formatted in: the inner query keeps its parameters.
    inner, params = days.query.sql_with_params()
    sql = (
        "SELECT user_id, COUNT(*), "  # nosec B608
        "SUM(CASE WHEN first_fail IS NULL OR first_fail > first_at THEN 1 ELSE 0 END) "
        f"FROM ({inner}) days GROUP BY user_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {user_id: (passed / n, n) for user_id, n, passed in cursor.fetchall()}


# Deadlines come from the app above this one (teaching registers its open
# assignments when it loads); quizzes never imports it, so it reads them here.
DeadlineSource = Callable[[object], dict[int, Any]]
_deadline_sources: list[DeadlineSource] = []


def deadlines_register(source: DeadlineSource) -> None:
    """Register ``source(user) -> {deck id: object with due_at}`` for the dashboard."""
    if source not in _deadline_sources:
        _deadline_sources.append(source)


# Announcements come from teaching too, by the same kind of registration.
AnnouncementSource = Callable[[object], list[Any]]
_announcement_sources: list[AnnouncementSource] = []


def announcements_register(source: AnnouncementSource) -> None:
    """Register ``source(user) -> [objects with body, classroom, created_at]``."""
    if source not in _announcement_sources:
        _announcement_sources.append(source)


def _announcements(user) -> list[Any]:
    return [a for source in _announcement_sources for a in source(user)]


# And the student's classes, so a dashboard with no deck yet can name them.
ClassSource = Callable[[object], list[Any]]
_class_sources: list[ClassSource] = []


def classes_register(source: ClassSource) -> None:
    """Register ``source(user) -> [objects with name]``: the classes the student is in."""
    if source not in _class_sources:
        _class_sources.append(source)


def _classes(user) -> list[Any]:
    return [c for source in _class_sources for c in source(user)]


def _deadlines(user) -> dict[int, Any]:
    found: dict[int, Any] = {}
    for source in _deadline_sources:
        found.update(source(user))
    return found


WORKLOAD_CACHE_SECONDS = 24 * 60 * 60


def retention_advice(user, enrollments: list[Enrollment], cards: int, retention) -> dict:
    """True retention against desired, and the simulated reviews a day at each retention.

    The workload uses the student's memory model when it is in use (else the
    defaults), their number of cards and their new cards a day; it is cached
    for a day under a key that changes when any of those do. One query.
    """
    model = MemoryModel.objects.filter(user=user, in_use=True).first()
    desired = (
        sum(e.desired_retention for e in enrollments) / len(enrollments) if enrollments else 0.9
    )
    new_per_day = sum(e.new_per_day for e in enrollments) or 10
    size = max(cards, 100)
    fitted = model.fitted_at.isoformat() if model else "default"
    key = f"workload:{user.pk}:{fitted}:{size}:{new_per_day}"
    curve = cache.get(key)
    if curve is None:
        curve = memory_model.workload(
            model.parameters if model else None, cards=size, new_per_day=new_per_day
        )
        cache.set(key, curve, WORKLOAD_CACHE_SECONDS)
    return {
        "desired": desired,
        "true": retention,
        "below": retention is not None and retention < desired - 0.05,
        "personal": model is not None,
        "cards": size,
        "new_per_day": new_per_day,
        "workload": [{"retention": r, "per_day": n} for r, n in curve],
    }


def dashboard(user, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    today = scheduling.local_today(now, user.timezone)

    enrollments = list(Enrollment.objects.filter(user=user).select_related("deck"))
    deck_ids = [e.deck_id for e in enrollments]
    cards = Card.objects.filter(
        live_q("question__"), user=user, question__deck_entries__deck__in=deck_ids
    )
    counts = decks_counts(user, enrollments, now)
    assigned = _deadlines(user)

    decks = []
    for enrollment in enrollments:
        deck_counts = counts[enrollment.deck_id]
        decks.append(
            {
                "deck": enrollment.deck,
                "due": deck_counts.due + deck_counts.learning,
                "new": deck_counts.new,
                "total": deck_counts.total,
                "mastery": deck_counts.mastery,
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
    # Today's bar is what the stats row calls "to study today": what the daily
    # limits let through now, new cards included (one definition, decks_counts).
    due_today = sum(c.studyable for c in counts.values())
    due_per_day[today] = due_today
    retention, retention_n = true_retention(
        logs.filter(reviewed_at__gte=now - timedelta(days=30)),
        scheduling.user_zone(user.timezone),
    ).get(user.pk, (None, 0))
    # Deck membership as a semi-join: a card in two enrolled decks comes once,
    # with no DISTINCT sort of every hard card's full row before the top five.
    hardest = (
        Card.objects.filter(
            live_q("question__"),
            hard_q(),
            user=user,
            question_id__in=DeckQuestion.objects.filter(deck__in=deck_ids).values("question_id"),
        )
        .select_related("question")
        .order_by("-lapses", "-difficulty", "id")[:5]
    )
    reviews_today = per_day.get(today, 0)
    return {
        "now": now,
        "decks": decks,
        "reviews_today": reviews_today,
        "due_today": due_today,
        "streak": streak(set(per_day), today),
        "retention": retention,
        "retention_reviews": retention_n,
        "heatmap": charts.heatmap_svg(per_day, end=today),
        "forecast": charts.forecast_svg(dict(due_per_day), start=today),
        "mastery_chart": charts.bar_svg([(d["deck"].title, d["mastery"]) for d in decks]),
        "forecast_rows": sorted(due_per_day.items()),
        "hardest": hardest,
        "announcements": _announcements(user),
        # Only asked when it matters: a student with no deck who has joined a
        # class is waiting for its first assignment, not looking for a class.
        "classes": [] if decks else _classes(user),
        "total_reviews": sum(per_day.values()),
        "advice": retention_advice(
            user, enrollments, sum(d["total"] for d in decks), retention
        ),
    }
