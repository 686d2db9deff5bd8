"""Email notices: a new assignment, and the daily digest of due cards."""

from __future__ import annotations

import logging
import zoneinfo
from datetime import datetime

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from quizzes.models import Assignment
from quizzes.selectors import LIVE_STATUSES

logger = logging.getLogger(__name__)


@shared_task(name="quizzes.tasks.send_assignment_notice")
def send_assignment_notice(assignment_id: int) -> int:
    """Tell each member of the class about a new assignment. Returns emails sent."""
    assignment = (
        Assignment.objects.select_related("classroom", "deck", "classroom__teacher")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        return 0
    students = User.objects.filter(
        memberships__classroom=assignment.classroom, email_notifications=True
    ).exclude(email="")
    link = settings.SITE_URL + reverse("quizzes:deck", args=[assignment.deck_id])
    sent = 0
    for student in students:
        body = render_to_string(
            "quizzes/email/assignment.txt",
            {"student": student, "assignment": assignment, "link": link},
        )
        sent += send_mail(
            f"New assignment: {assignment.deck.title}",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [student.email],
            fail_silently=False,
        )
    return sent


def digest_recipients(now: datetime, hour: int) -> list[tuple[User, int]]:
    """Users whose local time is ``hour`` now and who have cards due, with the count."""
    rows = (
        User.objects.filter(email_notifications=True, is_active=True)
        .exclude(email="")
        .annotate(
            due=Count(
                "cards",
                filter=Q(
                    cards__due__lte=now,
                    cards__question__status__in=LIVE_STATUSES,
                ),
            )
        )
        .filter(due__gt=0)
    )
    chosen = []
    for user in rows:
        try:
            local = now.astimezone(zoneinfo.ZoneInfo(user.timezone or "UTC"))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            local = now
        if local.hour == hour:
            chosen.append((user, user.due))
    return chosen


@shared_task(name="quizzes.tasks.send_daily_digest")
def send_daily_digest(now_iso: str | None = None) -> int:
    """Runs hourly from beat; each user hears once a day, at DIGEST_LOCAL_HOUR local."""
    now = datetime.fromisoformat(now_iso) if now_iso else timezone.now()
    link = settings.SITE_URL + reverse("quizzes:dashboard")
    sent = 0
    for user, due in digest_recipients(now, settings.DIGEST_LOCAL_HOUR):
        body = render_to_string(
            "quizzes/email/digest.txt", {"user": user, "due": due, "link": link}
        )
        sent += send_mail(
            f"{due} card{'s' if due != 1 else ''} due today on Recall",
            body,
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
    logger.info("daily digest sent to %d users", sent)
    return sent
