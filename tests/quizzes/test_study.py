"""The study loop: enrol, answer, rate, undo, come back tomorrow."""

import datetime as dt
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Card, Enrollment, ReviewLog
from quizzes.services.reviews import review_submit
from tests.factories import StudentFactory, deck_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def student():
    return StudentFactory()


@pytest.fixture
def deck():
    return deck_with_questions(5)


@pytest.fixture
def enrolled(client, student, deck):
    client.force_login(student)
    client.post(reverse("quizzes:enroll", args=[deck.pk]))
    return Enrollment.objects.get(user=student, deck=deck)


def _current_card(client, deck) -> Card:
    response = client.get(reverse("quizzes:study", args=[deck.pk]))
    return response.context["card"]


def test_enrolling_gives_one_card_per_question(enrolled, student, deck):
    assert Card.objects.filter(user=student).count() == 5
    assert all(c.is_new for c in Card.objects.filter(user=student))


def test_the_deck_page_shows_counts_and_a_study_button(client, enrolled, deck):
    html = client.get(reverse("quizzes:deck", args=[deck.pk])).content.decode()
    assert "Study now" in html
    assert '<span class="stat">5</span> new' in html


def test_a_typed_right_answer_shows_the_back_with_a_preselected_good_rating(
    client, enrolled, deck
):
    card = _current_card(client, deck)
    response = client.post(
        reverse("quizzes:study_answer", args=[deck.pk, card.pk]),
        {"version": card.version, "answer": f"in {card.question.answer}"},
    )
    html = response.content.decode()
    assert "✓ Right" in html
    assert 'data-rating="3"' in html
    assert 'autofocus data-suggested' in html.split('data-rating="3"')[1].split(">")[0]
    assert card.question.passage.text in html  # the source is shown after answering
    assert f"#p-{card.question.passage_id}" in html


def test_a_wrong_year_is_wrong_and_suggests_again(client, enrolled, deck):
    card = _current_card(client, deck)
    wrong = str(int(card.question.answer) + 1)
    response = client.post(
        reverse("quizzes:study_answer", args=[deck.pk, card.pk]),
        {"version": card.version, "answer": wrong},
    )
    assert response.context["grade"].correct is False
    assert response.context["suggested"] == 1


def test_rating_schedules_the_card_and_logs_the_review(client, enrolled, student, deck):
    card = _current_card(client, deck)
    client.post(
        reverse("quizzes:study_rate", args=[deck.pk, card.pk]),
        {"version": card.version, "rating": 3, "answer": "x", "correct": "true"},
    )
    card.refresh_from_db()
    assert card.version == 1 and card.reps == 1 and card.last_review is not None
    assert card.due > timezone.now()
    log = ReviewLog.objects.get(card=card)
    assert (log.rating, log.correct, log.was_new) == (3, True, True)
    assert log.state_before["last_review"] is None


def test_posting_the_same_rating_twice_schedules_the_card_once(client, enrolled, deck):
    card = _current_card(client, deck)
    url = reverse("quizzes:study_rate", args=[deck.pk, card.pk])
    data = {"version": card.version, "rating": 4}
    client.post(url, data)
    card.refresh_from_db()
    due_after_first = card.due
    client.post(url, data)
    client.post(url, {**data, "rating": 1})  # a second tab, stale, with another rating
    card.refresh_from_db()
    assert ReviewLog.objects.filter(card=card).count() == 1
    assert card.version == 1
    assert card.due == due_after_first


def test_undo_restores_the_card_and_keeps_the_log(client, enrolled, deck):
    card = _current_card(client, deck)
    client.post(
        reverse("quizzes:study_rate", args=[deck.pk, card.pk]), {"version": 0, "rating": 3}
    )
    client.post(reverse("quizzes:study_undo", args=[deck.pk]))
    card.refresh_from_db()
    assert card.is_new and card.reps == 0
    log = ReviewLog.objects.get(card=card)
    assert log.undone_at is not None
    assert _current_card(client, deck).pk == card.pk


def test_undo_with_nothing_to_undo_says_so(client, enrolled, deck):
    response = client.post(reverse("quizzes:study_undo", args=[deck.pk]), follow=True)
    assert "There is no review to undo." in response.content.decode()


def test_the_queue_serves_learning_then_reviews_then_new(student, deck, enrolled):
    now = timezone.now()
    cards = list(Card.objects.filter(user=student).order_by("pk"))
    review, learning = cards[0], cards[1]
    Card.objects.filter(pk=review.pk).update(
        state=Card.State.REVIEW, last_review=now - timedelta(days=5), due=now - timedelta(hours=2),
        stability=4.0, difficulty=5.0, step=None,
    )
    Card.objects.filter(pk=learning.pk).update(
        state=Card.State.LEARNING, last_review=now - timedelta(minutes=20),
        due=now - timedelta(minutes=5), stability=1.0, difficulty=5.0, step=1,
    )
    from quizzes import selectors

    counts = selectors.deck_counts(student, enrolled, now)
    assert (counts.learning, counts.due, counts.new) == (1, 1, 3)
    assert selectors.next_card(student, enrolled, now, counts).pk == learning.pk
    Card.objects.filter(pk=learning.pk).update(due=now + timedelta(minutes=10))
    counts = selectors.deck_counts(student, enrolled, now)
    assert selectors.next_card(student, enrolled, now, counts).pk == review.pk
    Card.objects.filter(pk=review.pk).update(due=now + timedelta(days=3))
    counts = selectors.deck_counts(student, enrolled, now)
    assert selectors.next_card(student, enrolled, now, counts).is_new


def test_the_daily_new_card_limit_resets_at_the_students_local_midnight(student, deck, enrolled):
    from quizzes import selectors

    student.timezone = "Asia/Tokyo"  # UTC+9
    student.save()
    enrolled.new_per_day = 2
    enrolled.save()
    # 23:00 in Tokyo on 1 March = 14:00 UTC.
    evening = dt.datetime(2026, 3, 1, 14, 0, tzinfo=dt.UTC)
    for _ in range(2):
        counts = selectors.deck_counts(student, enrolled, evening)
        card = selectors.next_card(student, enrolled, evening, counts)
        review_submit(user=student, card_id=card.pk, version=card.version, rating=4,
                               now=evening)
    counts = selectors.deck_counts(student, enrolled, evening)
    assert counts.new == 0 and counts.new_today == 2
    # 01:00 in Tokyo the next day is still 16:00 UTC on 1 March, but a new local day.
    after_midnight = evening + timedelta(hours=2)
    assert selectors.deck_counts(student, enrolled, after_midnight).new == 2


def test_all_done_offers_a_summary_and_study_ahead(client, student, enrolled, deck):
    for _ in range(5):
        card = _current_card(client, deck)
        client.post(
            reverse("quizzes:study_rate", args=[deck.pk, card.pk]),
            {"version": card.version, "rating": 4, "correct": "true"},
        )
    response = client.get(reverse("quizzes:study", args=[deck.pk]))
    html = response.content.decode()
    assert response.context["card"] is None
    assert "All done for today" in html
    assert "You reviewed <strong>5</strong> cards today" in html
    assert "Study ahead" in html


def test_htmx_gets_the_card_partial_and_a_plain_request_the_whole_page(client, enrolled, deck):
    url = reverse("quizzes:study", args=[deck.pk])
    full = client.get(url).content.decode()
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" in full and 'id="study"' in full
    assert "<html" not in partial and partial.lstrip().startswith('<section id="study"')


def test_a_student_cannot_study_a_deck_they_are_not_enrolled_in(client, student):
    other = deck_with_questions(2)
    client.force_login(student)
    assert client.get(reverse("quizzes:study", args=[other.pk])).status_code == 404


def test_a_private_deck_of_someone_else_is_not_found(client, student):
    private = deck_with_questions(2, visibility="private")
    client.force_login(student)
    assert client.get(reverse("quizzes:deck", args=[private.pk])).status_code == 404
    assert client.post(reverse("quizzes:enroll", args=[private.pk])).status_code == 404


def test_a_new_student_comes_back_the_next_day_to_the_right_cards(client, deck):
    """Sign up, enrol, study, return tomorrow: the cards rated Again/Good are due, Easy not."""
    client.post(
        reverse("accounts:signup"),
        {"username": "newbie", "email": "n@example.com", "password1": "a-long-pass-phrase-42",
         "password2": "a-long-pass-phrase-42"},
    )
    client.post(reverse("quizzes:enroll", args=[deck.pk]))
    ratings = {}
    for rating in (1, 3, 4):
        card = _current_card(client, deck)
        client.post(
            reverse("quizzes:study_rate", args=[deck.pk, card.pk]),
            {"version": card.version, "rating": rating},
        )
        ratings[card.pk] = rating
    tomorrow = timezone.now() + timedelta(days=1, hours=1)
    with time_machine.travel(tomorrow, tick=False):
        response = client.get(reverse("quizzes:study", args=[deck.pk]))
        counts = response.context["counts"]
        due_ids = set(
            Card.objects.filter(pk__in=ratings, due__lte=tomorrow).values_list("pk", flat=True)
        )
        easy = next(pk for pk, r in ratings.items() if r == 4)
        assert easy not in due_ids  # Easy on a new card graduates it for days
        assert {pk for pk, r in ratings.items() if r in (1, 3)} <= due_ids
        assert counts.learning + counts.due == len(due_ids)
        assert response.context["card"].pk in due_ids  # learning and reviews before new cards
        dashboard = client.get(reverse("quizzes:dashboard")).content.decode()
        assert "<svg" in dashboard and "Reviews in the last year" in dashboard
        assert "Due in the next 30 days" in dashboard


def test_undo_is_offered_once_there_is_a_review_to_undo(client, enrolled, deck):
    url = reverse("quizzes:study", args=[deck.pk])
    assert "Undo last review" not in client.get(url).content.decode()
    card = _current_card(client, deck)
    client.post(
        reverse("quizzes:study_rate", args=[deck.pk, card.pk]),
        {"version": card.version, "rating": 3},
    )
    assert "Undo last review" in client.get(url).content.decode()


def test_enrol_and_start_opens_the_first_card(client, student, deck):
    client.force_login(student)
    response = client.post(reverse("quizzes:enroll", args=[deck.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("quizzes:study", args=[deck.pk])
    assert response.context["card"] is not None
