"""Personal FSRS parameters, fitted to one student's own reviews.

Pure Python on plain review tuples; ``fsrs-rs-python`` does the fitting and the
evaluation (no torch), and its simulator gives the dashboard's workload curve.
The fitted parameters have the same 21 FSRS-6 weights py-fsrs uses, so
``quizzes.scheduling`` stays the one scheduler and takes them as
``fsrs.Scheduler(parameters=...)``. ``quizzes.services.memory_model.memory_model_fit``
stores a fit per student (``MemoryModel``), for the profile's button, the weekly
task and the ``fit_memory_model`` command alike.

Reviews are split by time: the earliest 80% of a student's review items train
the parameters, the latest 20% are held out, and the new parameters are worth
using only when they beat the defaults there (lower log loss, RMSE no worse).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from fsrs_rs_python import (
    DEFAULT_PARAMETERS,
    FSRS,
    FSRSItem,
    FSRSReview,
    default_simulator_config,
    simulate,
)

MIN_REVIEWS = 400  # Anki's rule of thumb before a personal fit is worth it
HELD_OUT = 0.2
DAY_STARTS_AT = timedelta(hours=4)  # a review at 1 a.m. belongs to the day before


class NotEnoughReviews(ValueError):
    pass


@dataclass(frozen=True)
class Review:
    card_id: int
    reviewed_at: datetime
    rating: int  # 1 Again, 2 Hard, 3 Good, 4 Easy


@dataclass
class FitResult:
    parameters: list[float]
    reviews: int
    train_items: int
    test_items: int
    log_loss_before: float
    log_loss_after: float
    rmse_before: float
    rmse_after: float

    @property
    def beats_defaults(self) -> bool:
        return self.log_loss_after < self.log_loss_before and self.rmse_after <= self.rmse_before

    def summary(self) -> str:
        return (
            f"Memory model: fitted on {self.reviews} reviews "
            f"({self.train_items} cards to fit, {self.test_items} held out), "
            f"log loss {self.log_loss_before:.4f} → {self.log_loss_after:.4f}, "
            f"RMSE {self.rmse_before:.4f} → {self.rmse_after:.4f}"
            + ("" if self.beats_defaults else " (defaults kept: the fit is no better)")
        )


def _day(moment: datetime) -> int:
    return (moment - DAY_STARTS_AT).date().toordinal()


def review_items(reviews: Iterable[Review]) -> list[tuple[int, FSRSItem]]:
    """One FSRS item per review that ends a day, with the day it was made.

    As FSRS trains: an item is a card's history up to a review on a later day
    than the one before; same-day reviews (learning steps) count as delta 0.
    """
    by_card: dict[int, list[Review]] = defaultdict(list)
    for review in reviews:
        by_card[review.card_id].append(review)
    items: list[tuple[int, FSRSItem]] = []
    for history in by_card.values():
        history.sort(key=lambda r: r.reviewed_at)
        steps: list[FSRSReview] = []
        last_day = _day(history[0].reviewed_at)
        for review in history:
            day = _day(review.reviewed_at)
            steps.append(FSRSReview(review.rating, day - last_day))
            if day > last_day:
                item = FSRSItem(list(steps))
                if item.long_term_review_cnt() > 0:
                    items.append((day, item))
            last_day = day
    items.sort(key=lambda pair: pair[0])
    return items


def fit(reviews: Iterable[Review], *, min_reviews: int = MIN_REVIEWS) -> FitResult:
    reviews = list(reviews)
    if len(reviews) < min_reviews:
        raise NotEnoughReviews(
            f"{len(reviews)} reviews so far; a personal memory model needs {min_reviews}."
        )
    items = [item for _, item in review_items(reviews)]
    cut = int(len(items) * (1 - HELD_OUT))
    train, test = items[:cut], items[cut:]
    if not train or not test:
        raise NotEnoughReviews("Too few reviews on separate days to fit and check a model.")
    defaults = list(DEFAULT_PARAMETERS)
    parameters = FSRS(defaults).compute_parameters(train)
    before = FSRS(defaults).evaluate(test)
    after = FSRS(parameters).evaluate(test)
    return FitResult(
        parameters=list(parameters), reviews=len(reviews), train_items=len(train),
        test_items=len(test), log_loss_before=before.log_loss, log_loss_after=after.log_loss,
        rmse_before=before.rmse_bins, rmse_after=after.rmse_bins,
    )


WORKLOAD_RETENTIONS = (0.80, 0.85, 0.90, 0.95)


def workload(
    parameters: list[float] | None, *, cards: int, new_per_day: int, days: int = 365, seed: int = 1
) -> list[tuple[float, float]]:
    """Reviews per day at each desired retention, from fsrs-rs-python's simulator.

    A deck of ``cards`` cards learned ``new_per_day`` at a time over ``days``
    days, remembered as ``parameters`` (None: the defaults) say. Seeded, so the
    same inputs give the same curve.
    """
    config = default_simulator_config()
    config.deck_size = max(1, cards)
    config.learn_limit = max(1, new_per_day)
    config.learn_span = days
    config.max_cost_perday = 1e9  # no time budget: count every review that falls due
    weights = list(parameters or DEFAULT_PARAMETERS)
    curve = []
    for retention in WORKLOAD_RETENTIONS:
        per_day = simulate(weights, retention, config, seed).review_cnt_per_day
        curve.append((retention, sum(per_day) / len(per_day)))
    return curve
