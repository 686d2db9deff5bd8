"""Failures the student can see: a lost login, a too-long answer, a stale message."""

import pytest
from django.urls import reverse

from quizzes.models import Card
from quizzes.services.decks import enrollment_create
from tests.factories import StudentFactory, deck_with_questions

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def setup(client):
    student = StudentFactory()
    deck = deck_with_questions(3)
    enrollment_create(user=student, deck=deck)
    client.force_login(student)
    card = Card.objects.filter(user=student).order_by("pk").first()
    return student, deck, card


def test_an_htmx_request_after_a_logout_sends_the_whole_page_to_the_login(client, setup):
    _, deck, card = setup
    client.logout()  # as if from another tab
    study = reverse("quizzes:study", args=[deck.pk])
    response = client.post(
        reverse("quizzes:study_answer", args=[deck.pk, card.pk]),
        {"version": card.version, "answer": "1900"},
        headers={**HTMX, "HX-Current-URL": f"http://testserver{study}"},
    )
    assert response.status_code == 200
    login = reverse("accounts:login")
    assert response["HX-Redirect"] == f"{login}?next=%2Fdecks%2F{deck.pk}%2Fstudy%2F"
    assert b"Log in" not in response.content


def test_a_plain_request_after_a_logout_still_gets_the_usual_redirect(client, setup):
    _, deck, _card = setup
    client.logout()
    response = client.get(reverse("quizzes:study", args=[deck.pk]))
    assert response.status_code == 302
    assert "HX-Redirect" not in response


def test_an_answer_over_500_characters_is_refused_with_a_message(client, setup):
    _, deck, card = setup
    response = client.post(
        reverse("quizzes:study_answer", args=[deck.pk, card.pk]),
        {"version": card.version, "answer": "x" * 501},
        headers=HTMX,
        follow=True,
    )
    html = response.content.decode()
    assert "longer than 500 characters" in html
    assert 'hx-swap-oob="true"' in html
    assert response.context["card"] == card  # the same card, still to answer


def test_the_undone_message_goes_away_with_the_next_card(client, setup):
    _, deck, card = setup
    client.post(
        reverse("quizzes:study_rate", args=[deck.pk, card.pk]), {"version": 0, "rating": 3}
    )
    undone = client.post(reverse("quizzes:study_undo", args=[deck.pk]), headers=HTMX, follow=True)
    assert "Undone: the last card is back." in undone.content.decode()
    after = client.get(reverse("quizzes:study", args=[deck.pk]), headers=HTMX).content.decode()
    assert "Undone" not in after
    empty = '<div id="messages" class="messages" role="status" aria-live="polite"'
    empty += ' hx-swap-oob="true">'
    assert empty + "</div>" in after
