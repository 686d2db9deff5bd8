"""Scheduling must agree with py-fsrs itself and be repeatable."""

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import fsrs
import pytest

from quizzes import scheduling
from quizzes.scheduling import CardState

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
# Again, Good... with lapses and gaps: covers Learning, Review and Relearning.
SEQUENCE = [3, 3, 3, 1, 2, 3, 4, 3, 1, 1, 3, 3, 2, 4]


def _run_ours(fuzz_seed=None, retention=0.9):
    state, now, history = scheduling.new_card_state(NOW), NOW, []
    for rating in SEQUENCE:
        state = scheduling.review(
            state, rating, now, desired_retention=retention, fuzz_seed=fuzz_seed
        )
        history.append(state)
        now = state.due  # the student comes back exactly when the card is due
    return history


def _run_fsrs(*, fuzz: bool, fuzz_seed=None, retention=0.9):
    scheduler = fsrs.Scheduler(desired_retention=retention, enable_fuzzing=fuzz)
    card, now, history = fsrs.Card(card_id=1, due=NOW), NOW, []
    saved = random.getstate()
    try:
        for rating in SEQUENCE:
            if fuzz:
                random.setstate(scheduling._fuzz_random(fuzz_seed, now).getstate())
            card, _ = scheduler.review_card(card, fsrs.Rating(rating), now)
            history.append(card)
            now = card.due
    finally:
        random.setstate(saved)
    return history


def _same(ours, theirs):
    assert len(ours) == len(theirs)
    for mine, card in zip(ours, theirs, strict=True):
        assert mine.state == int(card.state)
        assert mine.step == card.step
        assert mine.due == card.due
        assert mine.last_review == card.last_review
        assert mine.stability == pytest.approx(card.stability, rel=1e-12)
        assert mine.difficulty == pytest.approx(card.difficulty, rel=1e-12)


def test_new_card_state():
    state = scheduling.new_card_state(NOW)
    assert state == CardState(
        state=1, step=0, stability=None, difficulty=None, due=NOW, last_review=None
    )


@pytest.mark.parametrize("retention", [0.8, 0.9, 0.95])
def test_matches_py_fsrs_without_fuzz(retention):
    _same(_run_ours(retention=retention), _run_fsrs(fuzz=False, retention=retention))


def test_matches_py_fsrs_with_the_same_seeding():
    _same(_run_ours(fuzz_seed=42), _run_fsrs(fuzz=True, fuzz_seed=42))


def test_fuzz_is_repeatable_and_leaves_global_random_alone():
    random.seed(1234)
    expected_next = random.random()
    random.seed(1234)
    first = [s.due for s in _run_ours(fuzz_seed=7)]
    assert random.random() == expected_next  # the process-wide stream was not consumed
    assert [s.due for s in _run_ours(fuzz_seed=7)] == first


def test_fuzz_moves_review_intervals_a_little_and_learning_steps_not_at_all():
    moved = False
    previous, now = scheduling.new_card_state(NOW), NOW
    for rating in SEQUENCE:
        plain = scheduling.review(previous, rating, now)
        for seed in range(10):
            fuzzed = scheduling.review(previous, rating, now, fuzz_seed=seed)
            assert (fuzzed.stability, fuzzed.difficulty) == (plain.stability, plain.difficulty)
            base_days = (plain.due - now) / timedelta(days=1)
            days = (fuzzed.due - now) / timedelta(days=1)
            if plain.state != 2 or base_days < 3:
                assert fuzzed.due == plain.due  # py-fsrs never fuzzes short intervals
            else:
                # py-fsrs's fuzz range is about ±15% for short intervals, ±5% for long
                # ones; its rounding can reach one day past the range's top.
                assert abs(days - base_days) <= 3 + 0.1 * base_days
                moved = moved or days != base_days
        previous, now = plain, plain.due
    assert moved


def test_accepts_non_utc_aware_datetimes():
    paris = NOW.astimezone(ZoneInfo("Europe/Paris"))
    state = scheduling.review(scheduling.new_card_state(paris), 3, paris)
    assert state.last_review == NOW
    assert state.due.tzinfo == UTC


def test_scheduler_is_cached_per_retention():
    assert scheduling._scheduler(0.9, False) is scheduling._scheduler(0.9, False)
    assert scheduling._scheduler(0.9, False) is not scheduling._scheduler(0.85, False)


@pytest.mark.parametrize("rating", [0, 5, -1, None, "3"])
def test_rejects_bad_ratings(rating):
    with pytest.raises(ValueError, match="rating"):
        scheduling.review(scheduling.new_card_state(NOW), rating, NOW)


@pytest.mark.parametrize("retention", [0.5, 0.69, 0.98, 1.0])
def test_rejects_bad_retention(retention):
    with pytest.raises(ValueError, match="retention"):
        scheduling.review(scheduling.new_card_state(NOW), 3, NOW, desired_retention=retention)
    with pytest.raises(ValueError, match="retention"):
        scheduling.preview(scheduling.new_card_state(NOW), NOW, desired_retention=retention)


@pytest.mark.parametrize("retention", [0.70, 0.97])
def test_retention_bounds_are_inclusive(retention):
    scheduling.review(scheduling.new_card_state(NOW), 3, NOW, desired_retention=retention)


def test_rejects_naive_datetimes():
    with pytest.raises(ValueError, match="timezone-aware"):
        scheduling.review(scheduling.new_card_state(NOW), 3, datetime(2026, 3, 2))


def _states():
    """A new card and the card after each step of SEQUENCE, with the time it is next seen."""
    yield scheduling.new_card_state(NOW), NOW
    for state in _run_ours():
        yield state, state.due


def test_preview_is_ordered_for_every_kind_of_card():
    seen_kinds = set()
    for state, now in _states():
        seen_kinds.add(state.state)
        intervals = scheduling.preview(state, now)
        assert sorted(intervals) == [1, 2, 3, 4]
        assert intervals[1] <= intervals[2] <= intervals[3] <= intervals[4]
        assert all(delta > timedelta(0) for delta in intervals.values())
    assert seen_kinds == {1, 2, 3}


def test_preview_of_a_new_card_uses_py_fsrs_default_steps():
    intervals = scheduling.preview(scheduling.new_card_state(NOW), NOW)
    assert intervals[1] == timedelta(minutes=1)
    assert intervals[2] == timedelta(minutes=5, seconds=30)
    assert intervals[3] == timedelta(minutes=10)
    assert intervals[4] >= timedelta(days=1)


def test_preview_matches_an_unfuzzed_review():
    state = _run_ours()[5]
    now = state.due + timedelta(days=2)
    for rating, delta in scheduling.preview(state, now, desired_retention=0.85).items():
        assert scheduling.review(state, rating, now, desired_retention=0.85).due == now + delta


def test_higher_retention_means_shorter_intervals():
    state = _run_ours()[2]
    low = scheduling.preview(state, state.due, desired_retention=0.8)
    high = scheduling.preview(state, state.due, desired_retention=0.95)
    assert high[3] < low[3]


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(0), "<1m"),
        (timedelta(seconds=-30), "<1m"),
        (timedelta(seconds=59), "<1m"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=5, seconds=30), "6m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(minutes=59, seconds=40), "1h"),
        (timedelta(hours=1), "1h"),
        (timedelta(minutes=90), "1.5h"),
        (timedelta(hours=12), "12h"),
        (timedelta(hours=23, minutes=50), "1d"),
        (timedelta(days=1), "1d"),
        (timedelta(days=3), "3d"),
        (timedelta(days=29), "29d"),
        (timedelta(days=30), "1mo"),
        (timedelta(days=45), "1.5mo"),
        (timedelta(days=60), "2mo"),
        (timedelta(days=364), "12mo"),
        (timedelta(days=365), "1y"),
        (timedelta(days=438), "1.2y"),
        (timedelta(days=365 * 27), "27y"),
    ],
)
def test_format_interval(delta, text):
    assert scheduling.format_interval(delta) == text


def test_retrievability_decreases_over_time():
    state = _run_ours()[3]
    assert state.last_review is not None
    values = [
        scheduling.retrievability(state, state.last_review + timedelta(days=d))
        for d in (0, 1, 5, 30, 365)
    ]
    assert values[0] == pytest.approx(1.0)
    assert all(0 < v <= 1 for v in values)
    assert values == sorted(values, reverse=True)
    assert len(set(values)) == len(values)


def test_retrievability_is_near_desired_retention_when_due():
    state = _run_ours()[6]
    assert state.state == 2
    assert scheduling.retrievability(state, state.due) == pytest.approx(0.9, abs=0.03)


def test_retrievability_of_unreviewed_cards_is_zero():
    assert scheduling.retrievability(scheduling.new_card_state(NOW), NOW) == 0.0
    no_stability = CardState(
        state=2, step=None, stability=None, difficulty=None, due=NOW, last_review=NOW
    )
    assert scheduling.retrievability(no_stability, NOW) == 0.0


def _local(dt, tz):
    return dt.astimezone(ZoneInfo(tz)).replace(tzinfo=None)


@pytest.mark.parametrize(
    ("now", "tz", "start", "end"),
    [
        # 00:30 UTC on 2 March is already 09:30 on 2 March in Tokyo
        (
            datetime(2026, 3, 2, 0, 30, tzinfo=UTC),
            "Asia/Tokyo",
            datetime(2026, 3, 1, 15, tzinfo=UTC),
            datetime(2026, 3, 2, 15, tzinfo=UTC),
        ),
        # 03:00 UTC on 2 March is still 1 March in New York
        (
            datetime(2026, 3, 2, 3, 0, tzinfo=UTC),
            "America/New_York",
            datetime(2026, 3, 1, 5, tzinfo=UTC),
            datetime(2026, 3, 2, 5, tzinfo=UTC),
        ),
        (
            datetime(2026, 3, 2, 23, 59, tzinfo=UTC),
            "UTC",
            datetime(2026, 3, 2, tzinfo=UTC),
            datetime(2026, 3, 3, tzinfo=UTC),
        ),
    ],
)
def test_day_bounds(now, tz, start, end):
    assert scheduling.day_bounds(now, tz) == (start, end)


def test_day_bounds_on_spring_forward_is_23_hours():
    # New York moved clocks forward on 8 March 2026 at 02:00.
    start, end = scheduling.day_bounds(datetime(2026, 3, 8, 18, tzinfo=UTC), "America/New_York")
    assert start == datetime(2026, 3, 8, 5, tzinfo=UTC)
    assert end == datetime(2026, 3, 9, 4, tzinfo=UTC)
    assert end - start == timedelta(hours=23)


def test_day_bounds_on_fall_back_is_25_hours():
    # Europe/Berlin moves clocks back on 25 October 2026 at 03:00.
    start, end = scheduling.day_bounds(datetime(2026, 10, 25, 12, tzinfo=UTC), "Europe/Berlin")
    assert _local(start, "Europe/Berlin") == datetime(2026, 10, 25)
    assert _local(end, "Europe/Berlin") == datetime(2026, 10, 26)
    assert end - start == timedelta(hours=25)


def test_day_bounds_when_dst_skips_midnight():
    # São Paulo's clocks jumped from 00:00 to 01:00 on 4 November 2018.
    start, end = scheduling.day_bounds(datetime(2018, 11, 4, 15, tzinfo=UTC), "America/Sao_Paulo")
    assert start == datetime(2018, 11, 4, 3, tzinfo=UTC)  # 01:00 local, the day's first instant
    assert end == datetime(2018, 11, 5, 2, tzinfo=UTC)
    assert end - start == timedelta(hours=23)


@pytest.mark.parametrize("tz", ["", None, "Not/AZone", "../../etc/passwd", "utc+3"])
def test_day_bounds_falls_back_to_utc(tz):
    assert scheduling.day_bounds(datetime(2026, 3, 2, 12, tzinfo=UTC), tz) == (
        datetime(2026, 3, 2, tzinfo=UTC),
        datetime(2026, 3, 3, tzinfo=UTC),
    )


def test_day_bounds_contain_now_and_are_utc():
    now = datetime(2026, 6, 30, 22, 15, tzinfo=UTC)
    for tz in ("Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata", "Australia/Lord_Howe"):
        start, end = scheduling.day_bounds(now, tz)
        assert start <= now < end
        assert start.tzinfo is UTC and end.tzinfo is UTC
