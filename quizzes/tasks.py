"""The daily digest of due cards, by email, and the weekly memory-model fits."""

from __future__ import annotations

import logging
from datetime import datetime

from celery import shared_task
from django.conf import settings
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from accounts.emails import send_templated
from accounts.models import User
from content.models import live_q
from quizzes import memory_model, scheduling
from quizzes.models import Card, Enrollment, MemoryModel, ReviewLog
from quizzes.selectors import decks_counts
from quizzes.services.memory_model import memory_model_fit

logger = logging.getLogger(__name__)


def digest_recipients(now: datetime, hour: int) -> list[tuple[User, int]]:
    """Users whose local time is ``hour`` now, with the cards they have to study today.

    The count is the dashboard's (``decks_counts``: what the daily limits let
    through), so the email and the page it links to say the same number.
    """
    candidates = (
        User.objects.filter(email_notifications=True, is_active=True)
        .exclude(email="")
        .filter(
            Exists(Card.objects.filter(live_q("question__"), user=OuterRef("pk"), due__lte=now))
        )
    )
    chosen = []
    for user in candidates:
        if now.astimezone(scheduling.user_zone(user.timezone)).hour != hour:
            continue
        enrollments = list(Enrollment.objects.filter(user=user))
        due = sum(c.studyable for c in decks_counts(user, enrollments, now).values())
        if due:
            chosen.append((user, due))
    return chosen


@shared_task(name="quizzes.tasks.send_daily_digest")
def send_daily_digest(now_iso: str | None = None) -> int:
    """Runs hourly from beat; each user hears once a day, at DIGEST_LOCAL_HOUR local."""
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    link = settings.SITE_URL + reverse("quizzes:dashboard")
    sent = 0
    for user, due in digest_recipients(now, settings.DIGEST_LOCAL_HOUR):
        sent += send_templated(
            "digest", to=user.email, context={"user": user, "due": due, "link": link}
        )
    logger.info("daily digest sent to %d users", sent)
    return sent


def memory_model_candidates(now: datetime) -> list[int]:
    """Users with enough reviews and, since their last fit, enough new ones."""
    logs = ReviewLog.objects.filter(undone_at__isnull=True, reviewed_at__lte=now)
    fitted = dict(MemoryModel.objects.values_list("user_id", "fitted_at"))
    totals = (
        logs.values("user_id")
        .annotate(n=Count("id"))
        .filter(n__gte=settings.MEMORY_MODEL_MIN_REVIEWS)
        .values_list("user_id", flat=True)
    )
    chosen = []
    for user_id in totals:
        since = fitted.get(user_id)
        if since is None or (
            logs.filter(user_id=user_id, reviewed_at__gt=since).count()
            >= settings.MEMORY_MODEL_REFIT_AFTER
        ):
            chosen.append(user_id)
    return chosen


@shared_task(name="quizzes.tasks.fit_memory_models")
def fit_memory_models(now_iso: str | None = None) -> int:
    """Weekly from beat: refit the memory model of each student with enough new reviews."""
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    fitted = 0
    for user in User.objects.filter(pk__in=memory_model_candidates(now)):
        try:
            memory_model_fit(user=user, now=now)
        except memory_model.NotEnoughReviews as exc:
            logger.info("memory model for user %s not fitted: %s", user.pk, exc)
            continue
        fitted += 1
    logger.info("memory models fitted for %d users", fitted)
    return fitted
