"""The personal memory model: fitting a student's own FSRS parameters, and using them."""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from quizzes import memory_model
from quizzes.models import MemoryModel, ReviewLog

logger = logging.getLogger(__name__)


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
