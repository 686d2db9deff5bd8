"""One review, from the rating to the review log, and its undo.

The review log's state JSON is written here, and only here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from quizzes import scheduling
from quizzes.models import Card, ReviewLog
from quizzes.services.memory_model import fitted_parameters


@dataclass
class ReviewOutcome:
    log: ReviewLog
    card: Card
    duplicate: bool  # True when this exact review had already been recorded


def card_state(card: Card) -> scheduling.CardState:
    return scheduling.CardState(
        state=card.state,
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def review_state_json(
    *,
    state: scheduling.CardState,
    reps: int,
    lapses: int,
    attempts: int,
    first_attempt_at: datetime | None,
    first_attempt_correct: bool | None,
) -> dict:
    """The one writer of a review log's ``state_before`` and ``state_after``.

    Undo reads it back (``_apply_state_json``); the benchmark seeder writes
    its simulated logs with it too, so undo works on them.
    """
    return {
        "state": state.state,
        "step": state.step,
        "stability": state.stability,
        "difficulty": state.difficulty,
        "due": state.due.isoformat(),
        "last_review": state.last_review.isoformat() if state.last_review else None,
        "reps": reps,
        "lapses": lapses,
        "attempts": attempts,
        "first_attempt_at": first_attempt_at.isoformat() if first_attempt_at else None,
        "first_attempt_correct": first_attempt_correct,
    }


def _state_json(card: Card) -> dict:
    return review_state_json(
        state=card_state(card),
        reps=card.reps,
        lapses=card.lapses,
        attempts=card.attempts,
        first_attempt_at=card.first_attempt_at,
        first_attempt_correct=card.first_attempt_correct,
    )


def _apply_state_json(card: Card, data: dict) -> None:
    card.state = data["state"]
    card.step = data["step"]
    card.stability = data["stability"]
    card.difficulty = data["difficulty"]
    card.due = datetime.fromisoformat(data["due"])
    card.last_review = datetime.fromisoformat(data["last_review"]) if data["last_review"] else None
    card.reps = data["reps"]
    card.lapses = data["lapses"]
    card.attempts = data.get("attempts", card.attempts)
    first_at = data.get("first_attempt_at", card.first_attempt_at)
    card.first_attempt_at = (
        datetime.fromisoformat(first_at) if isinstance(first_at, str) else first_at
    )
    card.first_attempt_correct = data.get("first_attempt_correct", card.first_attempt_correct)


@transaction.atomic
def review_submit(
    *,
    user,
    card_id: int,
    version: int,
    rating: int,
    answer: str = "",
    correct: bool | None = None,
    duration_ms: int = 0,
    desired_retention: float = 0.9,
    now: datetime | None = None,
) -> ReviewOutcome:
    """Record one review and reschedule the card, exactly once.

    ``version`` is the card version the student saw. A second post of the same
    version (double click, retry, a second tab) finds the review already made
    and changes nothing.
    """
    if rating not in (1, 2, 3, 4):
        raise ValueError("A rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy).")
    now = now or timezone.now()
    # The student's memory model comes in the same query (a left join; only the
    # card's row is locked), so personal parameters cost no extra query.
    card = (
        Card.objects.select_for_update(of=("self",))
        .select_related("user__memory_model")
        .get(pk=card_id, user=user)
    )
    token = f"{card.pk}:{version}"
    if card.version != version:
        log = ReviewLog.objects.filter(token=token).first()
        if log is None:
            raise StaleCard("This card changed since you saw it. Here it is again.")
        return ReviewOutcome(log=log, card=card, duplicate=True)
    log = card_rate(
        card, rating=rating, now=now, desired_retention=desired_retention, token=token,
        parameters=fitted_parameters(card.user), answer=answer, correct=correct,
        duration_ms=duration_ms,
    )
    card.save()
    log.save()
    return ReviewOutcome(log=log, card=card, duplicate=False)


def card_rate(
    card: Card,
    *,
    rating: int,
    now: datetime,
    desired_retention: float,
    parameters: list[float] | None,
    token: str,
    answer: str = "",
    correct: bool | None = None,
    duration_ms: int = 0,
) -> ReviewLog:
    """Apply one rating to ``card`` in memory and build its log, unsaved.

    The one place a review changes a card: ``review_submit`` saves one at a
    time; the Anki history replay (``quizzes.interop.history``) saves many at once.
    """
    before = _state_json(card)
    was_new = card.last_review is None
    new_state = scheduling.review(
        card_state(card),
        rating,
        now,
        desired_retention=desired_retention,
        fuzz_seed=card.pk,
        parameters=parameters,
    )
    if rating == 1 and card.state == Card.State.REVIEW:
        card.lapses += 1
    card.state = new_state.state
    card.step = new_state.step
    card.stability = new_state.stability
    card.difficulty = new_state.difficulty
    card.due = new_state.due
    card.last_review = new_state.last_review
    card.reps += 1
    card.version += 1
    if correct is not None:
        _count_attempt(card, correct, now)
    return ReviewLog(
        user_id=card.user_id,
        card=card,
        rating=rating,
        answer=answer[:500],
        correct=correct,
        duration_ms=max(0, min(duration_ms, 3_600_000)),
        was_new=was_new,
        reviewed_at=now,
        state_before=before,
        state_after=_state_json(card),
        token=token,
    )


def _count_attempt(card: Card, correct: bool, at: datetime) -> None:
    card.attempts += 1
    if card.first_attempt_correct is None:
        card.first_attempt_correct = correct
        card.first_attempt_at = at


class StaleCard(Exception):
    """A review was posted for a card state that no longer exists."""


class NothingToUndo(Exception):
    pass


@transaction.atomic
def review_undo(*, user, now: datetime | None = None) -> Card:
    """Undo the user's latest review: the card goes back to its state before it.

    The log stays (append-only) and is marked undone.
    """
    log = (
        ReviewLog.objects.select_for_update()
        .filter(user=user, undone_at__isnull=True)
        .order_by("-reviewed_at", "-id")
        .first()
    )
    if log is None:
        raise NothingToUndo("There is no review to undo.")
    card = Card.objects.select_for_update().get(pk=log.card_id)
    _apply_state_json(card, log.state_before)
    card.version += 1
    card.save()
    log.undone_at = now or timezone.now()
    log.save(update_fields=["undone_at"])
    return card
