"""Study and dashboard requests cost the same few queries, whatever the history."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Card, Enrollment, ReviewLog
from tests.factories import StudentFactory, deck_with_questions

pytestmark = pytest.mark.django_db


def _history(user, deck, logs: int) -> None:
    """Give a student ``logs`` past reviews spread over a year, with bulk inserts."""
    Enrollment.objects.create(user=user, deck=deck)
    now = timezone.now()
    questions = list(deck.questions.all())
    cards = Card.objects.bulk_create(
        Card(
            user=user, question=q, state=Card.State.REVIEW, step=None, stability=10.0,
            difficulty=5.0, due=now - timedelta(hours=i + 1), last_review=now - timedelta(days=3),
            reps=3,
        )
        for i, q in enumerate(questions)
    )
    state = {"state": 2, "step": None, "stability": 10.0, "difficulty": 5.0,
             "due": now.isoformat(), "last_review": now.isoformat(), "reps": 1, "lapses": 0}
    ReviewLog.objects.bulk_create(
        (
            ReviewLog(
                user=user, card=cards[i % len(cards)], rating=3, correct=True,
                reviewed_at=now - timedelta(minutes=50 * i + 30), state_before=state,
                state_after=state, token=f"hist-{user.pk}-{deck.pk}-{i}",
            )
            for i in range(logs)
        ),
        batch_size=2000,
    )


@pytest.mark.parametrize("logs", [10, 10_000])
def test_the_study_page_costs_at_most_ten_queries(client, django_assert_max_num_queries, logs):
    student = StudentFactory()
    deck = deck_with_questions(20)
    _history(student, deck, logs)
    client.force_login(student)
    url = reverse("quizzes:study", args=[deck.pk])
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.context["card"] is not None


@pytest.mark.parametrize("logs", [10, 10_000])
def test_answering_and_rating_cost_at_most_ten_queries_each(
    client, django_assert_max_num_queries, logs
):
    student = StudentFactory()
    deck = deck_with_questions(20)
    _history(student, deck, logs)
    client.force_login(student)
    card = client.get(reverse("quizzes:study", args=[deck.pk])).context["card"]
    with django_assert_max_num_queries(10):
        client.post(
            reverse("quizzes:study_answer", args=[deck.pk, card.pk]),
            {"version": card.version, "answer": card.question.answer},
        )
    with django_assert_max_num_queries(10):
        response = client.post(
            reverse("quizzes:study_rate", args=[deck.pk, card.pk]),
            {"version": card.version, "rating": 3},
        )
    assert response.status_code == 302
    assert ReviewLog.objects.filter(card=card).count() > 0


@pytest.mark.parametrize("logs", [10, 10_000])
def test_the_dashboard_costs_at_most_twelve_queries(client, django_assert_max_num_queries, logs):
    student = StudentFactory()
    for _ in range(3):
        _history(student, deck_with_questions(10), logs // 3)
    client.force_login(student)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("quizzes:dashboard"))
    assert response.status_code == 200
    assert len(response.context["decks"]) == 3
