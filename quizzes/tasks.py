"""The daily digest of due cards, by email."""

from __future__ import annotations

import logging
from datetime import datetime

from celery import shared_task
from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from accounts.emails import send_templated
from accounts.models import User
from content.models import live_q
from quizzes import scheduling

logger = logging.getLogger(__name__)


def digest_recipients(now: datetime, hour: int) -> list[tuple[User, int]]:
    """Users whose local time is ``hour`` now and who have cards due, with the count."""
    rows = (
        User.objects.filter(email_notifications=True, is_active=True)
        .exclude(email="")
        .annotate(
            due=Count(
                "cards",
                filter=Q(cards__due__lte=now) & live_q("cards__question__"),
            )
        )
        .filter(due__gt=0)
    )
    chosen = []
    for user in rows:
        if now.astimezone(scheduling.user_zone(user.timezone)).hour == hour:
            chosen.append((user, user.due))
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
