"""The student's card actions from the card browser: suspend, bury, flag, reset."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from quizzes import scheduling
from quizzes.models import Card


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
