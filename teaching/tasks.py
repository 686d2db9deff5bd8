"""The assignment notice: each member of a class hears about a new assignment."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.emails import send_templated
from accounts.models import User
from accounts.queueing import enqueue
from teaching.models import Announcement, Assignment

# A notice still pending this long after its assignment was made was never
# queued (the broker was down) or its worker died: send it again.
NOTICE_GRACE = timedelta(minutes=5)


# The registered name predates the teaching app: messages already queued under
# it must still find this task after a deploy.
@shared_task(name="quizzes.tasks.send_assignment_notice", ignore_result=True)
def send_assignment_notice(assignment_id: int) -> int:
    """Tell each member of the class about a new assignment. Returns emails sent."""
    assignment = (
        Assignment.objects.select_related("classroom", "deck", "classroom__teacher")
        .filter(pk=assignment_id, notice_pending=True)
        .first()
    )
    if assignment is None:
        return 0  # gone, or already sent by an earlier delivery
    students = User.objects.filter(
        memberships__classroom=assignment.classroom, email_notifications=True
    ).exclude(email="")
    link = settings.SITE_URL + reverse("quizzes:deck", args=[assignment.deck_id])
    sent = 0
    for student in students:
        sent += send_templated(
            "assignment",
            to=student.email,
            context={"student": student, "assignment": assignment, "link": link},
        )
    # Cleared after sending: a crash midway sends some notices twice rather than none.
    Assignment.objects.filter(pk=assignment.pk).update(notice_pending=False)
    return sent


@shared_task(ignore_result=True)
def resend_assignment_notices() -> int:
    """Celery beat: queue the notices that never went out. Returns how many."""
    pending = Assignment.objects.filter(
        notice_pending=True, created_at__lt=timezone.now() - NOTICE_GRACE
    ).values_list("pk", flat=True)
    queued = 0
    for assignment_id in pending:
        if not enqueue(send_assignment_notice, assignment_id):
            break  # the broker is still down; the next round tries again
        queued += 1
    return queued


@shared_task
def send_announcement(announcement_id: int) -> int:
    """Email a class announcement to its students who have not turned these off."""
    announcement = (
        Announcement.objects.select_related("classroom", "author")
        .filter(pk=announcement_id)
        .first()
    )
    if announcement is None:
        return 0
    students = User.objects.filter(
        memberships__classroom=announcement.classroom, email_announcements=True
    ).exclude(email="")
    link = settings.SITE_URL + reverse("quizzes:dashboard")
    return sum(
        send_templated(
            "announcement",
            to=student.email,
            context={"student": student, "announcement": announcement, "link": link},
        )
        for student in students
    )
