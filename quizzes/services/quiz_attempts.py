"""Quizzes: a scored test drawn from a deck, which never touches FSRS state."""

from __future__ import annotations

import random
from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from content.models import Question
from quizzes.models import Card, Deck, QuizAnswer, QuizAttempt


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
