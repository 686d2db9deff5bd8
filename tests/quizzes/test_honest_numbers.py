"""Numbers that sit side by side on the pages agree: one definition each."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes import scheduling, stats
from quizzes.models import Card, Enrollment
from quizzes.services.decks import cards_sync, enrollment_create
from quizzes.services.reviews import review_submit
from teaching import progress
from tests.factories import AssignmentFactory, MembershipFactory, deck_with_questions

pytestmark = pytest.mark.django_db


def test_the_forecast_today_is_the_number_to_study_today():
    student = MembershipFactory().student
    deck = deck_with_questions(12)
    Enrollment.objects.create(user=student, deck=deck, max_reviews_per_day=5, new_per_day=2)
    now = timezone.now()
    for question in list(deck.questions.order_by("pk"))[:9]:
        Card.objects.create(
            user=student, question=question, state=Card.State.REVIEW, stability=20.0,
            due=now - timedelta(hours=1), last_review=now - timedelta(days=2), reps=1,
        )
    cards_sync(user=student, deck=deck)
    board = stats.dashboard(student, now)
    today = scheduling.local_today(now, student.timezone)
    assert board["due_today"] == 7  # five reviews and two new cards let through
    assert dict(board["forecast_rows"])[today] == board["due_today"]


def _rate(student, card, rating):
    review_submit(
        user=student, card_id=card.pk, version=card.version, rating=rating, answer="",
        correct=rating > 1, duration_ms=0,
    )
    card.refresh_from_db()


def test_the_student_and_the_teacher_list_the_same_hard_cards(client):
    assignment = AssignmentFactory(deck=deck_with_questions(3))
    student = MembershipFactory(classroom=assignment.classroom).student
    enrollment_create(user=student, deck=assignment.deck)
    good, failed, _untouched = Card.objects.filter(user=student).order_by("pk")
    _rate(student, good, 3)
    _rate(student, failed, 1)

    board = stats.dashboard(student)
    report = progress.student_report(
        student=student, deck_ids=[assignment.deck_id], now=timezone.now()
    )
    assert list(board["hardest"]) == [failed]
    assert report.hardest == [failed]

    client.force_login(student)
    html = client.get(reverse("quizzes:dashboard")).content.decode()
    assert "failed on the last review" in html
    assert "No card has given you trouble" not in html


def test_a_good_review_does_not_make_a_card_hard():
    assignment = AssignmentFactory(deck=deck_with_questions(1))
    student = MembershipFactory(classroom=assignment.classroom).student
    enrollment_create(user=student, deck=assignment.deck)
    _rate(student, Card.objects.get(user=student), 3)
    report = progress.student_report(
        student=student, deck_ids=[assignment.deck_id], now=timezone.now()
    )
    assert report.hardest == []
    assert list(stats.dashboard(student)["hardest"]) == []


def test_nothing_studied_is_never_on_track():
    now = timezone.now()
    assignment = AssignmentFactory.build(goal="studied", goal_percent=100,
                                         due_at=now + timedelta(days=2))
    assignment.created_at = now - timedelta(minutes=5)
    cell = progress.Cell(studied=0, mastered=0, total=38)
    assert progress.cell_status(assignment, cell, now) == progress.NOT_STARTED
    assignment.created_at = now - timedelta(days=3)  # most of the time has gone
    assert progress.cell_status(assignment, cell, now) == progress.BEHIND


def test_true_retention_counts_each_cards_first_review_of_each_local_day():
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from quizzes.models import ReviewLog
    from tests.factories import StudentFactory

    student = StudentFactory()
    deck = deck_with_questions(3)
    enrollment_create(user=student, deck=deck)
    first, second, third = Card.objects.filter(user=student).order_by("pk")
    # 2026-03-10 01:00 UTC is still 9 March in New York.
    base = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)

    def log(card, minutes, rating, was_new=False):
        ReviewLog.objects.create(
            user=student, card=card, rating=rating, was_new=was_new,
            reviewed_at=base + timedelta(minutes=minutes), state_before={}, state_after={},
            token=f"t{card.pk}-{minutes}",
        )

    log(first, 0, 1)  # failed first; the pass that follows the same day does not count
    log(first, 10, 3)
    log(second, 0, 3)
    log(second, 60 * 5, 1)  # 06:00 UTC: the same New York day, a later review
    log(third, 0, 4, was_new=True)  # a new card's first sight says nothing about memory
    logs = ReviewLog.objects.filter(user=student)
    assert stats.true_retention(logs, UTC) == {student.pk: (0.5, 2)}
    # In New York 01:00 UTC is the evening before, 06:00 UTC the next night:
    # the second card's failure is that day's first review.
    assert stats.true_retention(logs, ZoneInfo("America/New_York")) == {student.pk: (1 / 3, 3)}
