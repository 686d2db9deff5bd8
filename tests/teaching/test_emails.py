"""Notices render from templates/emails/: a one-line subject, a text and an HTML body."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from quizzes import stats
from quizzes.services.decks import enrollment_create
from quizzes.tasks import send_daily_digest
from teaching.tasks import send_assignment_notice
from tests.factories import AssignmentFactory, MembershipFactory, deck_with_questions

pytestmark = pytest.mark.django_db


def test_an_assignment_notice_keeps_its_subject_on_one_line_and_has_an_html_part():
    # A title with a line break must not spill into the mail headers.
    assignment = AssignmentFactory(deck=deck_with_questions(1, title="The Blitz\r\nBcc: x@y.z"))
    student = MembershipFactory(classroom=assignment.classroom).student
    assert send_assignment_notice(assignment.pk) == 1
    (message,) = mail.outbox
    assert message.to == [student.email]
    assert message.subject == "New assignment: The Blitz Bcc: x@y.z"
    assert "\n" not in message.subject and "\r" not in message.subject
    assert assignment.goal_text in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert assignment.classroom.name in html and "<html" in html


def test_the_digest_counts_what_the_dashboard_counts_and_has_an_html_part():
    student = MembershipFactory(student__timezone="UTC").student
    enrollment = enrollment_create(user=student, deck=deck_with_questions(3))
    enrollment.new_per_day = 2
    enrollment.save()
    at = (timezone.now() + timedelta(days=1)).replace(hour=7, minute=5)
    assert send_daily_digest(at.isoformat()) == 1
    # Three new cards, two allowed a day: the dashboard says 2 as well.
    assert stats.dashboard(student, at)["due_today"] == 2
    assert mail.outbox[0].subject == "2 cards due today on Recall"
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_a_deck_titled_with_cr_lf_through_the_builder_still_notifies_every_student(
    client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.factories import ClassroomFactory

    classroom = ClassroomFactory()
    students = [MembershipFactory(classroom=classroom).student for _ in range(2)]
    client.force_login(classroom.teacher)
    client.post(reverse("teaching:teacher_decks"), {"title": "x", "description": ""})
    deck = classroom.teacher.decks.get()
    deck.title = "Blitz\r\nBcc: everyone@example.com"  # as a crafted POST could leave it
    deck.save()
    deck.entries.create(question=deck_with_questions(1).entries.get().question, position=1)
    due = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("teaching:assignment_create", args=[classroom.pk]),
            {"deck": deck.pk, "due_at": due, "goal": "studied", "goal_percent": 80},
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in students)
    assert all(m.subject == "New assignment: Blitz Bcc: everyone@example.com" for m in mail.outbox)
    assert all(m.bcc == [] for m in mail.outbox)
