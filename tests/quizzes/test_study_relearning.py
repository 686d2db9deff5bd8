"""Failed cards come back in the same session, as in Anki."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import StudentFactory, deck_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    student = StudentFactory()
    deck = deck_with_questions(3)
    client.force_login(student)
    client.post(reverse("quizzes:enroll", args=[deck.pk]))
    return student, deck


def _fail_every_card(client, deck) -> list[int]:
    failed = []
    url = reverse("quizzes:study", args=[deck.pk])
    while (card := client.get(url).context["card"]) is not None:
        client.post(
            reverse("quizzes:study_rate", args=[deck.pk, card.pk]),
            {"version": card.version, "rating": 1, "correct": "false"},
        )
        failed.append(card.pk)
    return failed


def test_failed_cards_are_shown_again_once_they_fall_due_in_the_same_session(client, setup):
    student, deck = setup
    failed = _fail_every_card(client, deck)
    assert len(failed) == 3
    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        card = client.get(reverse("quizzes:study", args=[deck.pk])).context["card"]
    assert card is not None and card.pk in failed


def test_while_failed_cards_wait_the_page_says_when_they_come_back_and_polls(client, setup):
    _student, deck = setup
    _fail_every_card(client, deck)
    response = client.get(reverse("quizzes:study", args=[deck.pk]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "All done for today" not in html
    assert "3 cards come back in 1 minute" in html
    assert 'hx-trigger="load delay:' in html
    assert "Study them now" in html and "?ahead=1" in html


def test_studying_ahead_shows_a_waiting_card_at_once(client, setup):
    _student, deck = setup
    failed = _fail_every_card(client, deck)
    card = client.get(reverse("quizzes:study", args=[deck.pk]) + "?ahead=1").context["card"]
    assert card.pk in failed


def _pass_every_card(client, deck) -> str:
    url = reverse("quizzes:study", args=[deck.pk])
    while (response := client.get(url)).context["card"] is not None:
        card = response.context["card"]
        client.post(
            reverse("quizzes:study_rate", args=[deck.pk, card.pk]),
            {"version": card.version, "rating": 4, "correct": "true"},
        )
    return response.content.decode()


def test_the_summary_counts_only_this_decks_reviews(client, setup):
    student, deck = setup
    other = deck_with_questions(2)
    client.post(reverse("quizzes:enroll", args=[other.pk]))
    assert "You reviewed <strong>3</strong> cards today" in _pass_every_card(client, deck)
    assert "You reviewed <strong>2</strong> cards today" in _pass_every_card(client, other)


def test_the_waiting_page_stays_within_the_study_query_budget(
    client, setup, django_assert_max_num_queries
):
    _student, deck = setup
    _fail_every_card(client, deck)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("quizzes:study", args=[deck.pk]))
    assert response.context["pending"].count == 3
