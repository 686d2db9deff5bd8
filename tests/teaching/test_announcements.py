"""A teacher posts a short announcement; students see it and may turn off its emails."""

import pytest
from django.core import mail
from django.urls import reverse

from teaching.models import Announcement
from tests.factories import ClassroomFactory, MembershipFactory, StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def classroom():
    return ClassroomFactory(name="9C History")


def _post(client, classroom, body):
    client.force_login(classroom.teacher)
    return client.post(reverse("teaching:class_announce", args=[classroom.pk]), {"body": body},
                       follow=True)


def test_a_teacher_posts_an_announcement_that_students_see_on_their_dashboard(
    client, classroom, django_capture_on_commit_callbacks
):
    student = MembershipFactory(classroom=classroom).student
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, classroom, "Quiz on the Long March on Friday.")
    assert "Your announcement is posted to 9C History." in response.content.decode()
    assert "Quiz on the Long March on Friday." in response.content.decode()  # class page

    client.force_login(student)
    html = client.get(reverse("quizzes:dashboard")).content.decode()
    assert "From your teachers" in html and "Quiz on the Long March on Friday." in html
    (message,) = mail.outbox
    assert message.to == [student.email]
    assert message.subject == f"9C History: a message from {classroom.teacher.display_name}"
    assert message.alternatives  # an HTML part too


def test_a_student_who_turned_off_announcement_emails_still_sees_it_but_gets_no_email(
    client, classroom, django_capture_on_commit_callbacks
):
    MembershipFactory(classroom=classroom, student=StudentFactory(email_announcements=False))
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, classroom, "No class on Monday.")
    assert mail.outbox == []


def test_the_profile_offers_the_announcement_opt_out(client):
    student = StudentFactory()
    client.force_login(student)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "Email me my teachers&#x27; class announcements" in html


def test_students_of_other_classes_do_not_see_it(client, classroom):
    outsider = MembershipFactory().student
    _post(client, classroom, "Only for 9C.")
    client.force_login(outsider)
    assert "Only for 9C." not in client.get(reverse("quizzes:dashboard")).content.decode()


def test_an_over_long_or_empty_announcement_is_refused_with_a_message(client, classroom):
    response = _post(client, classroom, "x" * 501)
    assert response.status_code == 400
    assert "at most 500 characters" in response.content.decode()
    assert _post(client, classroom, "   ").status_code == 400
    assert not Announcement.objects.exists()


def test_another_teacher_cannot_post_to_the_class(client, classroom):
    other = ClassroomFactory().teacher
    client.force_login(other)
    url = reverse("teaching:class_announce", args=[classroom.pk])
    assert client.post(url, {"body": "Hi"}).status_code == 404
