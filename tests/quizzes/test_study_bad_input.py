"""The study endpoints meet bad input with a message and change nothing."""

import pytest
from django.urls import reverse

from quizzes.models import Card, Enrollment, ReviewLog
from quizzes.services.decks import enrollment_create
from tests.factories import StudentFactory, deck_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    student = StudentFactory()
    deck = deck_with_questions(3)
    enrollment_create(user=student, deck=deck)
    client.force_login(student)
    card = Card.objects.filter(user=student).order_by("pk").first()
    return student, deck, card


@pytest.mark.parametrize(
    ("view", "data", "message"),
    [
        ("study_answer", {"version": "x", "answer": "1900"}, "could not be read"),
        ("study_answer", {}, "could not be read"),
        ("study_rate", {"version": "0", "rating": "7"}, "Choose Again, Hard, Good or Easy"),
        ("study_rate", {"version": "0"}, "Choose Again, Hard, Good or Easy"),
        ("study_rate", {"version": "-1", "rating": "3"}, "Choose Again, Hard, Good or Easy"),
        ("study_rate", {"version": "5", "rating": "3"}, "changed since you saw it"),
    ],
)
def test_bad_posts_say_what_went_wrong_and_schedule_nothing(client, setup, view, data, message):
    _, deck, card = setup
    before = Card.objects.get(pk=card.pk)
    response = client.post(reverse(f"quizzes:{view}", args=[deck.pk, card.pk]), data, follow=True)
    assert message in response.content.decode()
    after = Card.objects.get(pk=card.pk)
    assert (after.version, after.due, after.state) == (before.version, before.due, before.state)
    assert not ReviewLog.objects.exists()


def test_another_students_card_is_not_found(client, setup):
    _, deck, _ = setup
    other = StudentFactory()
    enrollment_create(user=other, deck=deck)
    theirs = Card.objects.filter(user=other).first()
    for view, data in (
        ("study_answer", {"version": 0}),
        ("study_rate", {"version": 0, "rating": 3}),
    ):
        response = client.post(reverse(f"quizzes:{view}", args=[deck.pk, theirs.pk]), data)
        assert response.status_code == 404
    assert not ReviewLog.objects.exists()


def test_out_of_range_settings_are_refused_with_the_reason(client, setup):
    student, deck, _ = setup
    response = client.post(
        reverse("quizzes:deck_settings", args=[deck.pk]),
        {"new_per_day": 20, "max_reviews_per_day": 200, "desired_retention": 0.5},
        follow=True,
    )
    assert "greater than or equal to 0.7" in response.content.decode()
    assert Enrollment.objects.get(user=student, deck=deck).desired_retention == 0.9


def test_study_urls_only_answer_to_the_right_methods(client, setup):
    _, deck, card = setup
    assert client.get(reverse("quizzes:study_rate", args=[deck.pk, card.pk])).status_code == 405
    assert client.post(reverse("quizzes:study", args=[deck.pk])).status_code == 405
