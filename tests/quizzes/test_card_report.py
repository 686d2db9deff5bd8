"""A student reports a question from the card's back (issue 14)."""

import pytest
from django.urls import reverse

from content.models import QuestionReport
from quizzes.models import Card
from quizzes.services.decks import enrollment_create
from tests.factories import StudentFactory, TeacherFactory, deck_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def studying(client):
    student = StudentFactory()
    deck = deck_with_questions(2)
    enrollment_create(user=student, deck=deck)
    card = Card.objects.filter(user=student).order_by("pk").first()
    client.force_login(student)
    return student, deck, card


def _report_url(card):
    return reverse("quizzes:card_report", args=[card.pk])


def test_the_back_of_a_card_offers_a_report_form(client, studying):
    _student, deck, card = studying
    response = client.post(
        reverse("quizzes:study_answer", args=[deck.pk, card.pk]),
        {"version": card.version, "answer": "no idea"},
    )
    page = response.content.decode()
    assert "Report this question" in page
    assert f'action="{_report_url(card)}"' in page
    assert f'name="next" value="{reverse("quizzes:study", args=[deck.pk])}"' in page


def test_without_javascript_a_report_is_stored_and_the_student_goes_back_to_study(
    client, studying
):
    student, deck, card = studying
    study = reverse("quizzes:study", args=[deck.pk])
    response = client.post(_report_url(card), {"reason": "The year is wrong.", "next": study})
    assert response.status_code == 302
    assert response["Location"] == study
    report = QuestionReport.objects.get()
    assert (report.question, report.reporter, report.reason) == (
        card.question, student, "The year is wrong."
    )
    assert not report.resolved
    page = client.get(study).content.decode()
    assert "the question is reported" in page


def test_with_htmx_the_form_is_replaced_by_a_confirmation(client, studying):
    _student, _deck, card = studying
    response = client.post(_report_url(card), {"reason": "Typo in the prompt"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="status"' in page and "the question is reported" in page
    assert "<form" not in page
    assert QuestionReport.objects.count() == 1


def test_reporting_twice_keeps_one_open_report(client, studying):
    _student, _deck, card = studying
    client.post(_report_url(card), {"reason": "First"})
    client.post(_report_url(card), {"reason": "Second"})
    assert list(QuestionReport.objects.values_list("reason", flat=True)) == ["First"]


@pytest.mark.parametrize("headers", [{}, {"HX-Request": "true"}])
def test_a_report_without_a_reason_is_refused_and_says_why(client, studying, headers):
    _student, _deck, card = studying
    response = client.post(_report_url(card), {"reason": "   "}, headers=headers, follow=True)
    assert "Say what is wrong with the question" in response.content.decode()
    assert not QuestionReport.objects.exists()


def test_an_overlong_reason_is_refused_with_the_limit(client, studying):
    _student, _deck, card = studying
    response = client.post(_report_url(card), {"reason": "x" * 2001},
                           headers={"HX-Request": "true"})
    assert "under 2000 characters" in response.content.decode()
    assert not QuestionReport.objects.exists()


def test_a_student_cannot_report_through_another_students_card(client, studying):
    _student, _deck, card = studying
    client.force_login(StudentFactory())
    assert client.post(_report_url(card), {"reason": "Spam"}).status_code == 404
    client.force_login(TeacherFactory())
    assert client.post(_report_url(card), {"reason": "Spam"}).status_code == 404
    assert not QuestionReport.objects.exists()


def test_a_report_never_redirects_off_site(client, studying):
    _student, _deck, card = studying
    response = client.post(_report_url(card), {"reason": "Typo", "next": "https://evil.example/"})
    assert response["Location"] == reverse("quizzes:card", args=[card.pk])


def test_reports_are_rate_limited_per_student(client, studying):
    student, deck, _card = studying
    cards = list(Card.objects.filter(user=student))
    for n in range(30):
        # Distinct reasons on alternate cards: each is a real request.
        response = client.post(_report_url(cards[n % 2]), {"reason": f"Report {n}"})
        assert response.status_code == 302
    response = client.post(_report_url(cards[0]), {"reason": "One too many"})
    assert response.status_code == 429
    # Another student is not held back by this one.
    other = StudentFactory()
    enrollment_create(user=other, deck=deck)
    client.force_login(other)
    own = Card.objects.filter(user=other).first()
    assert client.post(_report_url(own), {"reason": "Mine"}).status_code == 302
