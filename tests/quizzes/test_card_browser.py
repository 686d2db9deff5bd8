"""The student's card browser: search, history, suspend, bury, flag and reset."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from quizzes import selectors
from quizzes.models import Card, ReviewLog
from quizzes.services.decks import enrollment_create
from quizzes.services.reviews import review_submit
from tests.factories import QuestionFactory, StudentFactory, deck_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    student = StudentFactory()
    deck = deck_with_questions(3)
    march = QuestionFactory(prompt="In what year did the Long March begin?", answer="1934")
    deck.entries.create(question=march, position=0)
    enrollment_create(user=student, deck=deck)
    client.force_login(student)
    return student, deck, Card.objects.get(user=student, question=march)


def _review(student, card, rating=3):
    card.refresh_from_db()
    review_submit(user=student, card_id=card.pk, version=card.version, rating=rating,
                           answer="1935", correct=False)
    card.refresh_from_db()


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_the_student_searches_their_cards_within_the_query_budget(
    client, setup, django_assert_max_num_queries, headers
):
    _student, _deck, card = setup
    with django_assert_max_num_queries(8):
        response = client.get(reverse("quizzes:cards"), {"q": "long march"}, headers=headers)
    html = response.content.decode()
    assert list(response.context["page"].object_list) == [card]
    assert "1 card matching “long march”" in html
    assert ("<h1>Your cards</h1>" in html) is not bool(headers)  # htmx gets the results only


def test_a_cards_page_shows_its_history_and_next_due_date(
    client, setup, django_assert_max_num_queries
):
    student, _deck, card = setup
    _review(student, card, rating=1)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("quizzes:card", args=[card.pk]))
    html = response.content.decode()
    assert "Again" in html and "1935 ✗" in html
    assert f'datetime="{card.due.isoformat()}"' in html or "due <time" in html


def test_another_students_card_is_not_found(client, setup):
    other = StudentFactory()
    deck = deck_with_questions(1)
    enrollment_create(user=other, deck=deck)
    card = Card.objects.get(user=other)
    assert client.get(reverse("quizzes:card", args=[card.pk])).status_code == 404
    url = reverse("quizzes:card_action", args=[card.pk, "reset"])
    assert client.post(url).status_code == 404


def test_a_suspended_card_leaves_the_queue_and_comes_back_when_unsuspended(client, setup):
    student, deck, card = setup
    enrollment = student.enrollments.get()
    client.post(reverse("quizzes:card_action", args=[card.pk, "suspend"]))
    now = timezone.now()
    assert selectors.deck_counts(student, enrollment, now).new == 3
    shown = []
    study = reverse("quizzes:study", args=[deck.pk])
    while (next_card := client.get(study).context["card"]) is not None:
        shown.append(next_card)
        _review(student, next_card, rating=4)
    assert len(shown) == 3 and card not in shown
    assert "suspended" in client.get(reverse("quizzes:card", args=[card.pk])).content.decode()
    client.post(reverse("quizzes:card_action", args=[card.pk, "unsuspend"]))
    assert client.get(study).context["card"] == card


def test_a_buried_card_comes_back_the_next_day(client, setup):
    student, _deck, card = setup
    enrollment = student.enrollments.get()
    client.post(reverse("quizzes:card_action", args=[card.pk, "bury"]))
    assert selectors.deck_counts(student, enrollment, timezone.now()).new == 3
    with time_machine.travel(timezone.now() + timedelta(days=1, hours=1)):
        assert selectors.deck_counts(student, enrollment, timezone.now()).new == 4


def test_flag_and_reset_change_no_history(client, setup):
    student, _deck, card = setup
    _review(student, card)
    client.post(reverse("quizzes:card_action", args=[card.pk, "flag"]))
    flagged = client.get(reverse("quizzes:cards"), {"show": "flagged"})
    assert list(flagged.context["page"].object_list) == [card]
    response = client.post(reverse("quizzes:card_action", args=[card.pk, "reset"]), follow=True)
    card.refresh_from_db()
    assert card.is_new and card.reps == 0 and card.flagged
    assert ReviewLog.objects.filter(card=card).count() == 1
    assert "The card is new again" in response.content.decode()


def test_an_unknown_action_is_not_found(client, setup):
    _student, _deck, card = setup
    url = reverse("quizzes:card_action", args=[card.pk, "delete"])
    assert client.post(url).status_code == 404
