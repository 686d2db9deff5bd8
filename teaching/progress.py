"""What teachers see: a class's progress grid, one student, and item analysis.

Every figure is aggregated in the database, so the number of queries does not
grow with students, cards or reviews.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.db.models import Count, F, FloatField, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Cast, TruncDate
from django.utils import timezone

from accounts.models import User
from content.models import Question, live_q
from quizzes import scheduling
from quizzes.models import Card, Deck, DeckQuestion, Enrollment, QuizAttempt, ReviewLog
from quizzes.selectors import DeckCounts, decks_counts, hard_q, mastered_q
from quizzes.stats import true_retention
from teaching.models import Assignment, Classroom

# The classic split for the discrimination index (Kelley, 1939).
GROUP_SHARE = 0.27
TOO_EASY = 0.9
TOO_HARD = 0.3
POOR_DISCRIMINATION = 0.2
# Below this many first attempts a share is noise, and a flag would mislead.
MIN_RESPONSES = 5

# Progress may trail the straight line from set to due by this share.
SLACK = 0.15
ON_TRACK = "on track"
BEHIND = "behind"
OVERDUE = "overdue"
DONE = "done"
NOT_STARTED = "not started"


@dataclass
class Cell:
    studied: int = 0
    mastered: int = 0
    total: int = 0
    last_active: datetime | None = None
    best_quiz: float | None = None
    status: str = NOT_STARTED

    @property
    def studied_pct(self) -> int:
        return round(100 * self.studied / self.total) if self.total else 0

    @property
    def mastery_pct(self) -> int:
        return round(100 * self.mastered / self.total) if self.total else 0


@dataclass
class Row:
    student: User
    last_active: datetime | None
    cells: list[Cell] = field(default_factory=list)

    @property
    def behind(self) -> int:
        return sum(1 for c in self.cells if c.status in (BEHIND, OVERDUE))


@dataclass
class Grid:
    classroom: Classroom
    assignments: list[Assignment]
    rows: list[Row]
    median_retention: float | None = None  # of the students' true retention, 30 days


def median_true_retention(students: list[User], now: datetime) -> float | None:
    """The class's median of each student's true retention over 30 days, in one query.

    Each student's figure is the dashboard's (``quizzes.stats.true_retention``),
    except that days are UTC days rather than the student's own.
    """
    if not students:
        return None
    logs = ReviewLog.objects.filter(
        user__in=students, undone_at__isnull=True, reviewed_at__gte=now - timedelta(days=30)
    )
    shares = [share for share, _ in true_retention(logs, UTC).values() if share is not None]
    return statistics.median(shares) if shares else None


def _goal_met(assignment: Assignment, cell: Cell) -> bool:
    if not cell.total:
        return False
    if assignment.goal == Assignment.Goal.STUDIED:
        return cell.studied >= cell.total
    if assignment.goal == Assignment.Goal.MASTERY:
        return cell.mastery_pct >= assignment.goal_percent
    return cell.best_quiz is not None and 100 * cell.best_quiz >= assignment.goal_percent


def _progress(assignment: Assignment, cell: Cell) -> float:
    if assignment.goal == Assignment.Goal.QUIZ:
        return min(1.0, (cell.best_quiz or 0) * 100 / assignment.goal_percent)
    if assignment.goal == Assignment.Goal.MASTERY:
        return min(1.0, cell.mastery_pct / assignment.goal_percent)
    return cell.studied / cell.total if cell.total else 0.0


def cell_status(assignment: Assignment, cell: Cell, now: datetime) -> str:
    if _goal_met(assignment, cell):
        return DONE
    if now >= assignment.due_at:
        return OVERDUE
    span = (assignment.due_at - assignment.created_at).total_seconds()
    elapsed = (now - assignment.created_at).total_seconds()
    expected = min(1.0, max(0.0, elapsed / span)) if span > 0 else 1.0
    progress = _progress(assignment, cell)
    # Nothing done is never "on track": it is "not started" while the expected
    # share is still within the slack, "behind" after that.
    if progress <= 0:
        return NOT_STARTED if expected <= SLACK else BEHIND
    # A little slack: a student a day or two behind a straight line is fine.
    return BEHIND if progress + SLACK < expected else ON_TRACK


def progress_grid(classroom: Classroom, now: datetime, *, include_closed: bool = False) -> Grid:
    assignments = classroom.assignments.select_related("deck").order_by("due_at", "id")
    if not include_closed:
        assignments = assignments.filter(closed_at__isnull=True)
    assignments = list(assignments)
    # Latest review per student as a subquery: one (user, reviewed_at) index
    # probe each, instead of aggregating every log of the class.
    latest = ReviewLog.objects.filter(user=OuterRef("pk"), undone_at__isnull=True).order_by(
        "-reviewed_at"
    )
    students = list(
        User.objects.filter(memberships__classroom=classroom)
        .annotate(last_active=Subquery(latest.values("reviewed_at")[:1]))
        .order_by("last_name", "first_name", "username")
    )
    deck_ids = {a.deck_id for a in assignments}
    totals = dict(
        DeckQuestion.objects.filter(live_q("question__"), deck_id__in=deck_ids)
        .values("deck_id")
        .annotate(n=Count("id"))
        .values_list("deck_id", "n")
    )
    figures = _class_figures(classroom, students, deck_ids, totals, now)
    per_cell = figures["cells"]
    quiz = {}
    if students and deck_ids:
        quiz = {
            (r["user_id"], r["deck_id"]): r["best"]
            for r in QuizAttempt.objects.filter(
                user__in=students, deck_id__in=deck_ids, finished_at__isnull=False, total__gt=0
            )
            .values("user_id", "deck_id")
            .annotate(best=Max(Cast("correct", FloatField()) / Cast("total", FloatField())))
        }

    grid_rows = []
    for student in students:
        row = Row(student=student, last_active=student.last_active)
        for assignment in assignments:
            studied, mastered, last = per_cell.get((student.pk, assignment.deck_id), (0, 0, None))
            cell = Cell(
                studied=studied,
                mastered=mastered,
                total=totals.get(assignment.deck_id, 0),
                last_active=last,
                best_quiz=quiz.get((student.pk, assignment.deck_id)),
            )
            cell.status = cell_status(assignment, cell, now)
            row.cells.append(cell)
        grid_rows.append(row)
    return Grid(
        classroom=classroom, assignments=assignments, rows=grid_rows,
        median_retention=figures["median_retention"],
    )


# How stale the grid's counts may be. Mastery changes with the clock alone (a
# mastered card falls due), which no write announces; a minute of that is
# below what a teacher can notice.
GRID_CACHE_SECONDS = 60


def _class_figures(
    classroom: Classroom, students: list[User], deck_ids: set[int], totals: dict, now: datetime
) -> dict:
    """The grid's costly figures: each cell's studied and mastered cards and
    last review, and the class's median true retention (a month of logs).

    Cached under a key built from what changes them: the minute (mastery
    moves with the clock), the open decks and their sizes, the students, and
    each student's latest standing review, which every review and undo moves.
    So a review shows at once, and repeat views and re-sorts of an unchanged
    class within the minute read the cache. A change that moves none of those
    (a student resets a card, a question is swapped for another in a deck)
    shows within the minute.
    """
    stamp = repr(
        (
            int(now.timestamp() // GRID_CACHE_SECONDS),
            sorted(deck_ids),
            sorted(totals.items()),
            [(s.pk, s.last_active.isoformat() if s.last_active else None) for s in students],
        )
    )
    key = f"progress-grid:{classroom.pk}:{hashlib.sha256(stamp.encode()).hexdigest()}"
    figures = cache.get(key)
    if figures is not None:
        return figures
    cells: dict[tuple[int, int], tuple[int, int, datetime | None]] = {}
    if students and deck_ids:
        rows = (
            Card.objects.filter(
                live_q("question__"),
                user__in=students,
                question__deck_entries__deck_id__in=deck_ids,
            )
            .values("user_id", deck_id=F("question__deck_entries__deck_id"))
            .annotate(
                studied=Count("id", filter=Q(last_review__isnull=False)),
                mastered=Count("id", filter=mastered_q(now)),
                last=Max("last_review"),
            )
        )
        cells = {
            (r["user_id"], r["deck_id"]): (r["studied"], r["mastered"], r["last"]) for r in rows
        }
    figures = {"cells": cells, "median_retention": median_true_retention(students, now)}
    cache.set(key, figures, GRID_CACHE_SECONDS)
    return figures


def sort_rows(grid: Grid, key: str, descending: bool = False) -> list[Row]:
    """Sort by name, last activity, number behind, or an assignment column ("a<index>")."""
    rows = list(grid.rows)
    if key == "active":
        rows.sort(key=lambda r: r.last_active.timestamp() if r.last_active else -math.inf)
    elif key == "behind":
        rows.sort(key=lambda r: r.behind)
    elif key.startswith("a") and key[1:].isdigit() and int(key[1:]) < len(grid.assignments):
        i = int(key[1:])
        rows.sort(key=lambda r: (r.cells[i].studied_pct, r.cells[i].mastery_pct))
    else:
        rows.sort(key=lambda r: r.student.display_name.casefold())
    if descending:
        rows.reverse()
    return rows


@dataclass
class StudentReport:
    student: User
    reviews_per_day: list[tuple]  # (date, reviews, correct)
    weakest_topics: list[dict]
    hardest: list[Card]
    # Each assigned deck the student is enrolled in, with the counts the
    # student's own dashboard shows (mastery and due cards alike).
    decks: list[tuple[Deck, DeckCounts]]


def student_report(*, student: User, deck_ids: list[int], now: datetime) -> StudentReport:
    logs = ReviewLog.objects.filter(
        user=student, undone_at__isnull=True, card__question__deck_entries__deck_id__in=deck_ids
    )
    per_day = list(
        logs.annotate(day=TruncDate("reviewed_at", tzinfo=scheduling.user_zone(student.timezone)))
        .values("day")
        .annotate(
            n=Count("id", distinct=True), correct=Count("id", filter=Q(rating__gt=1), distinct=True)
        )
        .order_by("day")
        .values_list("day", "n", "correct")
    )
    topics = list(
        logs.exclude(card__question__passage__topic=None)
        .values(topic=F("card__question__passage__topic__name"))
        .annotate(
            reviews=Count("id", distinct=True),
            lapses=Count("id", filter=Q(rating=1), distinct=True),
        )
        .order_by()
    )
    for row in topics:
        row["fail_rate"] = row["lapses"] / row["reviews"] if row["reviews"] else 0.0
    topics.sort(key=lambda r: (-r["fail_rate"], -r["reviews"]))
    hardest = list(
        Card.objects.filter(hard_q(), user=student, question__deck_entries__deck_id__in=deck_ids)
        .select_related("question")
        .distinct()
        .order_by("-lapses", "stability")[:10]
    )
    enrollments = list(
        Enrollment.objects.filter(user=student, deck_id__in=deck_ids)
        .select_related("deck")
        .order_by("deck__title")
    )
    counts = decks_counts(student, enrollments, now)
    return StudentReport(
        student=student,
        reviews_per_day=per_day,
        weakest_topics=topics[:5],
        hardest=hardest,
        decks=[(e.deck, counts[e.deck_id]) for e in enrollments],
    )


@dataclass
class Item:
    question: Question
    attempts: int = 0
    first_attempts: int = 0
    facility: float | None = None
    mastery: float | None = None  # share of those students who have mastered it now
    discrimination: float | None = None
    flags: list[str] = field(default_factory=list)
    type_label: str = ""  # the question's kind, as get_type_display says it


def item_analysis(
    *, deck_id: int, students: list[int] | None = None, now: datetime | None = None
) -> list[Item]:
    """Facility and discrimination per question, from graded first attempts.

    A first attempt is a student's earliest graded answer to a question, in
    study (a typed or chosen answer) or in a quiz; the card keeps it as it
    happens, so this reads one row per student and question, never the logs.
    ``students`` limits the analysis to a class; None means everyone.
    """
    questions = list(
        Question.objects.filter(deck_entries__deck_id=deck_id).order_by("deck_entries__position")
    )
    cards = Card.objects.filter(
        question__deck_entries__deck_id=deck_id, first_attempt_correct__isnull=False
    ).order_by()
    if students is not None:
        cards = cards.filter(user_id__in=students)

    # Students ranked by their share of first attempts right in this deck.
    scores = {
        row["user_id"]: row["right"] / row["n"]
        for row in cards.values("user_id").annotate(
            n=Count("id"), right=Count("id", filter=Q(first_attempt_correct=True))
        )
    }
    ranked = sorted(scores, key=lambda uid: (scores[uid], uid))
    group = max(1, round(len(ranked) * GROUP_SHARE)) if len(ranked) >= 2 else 0
    lower = ranked[:group]
    upper = ranked[-group:] if group else []

    per_question = {
        row["question_id"]: row
        for row in cards.values("question_id").annotate(
            attempts=Sum("attempts"),
            n=Count("id"),
            right=Count("id", filter=Q(first_attempt_correct=True)),
            n_mastered=Count("id", filter=mastered_q(now or timezone.now())),
            up_n=Count("id", filter=Q(user_id__in=upper)),
            up_right=Count("id", filter=Q(user_id__in=upper, first_attempt_correct=True)),
            low_n=Count("id", filter=Q(user_id__in=lower)),
            low_right=Count("id", filter=Q(user_id__in=lower, first_attempt_correct=True)),
        )
    }

    # get_type_display rebuilds the choices on every call: once per page here.
    labels = dict(Question.Type.choices)
    items = []
    for question in questions:
        row = per_question.get(question.pk)
        item = Item(question=question, type_label=labels.get(question.type, question.type))
        if row:
            item.attempts = row["attempts"] or 0
            item.first_attempts = row["n"]
            item.facility = row["right"] / row["n"]
            item.mastery = row["n_mastered"] / row["n"]
            if row["up_n"] and row["low_n"]:
                item.discrimination = (
                    row["up_right"] / row["up_n"] - row["low_right"] / row["low_n"]
                )
        if item.first_attempts >= MIN_RESPONSES:
            if item.facility > TOO_EASY:
                item.flags.append("too easy")
            if item.facility < TOO_HARD:
                item.flags.append("too hard")
            if item.discrimination is not None and item.discrimination < POOR_DISCRIMINATION:
                item.flags.append("poor discrimination")
        items.append(item)
    return items
