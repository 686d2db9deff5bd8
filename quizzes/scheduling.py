"""Spaced-repetition scheduling: a thin, pure wrapper around py-fsrs.

This is the only module that imports ``fsrs``; everything else speaks
``CardState`` so the database models never depend on the library's types.
"""

from __future__ import annotations

import random
import threading
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

import fsrs
import fsrs.scheduler

MIN_RETENTION = 0.70
MAX_RETENTION = 0.97
RATINGS = (1, 2, 3, 4)


@dataclass
class CardState:
    state: int  # fsrs.State value: 1 Learning, 2 Review, 3 Relearning
    step: int | None
    stability: float | None
    difficulty: float | None
    due: datetime
    last_review: datetime | None


def new_card_state(now: datetime) -> CardState:
    # A new card is a Learning card at step 0 that has never been reviewed.
    return CardState(
        state=int(fsrs.State.Learning),
        step=0,
        stability=None,
        difficulty=None,
        due=_utc(now),
        last_review=None,
    )


def _utc(value: datetime) -> datetime:
    # py-fsrs insists on tzinfo being exactly datetime.UTC, while Django and
    # database drivers may hand us zoneinfo("UTC") or local offsets.
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("Datetimes must be timezone-aware.")
    return value.astimezone(UTC)


def _validate_retention(desired_retention: float) -> float:
    retention = float(desired_retention)
    if not MIN_RETENTION <= retention <= MAX_RETENTION:
        raise ValueError(
            f"Desired retention must be between {MIN_RETENTION:.2f} and {MAX_RETENTION:.2f}, "
            f"not {desired_retention!r}."
        )
    return retention


# Personal parameters: py-fsrs keeps scheduling, with a student's fitted weights
# when their memory model is in use. fsrs-rs-python only fits and evaluates
# (quizzes.memory_model): both libraries use the same 21 FSRS-6 weights, so the
# fitted ones drop straight into ``fsrs.Scheduler(parameters=...)``, and keeping
# py-fsrs keeps everything built on it as it is (learning steps, seeded fuzz,
# previews, retrievability) with one scheduler for fitted and default students.
Parameters = tuple[float, ...] | None  # None: the library's defaults


def parameters_tuple(parameters) -> Parameters:
    """Hashable weights for the scheduler cache, or None for the defaults."""
    return tuple(float(w) for w in parameters) if parameters else None


@lru_cache(maxsize=256)
def _scheduler(
    desired_retention: float, fuzz: bool, parameters: Parameters = None
) -> fsrs.Scheduler:
    # Building a Scheduler validates all 21 parameters; reuse one per setting.
    if parameters is None:
        return fsrs.Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)
    return fsrs.Scheduler(
        parameters=parameters, desired_retention=desired_retention, enable_fuzzing=fuzz
    )


def _to_fsrs(state: CardState) -> fsrs.Card:
    return fsrs.Card(
        card_id=0,  # an explicit id: the default sleeps 1 ms to make ids unique
        state=fsrs.State(int(state.state)),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=_utc(state.due),
        last_review=_utc(state.last_review) if state.last_review else None,
    )


def _from_fsrs(card: fsrs.Card) -> CardState:
    return CardState(
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def _fuzz_random(fuzz_seed: int, now: datetime) -> random.Random:
    """The random source for one review's fuzz.

    Mixing in the review time keeps a card from drawing the same fraction of
    its fuzz range at every review, while replaying the same reviews still
    gives the same due dates. A string seed is hashed with SHA-512, so it is
    stable across processes (unlike ``hash()``).
    """
    return random.Random(f"{fuzz_seed}:{_utc(now).isoformat()}")


# py-fsrs draws its fuzz from ``random.random`` imported into fsrs.scheduler.
# Swapping that one name for a seeded generator (under a lock, since it is
# module-global) leaves the process-wide ``random`` state untouched for others.
_fuzz_lock = threading.Lock()


def review(
    state: CardState,
    rating: int,
    now: datetime,
    *,
    desired_retention: float = 0.9,
    fuzz_seed: int | None = None,
    parameters=None,
) -> CardState:
    """The card's state after a review with ``rating`` (1 Again .. 4 Easy) at ``now``.

    With ``fuzz_seed`` None the interval is not fuzzed; with a seed it is
    fuzzed as py-fsrs does, but repeatably. ``parameters`` are a student's
    fitted weights (their memory model in use), or None for the defaults.
    """
    if rating not in RATINGS:
        raise ValueError(f"A rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not {rating!r}.")
    retention = _validate_retention(desired_retention)
    now = _utc(now)
    card = _to_fsrs(state)
    weights = parameters_tuple(parameters)
    if fuzz_seed is None:
        reviewed, _ = _scheduler(retention, False, weights).review_card(
            card, fsrs.Rating(rating), now
        )
        return _from_fsrs(reviewed)
    rng = _fuzz_random(fuzz_seed, now)
    with _fuzz_lock:
        original = fsrs.scheduler.random
        fsrs.scheduler.random = rng.random
        try:
            reviewed, _ = _scheduler(retention, True, weights).review_card(
                card, fsrs.Rating(rating), now
            )
        finally:
            fsrs.scheduler.random = original
    return _from_fsrs(reviewed)


def preview(
    state: CardState, now: datetime, desired_retention: float = 0.9, parameters=None
) -> dict[int, timedelta]:
    """The interval each rating would give now, before fuzz."""
    now = _utc(now)
    return {
        rating: review(
            state, rating, now, desired_retention=desired_retention, parameters=parameters
        ).due
        - now
        for rating in RATINGS
    }


def _short(value: float) -> str:
    # One decimal below ten ("1.5h", "2.3mo"), none above; never a trailing ".0".
    text = f"{value:.1f}" if value < 10 else f"{round(value)}"
    return text.removesuffix(".0")


def format_interval(delta: timedelta) -> str:
    """An interval as Anki shows it on rating buttons: <1m, 10m, 1.5h, 3d, 2mo, 1.2y."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes}m"
    hours = seconds / 3600
    if round(hours) < 24:
        return f"{_short(hours)}h"
    days = seconds / 86400
    if round(days) < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{_short(days / 30)}mo"
    return f"{_short(days / 365)}y"


def retrievability(state: CardState, now: datetime) -> float:
    """Predicted probability of recalling the card at ``now`` (0 if never reviewed)."""
    if state.last_review is None or not state.stability:
        return 0.0
    card = fsrs.Card(
        card_id=0,
        state=fsrs.State.Review,
        stability=state.stability,
        difficulty=state.difficulty,
        due=_utc(state.due),
        last_review=_utc(state.last_review),
    )
    # Retrievability depends only on stability and elapsed time, not on retention.
    value = _scheduler(0.9, False).get_card_retrievability(card, _utc(now))
    return min(1.0, max(0.0, float(value)))


def user_zone(tz_name: str | None) -> zoneinfo.ZoneInfo:
    """The one time-zone resolver: a user's zone name, or UTC if it is unknown or empty."""
    try:
        return zoneinfo.ZoneInfo(tz_name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError, OSError):
        return zoneinfo.ZoneInfo("UTC")


def _local_midnight(day: date, zone: zoneinfo.ZoneInfo) -> datetime:
    # Where DST skips midnight (e.g. São Paulo until 2018), fold=0 resolves the
    # missing 00:00 with the pre-transition offset, which lands on the first
    # instant that does exist that day.
    return datetime.combine(day, time.min, tzinfo=zone).astimezone(UTC)


def day_bounds(now: datetime, tz_name: str) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the local day in ``tz_name`` that contains ``now``.

    The day is 23 or 25 hours long across DST changes. An unknown or empty
    zone name counts as UTC.
    """
    zone = user_zone(tz_name)
    today = local_today(now, tz_name)
    return _local_midnight(today, zone), _local_midnight(today + timedelta(days=1), zone)


def local_today(now: datetime, tz_name: str | None) -> date:
    """The user's calendar day at ``now``: daily limits, streaks and charts all use it."""
    return _utc(now).astimezone(user_zone(tz_name)).date()
