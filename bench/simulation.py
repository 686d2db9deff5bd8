"""Simulated study histories for the benchmark dataset.

Each student is simulated day by day with the real scheduler
(``quizzes.scheduling.review``, fuzzed with the card id exactly as
``review_submit`` does), so every interval, lapse and state in the logs is one
FSRS would have produced. Logs are written with ``review_state_json``, the
app's own writer, so undo works on them. Plain tuples come out, ready for
``bulk_create`` or PostgreSQL's COPY; this runs in worker processes.
"""

from __future__ import annotations

import heapq
import json
import random
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from quizzes import scheduling
from quizzes.models import Card
from quizzes.services.reviews import review_state_json

RETENTION = 0.9


@dataclass(frozen=True)
class Scale:
    students: int
    classes: int
    questions: int
    decks: int
    decks_per_student: int
    history_days: int


SCALES = {
    # XS exists for the test suite: a few seconds even on SQLite.
    "XS": Scale(12, 2, 24, 2, 2, 20),
    "S": Scale(200, 6, 200, 4, 2, 32),
    "M": Scale(500, 15, 400, 8, 4, 32),
    "L": Scale(5000, 150, 2000, 40, 4, 32),
}
LEARNING = (int(Card.State.LEARNING), int(Card.State.RELEARNING))
REVIEW = int(Card.State.REVIEW)


@dataclass
class Profile:
    history_days: float
    p_active: float
    hour: float
    new_per_session: int
    ability: float
    max_logs: int | None = None


def random_profile(rng: random.Random, days: int) -> Profile:
    return Profile(
        history_days=days * rng.uniform(0.3, 1.0),
        p_active=rng.uniform(0.15, 0.9),
        hour=min(22.0, max(7.0, rng.gauss(17, 3))),
        new_per_session=rng.choice((4, 6, 8, 10)),
        ability=rng.gauss(0, 0.06),
    )


def _state_json(card: _Card) -> dict:
    return review_state_json(
        state=card.st,
        reps=card.reps,
        lapses=card.lapses,
        attempts=card.attempts,
        first_attempt_at=card.first_at,
        first_attempt_correct=card.first_ok,
    )


class _Card:
    __slots__ = (
        "id",
        "question_id",
        "deck",
        "position",
        "qdiff",
        "st",
        "reps",
        "lapses",
        "version",
        "attempts",
        "first_at",
        "first_ok",
    )

    def __init__(self, card_id, question_id, deck, position, qdiff, start):
        self.id = card_id
        self.question_id = question_id
        self.deck = deck
        self.position = position
        self.qdiff = qdiff
        self.st = scheduling.new_card_state(start)
        self.reps = 0
        self.lapses = 0
        self.version = 0
        # What review_submit keeps on a card for item analysis.
        self.attempts = 0
        self.first_at = None
        self.first_ok = None


def simulate_student(user_id: int, cards: list[tuple], profile: Profile, now: datetime, seed: int):
    """One student's whole history: (final cards, logs) as plain tuples.

    Each day the student is active with probability ``p_active``; a session
    per deck takes due learning cards, then due reviews, then a few new cards,
    and waits for learning steps due within 15 minutes, as a person does.
    Daily limits are the enrolment defaults (20 new, 200 reviews per deck).
    """
    rng = random.Random(seed)
    start = now - timedelta(days=profile.history_days)
    state = [_Card(*c, start) for c in cards]
    decks: dict[int, list[_Card]] = {}
    for card in state:
        decks.setdefault(card.deck, []).append(card)
    for deck_cards in decks.values():
        deck_cards.sort(key=lambda c: c.position)
    logs: list[tuple] = []
    first_day = start.replace(hour=0, minute=0, second=0, microsecond=0)
    n_days = (now - first_day).days
    for day in range(n_days + 1):
        if rng.random() > profile.p_active:
            continue
        t = first_day + timedelta(days=day, hours=profile.hour + rng.uniform(-1, 1))
        if t < start or t >= now:
            continue
        for deck_cards in decks.values():
            t = _session(rng, user_id, deck_cards, profile, t, now, logs)
            if profile.max_logs and len(logs) >= profile.max_logs:
                del logs[profile.max_logs :]
                return _final(user_id, state, logs), logs
    return _final(user_id, state, logs), logs


def _session(rng, user_id, deck_cards, profile, t, now, logs) -> datetime:
    reviewed = [c for c in deck_cards if c.st.last_review is not None and c.st.due <= t]
    learning = [(c.st.due, c.id, c) for c in reviewed if c.st.state in LEARNING]
    heapq.heapify(learning)
    due = deque(sorted((c for c in reviewed if c.st.state == REVIEW), key=lambda c: c.st.due))
    new = deque([c for c in deck_cards if c.st.last_review is None][: profile.new_per_session])
    reviews = 0
    while t < now and (not profile.max_logs or len(logs) < profile.max_logs):
        if learning and learning[0][0] <= t:
            card = heapq.heappop(learning)[2]
        elif due and reviews < 200:
            card = due.popleft()
        elif new:
            card = new.popleft()
        elif learning and learning[0][0] - t <= timedelta(minutes=15):
            t = learning[0][0]
            continue
        else:
            break
        _review(rng, user_id, card, profile, t, logs)
        reviews += 1
        if card.st.state in LEARNING and card.st.due - t <= timedelta(minutes=15):
            heapq.heappush(learning, (card.st.due, card.id, card))
        t += timedelta(seconds=rng.uniform(4, 20))
    return t


def _review(rng, user_id, card: _Card, profile: Profile, t: datetime, logs: list) -> None:
    st = card.st
    if st.last_review is None:
        p = 0.8 + profile.ability - card.qdiff
    elif st.state in LEARNING or not st.stability:
        p = 0.85 + profile.ability - card.qdiff / 2
    else:
        # FSRS's own forgetting curve: ratings are drawn the way a real memory would fail.
        p = scheduling.retrievability(st, t) + profile.ability - card.qdiff / 2
    success = rng.random() < min(0.99, max(0.05, p))
    if not success:
        rating = 1
    else:
        roll = rng.random()
        rating = 2 if roll < 0.15 else 4 if roll > 0.9 else 3
    before = _state_json(card)
    was_new = st.last_review is None
    if rating == 1 and st.state == REVIEW:
        card.lapses += 1
    card.st = scheduling.review(st, rating, t, desired_retention=RETENTION, fuzz_seed=card.id)
    card.reps += 1
    token = f"{card.id}:{card.version}"
    card.version += 1
    card.attempts += 1
    if card.first_ok is None:
        card.first_ok, card.first_at = success, t
    logs.append(
        (
            user_id,
            card.id,
            rating,
            "",
            success,
            int(rng.lognormvariate(8.8, 0.5)),
            was_new,
            t,
            before,
            _state_json(card),
            token,
        )
    )


def _final(user_id: int, state: list[_Card], logs) -> list[tuple]:
    return [
        (
            c.id,
            user_id,
            c.question_id,
            c.st.state,
            c.st.step,
            c.st.stability,
            c.st.difficulty,
            c.st.due,
            c.st.last_review,
            c.reps,
            c.lapses,
            c.version,
            c.attempts,
            c.first_at,
            c.first_ok,
        )
        for c in state
    ]


CARD_COLUMNS = (
    "id",
    "user_id",
    "question_id",
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
    "version",
    "attempts",
    "first_attempt_at",
    "first_attempt_correct",
)
LOG_COLUMNS = (
    "user_id",
    "card_id",
    "rating",
    "answer",
    "correct",
    "duration_ms",
    "was_new",
    "reviewed_at",
    "state_before",
    "state_after",
    "token",
)


def _copy_value(value) -> str:
    # COPY text format; no bench value holds a tab, newline or backslash.
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return json.dumps(value)
    return str(value)


def _copy_text(rows: list[tuple]) -> str:
    return "".join("\t".join(map(_copy_value, row)) + "\n" for row in rows)


def simulate_chunk(task):
    """Worker entry point: several students, already formatted for COPY if asked."""
    students, now, as_copy = task
    cards_out, logs_out = [], []
    for user_id, cards, profile, seed in students:
        final, logs = simulate_student(user_id, cards, profile, now, seed)
        cards_out.extend(final)
        logs_out.extend(logs)
    if as_copy:
        return _copy_text(cards_out), _copy_text(logs_out), len(cards_out), len(logs_out)
    return cards_out, logs_out, len(cards_out), len(logs_out)
