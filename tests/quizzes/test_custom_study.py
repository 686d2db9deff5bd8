"""Custom study: review ahead, cram a topic or today's failed cards, practice only
unless the student counts it as reviews."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Card, ReviewLog
from quizzes.services.decks import enrollment_create
from quizzes.services.reviews import review_submit
from tests.factories import StudentFactory, deck_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    student = StudentFactory()
    deck = deck_with_questions(4)
    enrollment_create(user=student, deck=deck)
    client.force_login(student)
    return student, deck, list(Card.objects.filter(user=student).order_by("pk"))


def _start(client, deck, **data):
    return client.post(reverse("quizzes:custom_study", args=[deck.pk]), data, follow=True)


def _rate(client, deck, card, rating):
    return client.post(
        reverse("quizzes:custom_rate", args=[deck.pk, card.pk]),
        {"version": card.version, "rating": rating}, follow=True,
    )


def test_cramming_todays_failed_cards_leaves_the_schedule_alone(client, setup):
    student, deck, cards = setup
    failed = cards[0]
    review_submit(user=student, card_id=failed.pk, version=0, rating=1)
    failed.refresh_from_db()
    before = (failed.version, failed.due, failed.state, failed.stability)

    front = _start(client, deck, mode="failed")
    assert front.context["card"] == failed
    assert "practice: your schedule does not change" in front.content.decode()
    back = client.post(reverse("quizzes:custom_answer", args=[deck.pk, failed.pk]),
                       {"version": failed.version, "answer": "1"})
    assert "Got it" in back.content.decode()
    again = _rate(client, deck, failed, 1)  # missed: it comes back in this session
    assert again.context["card"] == failed
    done = _rate(client, deck, failed, 3)
    assert "Custom study done" in done.content.decode()
    assert "your schedule did not change" in done.content.decode()

    failed.refresh_from_db()
    assert (failed.version, failed.due, failed.state, failed.stability) == before
    assert ReviewLog.objects.filter(user=student).count() == 1


def test_reviewing_ahead_counted_as_reviews_reschedules_the_card(client, setup):
    student, deck, cards = setup
    card = cards[1]
    now = timezone.now()
    Card.objects.filter(pk=card.pk).update(
        state=Card.State.REVIEW, stability=10.0, difficulty=5.0, step=None,
        last_review=now - timedelta(days=7), due=now + timedelta(days=3), reps=2,
    )
    card.refresh_from_db()
    front = _start(client, deck, mode="ahead", count="on")
    assert front.context["card"] == card
    _rate(client, deck, card, 3)
    card.refresh_from_db()
    assert ReviewLog.objects.filter(card=card).count() == 1
    assert card.due > now + timedelta(days=3)  # rescheduled from today's review


def test_cramming_a_topic_shows_only_that_topics_cards(client, setup):
    _student, deck, cards = setup
    topic = cards[2].question.passage.topic
    front = _start(client, deck, mode="topic", topic=topic.pk)
    assert front.context["card"] == cards[2]
    assert front.context["session"]["ids"] == [cards[2].pk]


def test_a_topic_cram_needs_a_topic_and_an_empty_choice_says_so(client, setup):
    _student, deck, _cards = setup
    response = _start(client, deck, mode="topic")
    assert response.status_code == 400
    assert "Choose the topic to cram." in response.content.decode()
    response = _start(client, deck, mode="failed")  # nothing failed today
    assert "No card fits that choice" in response.content.decode()
