"""Personal FSRS parameters: fitted on histories simulated from known parameters."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from fsrs_rs_python import DEFAULT_PARAMETERS, FSRS

from quizzes import memory_model
from quizzes.memory_model import Review


def simulated_reviews(parameters, cards: int = 500, seed: int = 7) -> list[Review]:
    """A student whose memory follows ``parameters``, reviewed at FSRS intervals (±50%)."""
    rng = random.Random(seed)
    model = FSRS(parameters)
    decay = parameters[20]
    factor = 0.9 ** (-1 / decay) - 1
    start = datetime(2026, 1, 1, 12, tzinfo=UTC)
    reviews = []
    for card in range(cards):
        day = rng.randrange(60)
        reviews.append(Review(card, start + timedelta(days=day), 3))
        memory = model.next_states(None, 0.9, 0).good.memory
        for _ in range(8):
            interval = max(1, round(rng.uniform(0.5, 1.5) * memory.stability))
            day += interval
            recalled = rng.random() < (1 + factor * interval / memory.stability) ** -decay
            rating = 3 if recalled else 1
            reviews.append(Review(card, start + timedelta(days=day), rating))
            states = model.next_states(memory, 0.9, interval)
            memory = (states.good if recalled else states.again).memory
    return reviews


def forgetful_student() -> list[float]:
    parameters = list(DEFAULT_PARAMETERS)
    parameters[0:4] = [w * 0.25 for w in parameters[0:4]]  # new cards fade four times faster
    parameters[8] *= 0.6  # and reviews strengthen memory less
    return parameters


def test_parameters_fitted_to_a_forgetful_student_predict_held_out_reviews_better():
    result = memory_model.fit(simulated_reviews(forgetful_student()))
    print(f"\n{result.summary()}")
    assert result.reviews == 4500
    assert result.log_loss_after < result.log_loss_before
    assert result.rmse_after < result.rmse_before
    assert result.beats_defaults
    assert len(result.parameters) == 21
    assert result.parameters[0] < DEFAULT_PARAMETERS[0]  # it learned the faster forgetting


def test_a_student_with_too_few_reviews_keeps_the_defaults():
    with pytest.raises(memory_model.NotEnoughReviews, match="needs 400"):
        memory_model.fit(simulated_reviews(DEFAULT_PARAMETERS, cards=20))


def test_same_day_reviews_are_learning_steps_not_items():
    start = datetime(2026, 3, 1, 9, tzinfo=UTC)
    reviews = [Review(1, start, 1), Review(1, start + timedelta(minutes=10), 3),
               Review(1, start + timedelta(days=2), 3), Review(1, start + timedelta(days=6), 3)]
    items = memory_model.review_items(reviews)
    assert len(items) == 2
    # The binding shows a review only through its repr.
    assert [repr(r) for r in items[-1][1].reviews] == [
        "FSRSReview { rating: 1, delta_t: 0 }", "FSRSReview { rating: 3, delta_t: 0 }",
        "FSRSReview { rating: 3, delta_t: 2 }", "FSRSReview { rating: 3, delta_t: 4 }"]
