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


def _announce(classroom, body="Quiz on Friday."):
    from teaching import services

    return services.announcement_post(teacher=classroom.teacher, classroom=classroom, body=body)


def test_a_teacher_edits_their_announcement_and_students_see_the_new_text_without_an_email(
    client, classroom, django_capture_on_commit_callbacks
):
    student = MembershipFactory(classroom=classroom).student
    announcement = _announce(classroom)
    client.force_login(classroom.teacher)
    assert "Edit or delete" in client.get(
        reverse("teaching:class_detail", args=[classroom.pk])
    ).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("teaching:announcement_edit", args=[announcement.pk]),
            {"body": "Quiz moved to Monday."}, follow=True,
        )
    assert "It is not emailed again." in response.content.decode()
    assert not mail.outbox
    client.force_login(student)
    html = client.get(reverse("quizzes:dashboard")).content.decode()
    assert "Quiz moved to Monday." in html and "Quiz on Friday." not in html


def test_a_teacher_deletes_their_announcement_and_it_leaves_the_dashboards(client, classroom):
    student = MembershipFactory(classroom=classroom).student
    announcement = _announce(classroom)
    client.force_login(classroom.teacher)
    response = client.post(reverse("teaching:announcement_delete", args=[announcement.pk]),
                           follow=True)
    assert "students no longer see it" in response.content.decode()
    assert not Announcement.objects.exists()
    client.force_login(student)
    assert "Quiz on Friday." not in client.get(reverse("quizzes:dashboard")).content.decode()


@pytest.mark.parametrize("body", ["", "   ", "x" * 501])
def test_an_empty_or_too_long_edit_is_refused_and_the_text_stays(client, classroom, body):
    announcement = _announce(classroom)
    client.force_login(classroom.teacher)
    response = client.post(reverse("teaching:announcement_edit", args=[announcement.pk]),
                           {"body": body})
    assert response.status_code == 400
    assert "The announcement was not changed" in response.content.decode()
    announcement.refresh_from_db()
    assert announcement.body == "Quiz on Friday."


def test_another_teacher_can_neither_edit_nor_delete_an_announcement(client, classroom):
    from tests.factories import TeacherFactory

    announcement = _announce(classroom)
    client.force_login(TeacherFactory())
    edit = reverse("teaching:announcement_edit", args=[announcement.pk])
    delete = reverse("teaching:announcement_delete", args=[announcement.pk])
    assert client.post(edit, {"body": "Hacked"}).status_code == 404
    assert client.post(delete).status_code == 404
    assert client.post(reverse("teaching:announcement_edit", args=[999_999]),
                       {"body": "x"}).status_code == 404
    client.force_login(StudentFactory())
    assert client.post(delete).status_code in (302, 403)
    announcement.refresh_from_db()
    assert announcement.body == "Quiz on Friday."
