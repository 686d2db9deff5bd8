"""The dashboard, the deck page and the teacher's pages count cards the same way."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes import selectors, stats
from quizzes.models import Card, Enrollment
from teaching import progress
from tests.factories import AssignmentFactory, MembershipFactory, deck_with_questions

pytestmark = pytest.mark.django_db


def _card(user, question, *, state, due, reviewed=True):
    now = timezone.now()
    return Card.objects.create(
        user=user,
        question=question,
        state=state,
        stability=20.0 if reviewed else None,
        due=due,
        last_review=now - timedelta(days=2) if reviewed else None,
        reps=1 if reviewed else 0,
        # A graded first answer, so item analysis counts the card too.
        attempts=1 if reviewed else 0,
        first_attempt_correct=True if reviewed else None,
    )


def test_the_dashboard_shows_the_cards_the_daily_limits_let_through(client):
    membership = MembershipFactory()
    student = membership.student
    deck = deck_with_questions(12)
    enrollment = Enrollment.objects.create(
        user=student, deck=deck, max_reviews_per_day=5, new_per_day=2
    )
    now = timezone.now()
    questions = list(deck.questions.order_by("pk"))
    for question in questions[:9]:  # nine reviews overdue, but only five allowed today
        _card(student, question, state=Card.State.REVIEW, due=now - timedelta(hours=1))
    for question in questions[9:]:  # three new cards, two allowed today
        _card(student, question, state=Card.State.LEARNING, due=now, reviewed=False)

    counts = selectors.deck_counts(student, enrollment, now)
    board = stats.dashboard(student, now)
    (row,) = board["decks"]
    assert (row["due"], row["new"]) == (5, 2)
    assert board["due_today"] == counts.studyable == 7
    client.force_login(student)
    page = client.get(reverse("quizzes:dashboard")).content.decode()
    assert '<span class="stat">7</span> cards to study today' in page


def test_a_student_and_their_teacher_see_the_same_mastery():
    assignment = AssignmentFactory(deck=deck_with_questions(3))
    student = MembershipFactory(classroom=assignment.classroom).student
    Enrollment.objects.create(user=student, deck=assignment.deck)
    now = timezone.now()
    mastered, overdue, relearning = assignment.deck.questions.order_by("pk")
    _card(student, mastered, state=Card.State.REVIEW, due=now + timedelta(days=5))
    _card(student, overdue, state=Card.State.REVIEW, due=now - timedelta(days=1))
    _card(student, relearning, state=Card.State.RELEARNING, due=now + timedelta(minutes=5))

    (row,) = stats.dashboard(student, now)["decks"]
    (grid_row,) = progress.progress_grid(assignment.classroom, now).rows
    report = progress.student_report(student=student, deck_ids=[assignment.deck_id], now=now)
    items = {i.question.pk: i.mastery for i in progress.item_analysis(deck_id=assignment.deck_id)}

    assert row["mastery"] == pytest.approx(1 / 3)
    assert grid_row.cells[0].mastered == 1 and grid_row.cells[0].mastery_pct == 33
    assert report.decks[0][1].mastered == 1
    assert items == {mastered.pk: 1.0, overdue.pk: 0.0, relearning.pk: 0.0}
