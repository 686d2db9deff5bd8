import pytest
from django.urls import reverse

from quizzes.models import Card, QuizAnswer, QuizAttempt
from tests.factories import QuestionFactory, StudentFactory, deck_with_questions

pytestmark = pytest.mark.django_db


def test_a_quiz_is_scored_and_reviewed_with_sources_without_touching_fsrs(client):
    student = StudentFactory()
    deck = deck_with_questions(12)
    client.force_login(student)
    client.post(reverse("quizzes:enroll", args=[deck.pk]))
    cards_before = list(Card.objects.filter(user=student).values_list("version", "due"))

    response = client.post(reverse("quizzes:quiz_start", args=[deck.pk]), {"size": "10"})
    attempt = QuizAttempt.objects.get(user=student)
    assert response["Location"] == reverse("quizzes:quiz", args=[attempt.pk])
    assert attempt.total == 10 and len(set(attempt.questions)) == 10

    for number in range(10):
        page = client.get(reverse("quizzes:quiz", args=[attempt.pk]))
        question = page.context["question"]
        assert f"Question {number + 1} of 10" in page.content.decode()
        given = question.answer if number % 2 == 0 else "1066"
        client.post(
            reverse("quizzes:quiz", args=[attempt.pk]),
            {"question": question.pk, "answer": given},
        )
    result = client.get(reverse("quizzes:quiz", args=[attempt.pk]), follow=True)
    html = result.content.decode()
    attempt.refresh_from_db()
    assert attempt.correct == 5 and attempt.finished_at is not None
    assert "Your score: 5 / 10" in html
    assert html.count('class="source"') == 10
    assert list(Card.objects.filter(user=student).values_list("version", "due")) == cards_before


def test_a_repeated_quiz_answer_is_counted_once(client):
    student = StudentFactory()
    deck = deck_with_questions(3)
    client.force_login(student)
    client.post(reverse("quizzes:quiz_start", args=[deck.pk]), {"size": "3"})
    attempt = QuizAttempt.objects.get()
    question = client.get(reverse("quizzes:quiz", args=[attempt.pk])).context["question"]
    for _ in range(2):
        client.post(reverse("quizzes:quiz", args=[attempt.pk]),
                    {"question": question.pk, "answer": question.answer})
    assert QuizAnswer.objects.filter(attempt=attempt, question=question).count() == 1


def test_a_quiz_mixes_question_types(client):
    deck = deck_with_questions(6)
    extra = [QuestionFactory(type="who", answer=f"Person {i}") for i in range(6)]
    from quizzes.services.decks import deck_add_questions
    from quizzes.services.quiz_attempts import quiz_start

    deck_add_questions(deck=deck, questions=extra)
    attempt = quiz_start(user=StudentFactory(), deck=deck, size=4, seed=1)
    types = set(deck.questions.filter(pk__in=attempt.questions).values_list("type", flat=True))
    assert types == {"year", "who"}


def test_a_quiz_on_an_empty_deck_explains_itself(client):
    student = StudentFactory()
    deck = deck_with_questions(0)
    client.force_login(student)
    response = client.post(reverse("quizzes:quiz_start", args=[deck.pk]), follow=True)
    assert "This deck has no questions yet" in response.content.decode()


def test_another_students_quiz_is_not_found(client):
    deck = deck_with_questions(2)
    from quizzes.services.quiz_attempts import quiz_start

    attempt = quiz_start(user=StudentFactory(), deck=deck)
    client.force_login(StudentFactory())
    assert client.get(reverse("quizzes:quiz", args=[attempt.pk])).status_code == 404
