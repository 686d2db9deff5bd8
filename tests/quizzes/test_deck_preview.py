"""Before enrolling, a student sees what a deck holds."""

import pytest
from django.urls import reverse

from content.models import Question
from tests.factories import QuestionFactory, StudentFactory, deck_with_questions

pytestmark = pytest.mark.django_db


def test_the_deck_page_previews_the_first_ten_questions_with_the_count_by_type(
    client, django_assert_max_num_queries
):
    deck = deck_with_questions(12)
    who = QuestionFactory(type="who", prompt="Who led the Long March?", answer="Mao Zedong")
    deck.entries.create(question=who, position=99)
    retired = QuestionFactory(prompt="A retired question?", status=Question.Status.RETIRED)
    deck.entries.create(question=retired, position=0)
    client.force_login(StudentFactory())
    with django_assert_max_num_queries(8):
        response = client.get(reverse("quizzes:deck", args=[deck.pk]))
    html = response.content.decode()
    preview = response.context["preview"]
    assert len(preview.questions) == 10
    assert "13 questions: 12 year or date, 1 who." in html
    assert "A retired question?" not in html  # only what students may see
    assert "Mao Zedong" not in html  # the answers wait for study
    assert "The first 10 of 13" in html


def test_an_enrolled_student_sees_today_instead_of_the_preview(client):
    deck = deck_with_questions(2)
    client.force_login(StudentFactory())
    client.post(reverse("quizzes:enroll", args=[deck.pk]))
    response = client.get(reverse("quizzes:deck", args=[deck.pk]))
    assert response.context["preview"] is None
    assert "What is in this deck" not in response.content.decode()
