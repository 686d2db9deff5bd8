"""The personal memory model stored, used only when it beats the defaults, and shown."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from fsrs_rs_python import DEFAULT_PARAMETERS

from quizzes import memory_model, scheduling, tasks
from quizzes.models import Card, Enrollment, MemoryModel, ReviewLog
from quizzes.services.memory_model import fitted_parameters, memory_model_fit
from quizzes.services.reviews import review_submit
from tests.factories import QuestionFactory, StudentFactory, deck_with_questions
from tests.quizzes.test_interop_memory_model import forgetful_student, simulated_reviews
from tests.quizzes.test_query_budgets import _history

pytestmark = pytest.mark.django_db


def _log(student, reviews) -> None:
    """Store simulated reviews as the student's review logs, one card per simulated card."""
    count = max(r.card_id for r in reviews) + 1
    cards = Card.objects.bulk_create(
        Card(user=student, question=q, due=reviews[0].reviewed_at)
        for q in QuestionFactory.create_batch(count)
    )
    ReviewLog.objects.bulk_create(
        (
            ReviewLog(user=student, card=cards[r.card_id], rating=r.rating,
                      reviewed_at=r.reviewed_at, state_before={}, state_after={},
                      token=f"{student.pk}:{r.card_id}:{i}")
            for i, r in enumerate(reviews)
        ),
        batch_size=2000,
    )


def _worse_fit(reviews, *, min_reviews):
    return memory_model.FitResult(
        parameters=[w * 1.5 for w in DEFAULT_PARAMETERS], reviews=len(reviews), train_items=90,
        test_items=10, log_loss_before=0.30, log_loss_after=0.35, rmse_before=0.05,
        rmse_after=0.07,
    )


def test_a_forgetful_students_fit_is_stored_and_used_because_it_beats_the_defaults():
    student = StudentFactory()
    _log(student, simulated_reviews(forgetful_student(), cards=120))
    model = memory_model_fit(user=student)
    print(f"\nfitted on {model.reviews}: log loss {model.log_loss_before:.4f} → "
          f"{model.log_loss_after:.4f}, RMSE {model.rmse_before:.4f} → {model.rmse_after:.4f}")
    assert model.reviews == 1080
    assert len(model.parameters) == 21
    assert model.log_loss_after < model.log_loss_before
    assert model.in_use
    student = type(student).objects.select_related("memory_model").get(pk=student.pk)
    assert fitted_parameters(student) == model.parameters


def test_a_fit_no_better_than_the_defaults_is_stored_but_not_used(monkeypatch):
    student = StudentFactory()
    _log(student, simulated_reviews(DEFAULT_PARAMETERS, cards=50))
    monkeypatch.setattr(memory_model, "fit", _worse_fit)
    model = memory_model_fit(user=student)
    assert MemoryModel.objects.get(user=student).in_use is False
    assert model.log_loss_after > model.log_loss_before
    assert fitted_parameters(student) is None


def test_too_few_reviews_store_nothing(settings):
    settings.MEMORY_MODEL_MIN_REVIEWS = 400
    student = StudentFactory()
    _log(student, simulated_reviews(DEFAULT_PARAMETERS, cards=10))
    with pytest.raises(memory_model.NotEnoughReviews, match="90 reviews so far"):
        memory_model_fit(user=student)
    assert not MemoryModel.objects.exists()


def test_scheduling_uses_the_fitted_weights_when_they_are_in_use():
    student = StudentFactory()
    deck = deck_with_questions(1)
    Enrollment.objects.create(user=student, deck=deck)
    now = datetime(2026, 5, 1, 9, tzinfo=UTC)
    card = Card.objects.create(
        user=student, question=deck.questions.get(), state=Card.State.REVIEW, step=None,
        stability=10.0, difficulty=5.0, due=now, last_review=now - timedelta(days=10),
    )
    default = review_submit(user=student, card_id=card.pk, version=card.version,
                                     rating=3, now=now).card.due
    Card.objects.filter(pk=card.pk).update(
        stability=10.0, difficulty=5.0, due=now, last_review=now - timedelta(days=10),
        state=Card.State.REVIEW,
    )
    fitted = list(forgetful_student())
    MemoryModel.objects.create(
        user=student, parameters=fitted, fitted_at=now, reviews=500, log_loss_before=0.4,
        log_loss_after=0.3, rmse_before=0.1, rmse_after=0.05, in_use=True,
    )
    card.refresh_from_db()
    personal = review_submit(user=student, card_id=card.pk, version=card.version,
                                      rating=3, now=now).card.due
    assert personal < default  # a forgetful student's memory grows less on a Good review
    state = scheduling.CardState(state=2, step=None, stability=10.0, difficulty=5.0, due=now,
                                 last_review=now - timedelta(days=10))
    assert personal == scheduling.review(state, 3, now, fuzz_seed=card.pk,
                                         parameters=fitted).due


def test_the_profile_shows_the_fitted_line_and_the_fit_button(client):
    student = StudentFactory()
    MemoryModel.objects.create(
        user=student, parameters=list(DEFAULT_PARAMETERS), fitted_at=datetime.now(UTC),
        reviews=812, log_loss_before=0.4321, log_loss_after=0.3456, rmse_before=0.1,
        rmse_after=0.05, in_use=True,
    )
    client.force_login(student)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Memory model: fitted on 812 reviews, log loss 0.432 → 0.346" in page
    assert "Fit my memory model" in page


def test_the_profile_says_how_many_reviews_a_fit_still_needs(client, settings):
    settings.MEMORY_MODEL_MIN_REVIEWS = 400
    student = StudentFactory()
    client.force_login(student)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Memory model: not fitted yet. It needs 400 reviews; you have 0." in page


def test_the_fit_button_fits_and_is_rate_limited(client, settings):
    settings.MEMORY_MODEL_MIN_REVIEWS = 400
    # A counter of its own: Redis keeps a day's counts across runs, and ids repeat.
    settings.CACHES = {**settings.CACHES, "fit-limit": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fit-limit"}}
    settings.RATELIMIT_USE_CACHE = "fit-limit"
    student = StudentFactory()
    _log(student, simulated_reviews(forgetful_student(), cards=60))
    client.force_login(student)
    url = reverse("quizzes:memory_model_fit")
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert MemoryModel.objects.filter(user=student).exists()
    assert "Memory model: fitted on 540 reviews" in response.content.decode()
    client.post(url)
    client.post(url)
    assert client.post(url).status_code == 429


def test_the_weekly_task_fits_students_with_enough_new_reviews(settings):
    settings.MEMORY_MODEL_MIN_REVIEWS = 400
    settings.MEMORY_MODEL_REFIT_AFTER = 100
    ready, few = StudentFactory(), StudentFactory()
    _log(ready, simulated_reviews(forgetful_student(), cards=60))
    _log(few, simulated_reviews(DEFAULT_PARAMETERS, cards=10))
    assert tasks.fit_memory_models() == 1
    assert MemoryModel.objects.filter(user=ready).exists()
    assert not MemoryModel.objects.filter(user=few).exists()
    assert tasks.fit_memory_models() == 0  # nothing new since the fit


def test_the_simulated_workload_grows_with_the_desired_retention():
    curve = memory_model.workload(None, cards=300, new_per_day=10)
    retentions = [r for r, _ in curve]
    per_day = [n for _, n in curve]
    assert retentions == [0.80, 0.85, 0.90, 0.95]
    assert per_day == sorted(per_day) and per_day[0] < per_day[-1]
    assert curve == memory_model.workload(None, cards=300, new_per_day=10)  # seeded


def test_the_dashboard_gives_retention_advice_with_the_students_memory_model(client):
    student = StudentFactory()
    deck = deck_with_questions(3)
    Enrollment.objects.create(user=student, deck=deck, desired_retention=0.85)
    MemoryModel.objects.create(
        user=student, parameters=forgetful_student(), fitted_at=datetime.now(UTC), reviews=500,
        log_loss_before=0.4, log_loss_after=0.3, rmse_before=0.1, rmse_after=0.05, in_use=True,
    )
    client.force_login(student)
    response = client.get(reverse("quizzes:dashboard"))
    advice = response.context["advice"]
    assert advice["desired"] == 0.85 and advice["personal"]
    assert [w["retention"] for w in advice["workload"]] == [0.80, 0.85, 0.90, 0.95]
    page = response.content.decode()
    assert "against your desired retention of <strong>85%</strong>" in page
    assert "using your memory model" in page


def test_a_student_with_a_memory_model_in_use_costs_no_more_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    student = StudentFactory()
    deck = deck_with_questions(5)
    _history(student, deck, 10)
    MemoryModel.objects.create(
        user=student, parameters=forgetful_student(), fitted_at=datetime.now(UTC), reviews=500,
        log_loss_before=0.4, log_loss_after=0.3, rmse_before=0.1, rmse_after=0.05, in_use=True,
    )
    client.force_login(student)
    counts = {}
    with CaptureQueriesContext(connection) as study:
        card = client.get(reverse("quizzes:study", args=[deck.pk])).context["card"]
    counts["study GET"] = len(study)
    with CaptureQueriesContext(connection) as answer:
        client.post(reverse("quizzes:study_answer", args=[deck.pk, card.pk]),
                           {"version": card.version, "answer": card.question.answer})
    counts["answer POST"] = len(answer)
    with CaptureQueriesContext(connection) as rate:
        client.post(reverse("quizzes:study_rate", args=[deck.pk, card.pk]),
                    {"version": card.version, "rating": 3})
    counts["rate POST"] = len(rate)
    with CaptureQueriesContext(connection) as dashboard:
        client.get(reverse("quizzes:dashboard"))
    counts["dashboard GET"] = len(dashboard)
    print(f"\nqueries with a memory model in use: {counts}")
    assert counts["study GET"] <= 10 and counts["answer POST"] <= 10
    assert counts["rate POST"] <= 10 and counts["dashboard GET"] <= 15
