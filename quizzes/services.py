"""Writes for the quizzes app: questions and decks."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from content.models import Document, Question, Topic, live_q
from quizzes import memory_model, scheduling
from quizzes.models import (
    Card,
    Deck,
    DeckQuestion,
    Enrollment,
    MemoryModel,
    QuizAnswer,
    QuizAttempt,
    ReviewLog,
)

logger = logging.getLogger(__name__)


@transaction.atomic
def decks_build_for_document(*, document: Document, publish: bool = False) -> list[Deck]:
    """One deck per topic of a document, holding that topic's published questions.

    A topic with nothing published gets no deck: an empty deck offered to
    students is a dead end. It gets one once a teacher publishes its drafts.
    """
    decks = []
    topic_ids = (
        document.questions.live()
        .exclude(passage__topic=None)
        .values_list("passage__topic", flat=True)
        .distinct()
    )
    for topic in Topic.objects.filter(pk__in=topic_ids).order_by("name"):
        deck, created = Deck.objects.get_or_create(
            document=document,
            topic=topic,
            owner=None,
            defaults={
                "title": topic.name,
                "description": f"Questions on {topic.name}, from “{document.title}”.",
                "visibility": Deck.Visibility.PUBLIC if publish else Deck.Visibility.PRIVATE,
            },
        )
        live = document.questions.live().filter(passage__topic=topic).order_by(
            "-score", "id"
        )
        deck_add_questions(deck=deck, questions=live)
        decks.append(deck)
    return decks


@transaction.atomic
def deck_add_questions(*, deck: Deck, questions) -> int:
    """Append questions to a deck, skipping those already in it.

    The deck's row is locked first: a double click (two requests at once)
    would otherwise both see the question missing and both insert it.
    """
    Deck.objects.select_for_update().filter(pk=deck.pk).first()
    present = set(deck.entries.values_list("question_id", flat=True))
    start = (deck.entries.aggregate(m=Max("position"))["m"] or 0) + 1
    new = [q for q in questions if q.pk not in present]
    DeckQuestion.objects.bulk_create(
        DeckQuestion(deck=deck, question=q, position=start + i) for i, q in enumerate(new)
    )
    return len(new)


@transaction.atomic
def enrollment_create(*, user, deck: Deck) -> Enrollment:
    """Enrol a user in a deck (idempotent) and give them a card per question."""
    enrollment, _ = Enrollment.objects.get_or_create(user=user, deck=deck)
    cards_sync(user=user, deck=deck)
    return enrollment


@transaction.atomic
def enrollment_update(
    *, enrollment: Enrollment, new_per_day: int, max_reviews_per_day: int, desired_retention: float
) -> Enrollment:
    """A student's study settings for one deck; the new limits count from today."""
    enrollment.new_per_day = new_per_day
    enrollment.max_reviews_per_day = max_reviews_per_day
    enrollment.desired_retention = desired_retention
    enrollment.save(update_fields=["new_per_day", "max_reviews_per_day", "desired_retention"])
    return enrollment


def cards_sync(*, user, deck: Deck, now: datetime | None = None) -> int:
    """Create the user's missing cards for the deck's live questions.

    Decks grow after enrolment (a teacher adds questions), so this runs again
    cheaply whenever the user opens the deck: one query to find what is
    missing, one insert.
    """
    now = now or timezone.now()
    missing = (
        deck.entries.filter(live_q("question__"))
        .exclude(question__cards__user=user)
        .values_list("question_id", flat=True)
    )
    state = scheduling.new_card_state(now)
    created = Card.objects.bulk_create(
        [
            Card(user=user, question_id=qid, state=state.state, step=state.step, due=state.due)
            for qid in missing
        ],
        ignore_conflicts=True,
    )
    return len(created)


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
    before = _state_json(card)
    was_new = card.last_review is None
    new_state = scheduling.review(
        card_state(card),
        rating,
        now,
        desired_retention=desired_retention,
        fuzz_seed=card.pk,
        parameters=fitted_parameters(card.user),
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
    card.save()
    log = ReviewLog.objects.create(
        user=user,
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
    return ReviewOutcome(log=log, card=card, duplicate=False)


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


class EmptyDeck(Exception):
    pass


def quiz_start(*, user, deck: Deck, size: int = 10, seed: int | None = None) -> QuizAttempt:
    """Draw ``size`` questions of mixed types from a deck as a scored test.

    Round-robin over question types so a quiz is not ten year questions in a
    row. Quizzes never touch FSRS state.
    """
    size = max(1, min(size, 50))
    questions = list(
        deck.questions.live().values_list("pk", "type").order_by("pk")
    )
    if not questions:
        raise EmptyDeck("This deck has no questions yet, so there is nothing to quiz on.")
    rng = random.Random(seed)
    by_type: dict[str, list[int]] = {}
    for pk, qtype in questions:
        by_type.setdefault(qtype, []).append(pk)
    pools = list(by_type.values())
    for pool in pools:
        rng.shuffle(pool)
    rng.shuffle(pools)
    chosen: list[int] = []
    while len(chosen) < size and any(pools):
        for pool in pools:
            if pool and len(chosen) < size:
                chosen.append(pool.pop())
    return QuizAttempt.objects.create(user=user, deck=deck, questions=chosen, total=len(chosen))


def quiz_next_question(*, attempt: QuizAttempt) -> Question | None:
    answered = set(attempt.answers.values_list("question_id", flat=True))
    for pk in attempt.questions:
        if pk not in answered:
            question = Question.objects.filter(pk=pk).select_related("figure", "passage").first()
            if question is not None:
                return question
    return None


@transaction.atomic
def quiz_answer(*, attempt: QuizAttempt, question: Question, grade) -> QuizAnswer:
    """Record an answer once; a repeated post for the same question changes nothing."""
    answer, created = QuizAnswer.objects.get_or_create(
        attempt=attempt,
        question=question,
        defaults={"given": grade.given[:500], "correct": bool(grade.correct)},
    )
    if created:
        # A quiz answer is a graded attempt too; it never touches FSRS state.
        cards = Card.objects.filter(user_id=attempt.user_id, question=question)
        cards.update(attempts=F("attempts") + 1)
        cards.filter(first_attempt_correct__isnull=True).update(
            first_attempt_correct=answer.correct, first_attempt_at=answer.answered_at
        )
    return answer


@transaction.atomic
def quiz_finish(*, attempt: QuizAttempt, now: datetime | None = None) -> QuizAttempt:
    attempt = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.finished_at is None:
        attempt.correct = attempt.answers.filter(correct=True).count()
        attempt.total = len(attempt.questions)
        attempt.finished_at = now or timezone.now()
        attempt.save(update_fields=["correct", "total", "finished_at"])
    return attempt


# -- the student's card browser ---------------------------------------------------


def _own_card(user, card_id: int) -> Card:
    return Card.objects.select_for_update().get(pk=card_id, user=user)


@transaction.atomic
def card_suspend(*, user, card_id: int, suspended: bool) -> Card:
    """Take a card out of the queue (or put it back); its memory state is kept."""
    card = _own_card(user, card_id)
    card.suspended = suspended
    card.save(update_fields=["suspended"])
    return card


@transaction.atomic
def card_bury(*, user, card_id: int, now: datetime | None = None) -> Card:
    """Hide a card until the student's next local midnight."""
    card = _own_card(user, card_id)
    _, tomorrow = scheduling.day_bounds(now or timezone.now(), user.timezone)
    card.buried_until = tomorrow
    card.save(update_fields=["buried_until"])
    return card


@transaction.atomic
def card_flag(*, user, card_id: int, flagged: bool) -> Card:
    card = _own_card(user, card_id)
    card.flagged = flagged
    card.save(update_fields=["flagged"])
    return card


@transaction.atomic
def card_reset(*, user, card_id: int, now: datetime | None = None) -> Card:
    """Forget a card's memory state: it is new again. Its review logs stay, as
    history; the version moves on, so an open copy of the card cannot be rated."""
    card = _own_card(user, card_id)
    card.state = Card.State.LEARNING
    card.step = 0
    card.stability = card.difficulty = card.last_review = None
    card.due = now or timezone.now()
    card.reps = card.lapses = 0
    card.buried_until = None
    card.version += 1
    card.save()
    return card


# -- the personal memory model ----------------------------------------------------


def fitted_parameters(user) -> list[float] | None:
    """The student's fitted FSRS weights when their memory model is in use, else None.

    Load the user with ``select_related("memory_model")`` (or a card with
    ``"user__memory_model"``) and this costs no query.
    """
    try:
        model = user.memory_model
    except MemoryModel.DoesNotExist:
        return None
    return model.parameters if model.in_use else None


def memory_model_fit(*, user, now: datetime | None = None) -> MemoryModel:
    """Fit personal FSRS parameters to the student's own reviews and store the result.

    Raises ``memory_model.NotEnoughReviews`` below ``MEMORY_MODEL_MIN_REVIEWS``.
    The parameters are used (``in_use``) only when they beat the defaults on the
    held-out latest reviews; a worse fit is stored too, to say why not. The fit
    runs outside any transaction: only the write is atomic.
    """
    rows = (
        ReviewLog.objects.filter(user=user, undone_at__isnull=True)
        .values_list("card_id", "reviewed_at", "rating")
        .iterator(chunk_size=5000)
    )
    reviews = [memory_model.Review(card, at, rating) for card, at, rating in rows]
    result = memory_model.fit(reviews, min_reviews=settings.MEMORY_MODEL_MIN_REVIEWS)
    with transaction.atomic():
        model, _ = MemoryModel.objects.update_or_create(
            user=user,
            defaults={
                "parameters": result.parameters,
                "fitted_at": now or timezone.now(),
                "reviews": result.reviews,
                "log_loss_before": result.log_loss_before,
                "log_loss_after": result.log_loss_after,
                "rmse_before": result.rmse_before,
                "rmse_after": result.rmse_after,
                "in_use": result.beats_defaults,
            },
        )
    logger.info("memory model for user %s: %s", user.pk, result.summary())
    return model
