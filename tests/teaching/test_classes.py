"""Classes, join codes, assignments and notices: services and their pages."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Card, Enrollment
from quizzes.services.decks import enrollment_create
from quizzes.tasks import send_daily_digest
from teaching import classrooms
from teaching import services as teaching
from teaching.models import JOIN_CODE_ALPHABET, Assignment, Classroom, Membership
from tests.factories import (
    AssignmentFactory,
    ClassroomFactory,
    MembershipFactory,
    StudentFactory,
    TeacherFactory,
    deck_with_questions,
)

pytestmark = pytest.mark.django_db


def test_a_new_class_gets_a_short_unambiguous_code():
    classroom = classrooms.classroom_create(teacher=TeacherFactory(), name="  Year 9 History ")
    assert classroom.name == "Year 9 History"
    assert len(classroom.code) == 6
    assert set(classroom.code) <= set(JOIN_CODE_ALPHABET)
    assert not set(classroom.code) & set("0O1IL")


def test_students_cannot_create_classes_and_names_are_required():
    with pytest.raises(PermissionError):
        classrooms.classroom_create(teacher=StudentFactory(), name="Mine")
    with pytest.raises(ValueError):
        classrooms.classroom_create(teacher=TeacherFactory(), name="   ")


def test_joining_by_code_forgives_case_and_spaces_and_is_idempotent():
    classroom = ClassroomFactory(code="ABC234")
    student = StudentFactory()
    membership, created = classrooms.classroom_join(student=student, code=" abc-234 ")
    assert created and membership.classroom == classroom
    again, created_again = classrooms.classroom_join(student=student, code="ABC234")
    assert again == membership and not created_again
    assert Membership.objects.count() == 1


@pytest.mark.parametrize(
    ("code", "message"),
    [("", "Enter the class code"), ("ZZZZZZ", "No class has the code ZZZZZZ")],
)
def test_a_bad_code_says_what_is_wrong(code, message):
    with pytest.raises(classrooms.JoinError, match=message):
        classrooms.classroom_join(student=StudentFactory(), code=code)


def test_archived_classes_and_teachers_cannot_be_joined():
    archived = ClassroomFactory(code="ARCH22", archived=True)
    with pytest.raises(classrooms.JoinError, match="archived"):
        classrooms.classroom_join(student=StudentFactory(), code=archived.code)
    open_class = ClassroomFactory(code="OPEN22")
    with pytest.raises(classrooms.JoinError, match="Only student"):
        classrooms.classroom_join(student=TeacherFactory(), code=open_class.code)


def test_rotating_the_code_stops_the_old_one_and_keeps_members():
    membership = MembershipFactory()
    classroom = membership.classroom
    old = classroom.code
    classrooms.classroom_rotate_code(classroom=classroom)
    assert classroom.code != old
    with pytest.raises(classrooms.JoinError):
        classrooms.classroom_join(student=StudentFactory(), code=old)
    assert classroom.memberships.count() == 1


def test_assigning_a_deck_enrolls_members_and_emails_them(django_capture_on_commit_callbacks):
    classroom = ClassroomFactory()
    quiet = StudentFactory(email_notifications=False)
    loud = StudentFactory()
    for student in (quiet, loud):
        MembershipFactory(classroom=classroom, student=student)
    deck = deck_with_questions(4)
    with django_capture_on_commit_callbacks(execute=True):
        assignment = teaching.assignment_create(
            teacher=classroom.teacher,
            classroom=classroom,
            deck=deck,
            due_at=timezone.now() + timedelta(days=3),
            note="Chapters 1-2",
        )
    assert Enrollment.objects.filter(deck=deck).count() == 2
    assert Card.objects.filter(question__deck_entries__deck=deck).count() == 8
    assert [m.to for m in mail.outbox] == [[loud.email]]
    assert deck.title in mail.outbox[0].subject
    assert "Chapters 1-2" in mail.outbox[0].body
    # The same deck twice while the first is open is refused, with a reason.
    with pytest.raises(ValueError, match="already assigned"):
        teaching.assignment_create(
            teacher=classroom.teacher,
            classroom=classroom,
            deck=deck,
            due_at=timezone.now() + timedelta(days=3),
        )
    teaching.assignment_close(assignment=assignment)
    assert not assignment.is_open


def test_a_teacher_cannot_assign_another_teachers_private_deck():
    classroom = ClassroomFactory()
    private = deck_with_questions(2, owner=TeacherFactory(), visibility="private")
    with pytest.raises(PermissionError):
        teaching.assignment_create(
            teacher=classroom.teacher,
            classroom=classroom,
            deck=private,
            due_at=timezone.now() + timedelta(days=1),
        )


def test_joining_later_enrolls_in_open_assignments():
    assignment = AssignmentFactory(deck=deck_with_questions(3))
    student = StudentFactory()
    classrooms.classroom_join(student=student, code=assignment.classroom.code)
    assert Enrollment.objects.filter(user=student, deck=assignment.deck).exists()
    assert Card.objects.filter(user=student).count() == 3


def test_the_daily_digest_reaches_users_at_their_local_morning_only():
    deck = deck_with_questions(2)
    tokyo = StudentFactory(timezone="Asia/Tokyo")
    london = StudentFactory(timezone="Europe/London")
    off = StudentFactory(timezone="Asia/Tokyo", email_notifications=False)
    for user in (tokyo, london, off):
        enrollment_create(user=user, deck=deck)
    # 22:00 UTC is 07:00 the next morning in Tokyo.
    at = timezone.now().replace(hour=22, minute=0, second=0, microsecond=0) + timedelta(days=1)
    sent = send_daily_digest(at.isoformat())
    assert sent == 1
    assert mail.outbox[0].to == [tokyo.email]
    assert "2 cards due" in mail.outbox[0].subject


def test_the_assigned_deck_comes_first_on_the_dashboard_with_its_due_date(client):
    student = StudentFactory()
    other = deck_with_questions(2, title="Aardvarks")
    enrollment_create(user=student, deck=other)
    assignment = AssignmentFactory(deck=deck_with_questions(2, title="Zulu War"))
    classrooms.classroom_join(student=student, code=assignment.classroom.code)
    client.force_login(student)
    response = client.get(reverse("quizzes:dashboard"))
    titles = [d["deck"].title for d in response.context["decks"]]
    assert titles == ["Zulu War", "Aardvarks"]
    html = response.content.decode()
    assert "assigned" in html and assignment.classroom.name in html


def test_the_teacher_creates_a_class_and_assigns_a_deck_through_the_pages(client):
    teacher = TeacherFactory()
    deck = deck_with_questions(3)
    client.force_login(teacher)
    response = client.post(reverse("teaching:class_list"), {"name": "7B"}, follow=True)
    classroom = Classroom.objects.get(teacher=teacher)
    page = response.content.decode()
    assert classroom.code in page and "<svg" in page  # the code and its QR code
    due = (timezone.localtime() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("teaching:assignment_create", args=[classroom.pk]),
        {"deck": deck.pk, "due_at": due, "goal": "studied", "goal_percent": 80},
        follow=True,
    )
    assert Assignment.objects.filter(classroom=classroom, deck=deck).exists()
    assert "is assigned" in response.content.decode()


def test_a_due_date_in_the_past_is_refused_with_a_message(client):
    classroom = ClassroomFactory()
    deck = deck_with_questions(1)
    client.force_login(classroom.teacher)
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("teaching:assignment_create", args=[classroom.pk]),
        {"deck": deck.pk, "due_at": past, "goal": "studied", "goal_percent": 80},
    )
    assert response.status_code == 400
    assert "must be in the future" in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_student_joins_by_link_after_confirming(client):
    classroom = ClassroomFactory(code="LINK22")
    student = StudentFactory()
    client.force_login(student)
    url = reverse("teaching:join_link", args=["link22"])
    assert classroom.name in client.get(url).content.decode()
    assert not Membership.objects.exists()  # a GET never joins
    client.post(url)
    assert Membership.objects.filter(classroom=classroom, student=student).exists()


def test_the_join_form_shows_the_error_for_a_wrong_code(client):
    client.force_login(StudentFactory())
    response = client.post(reverse("teaching:join"), {"code": "NOPE99"}, follow=True)
    assert "No class has the code NOPE99" in response.content.decode()


def test_a_removed_student_loses_the_class_private_deck_but_keeps_other_decks(client):
    classroom = ClassroomFactory()
    teacher = classroom.teacher
    student = StudentFactory()
    MembershipFactory(classroom=classroom, student=student)
    private = deck_with_questions(2, owner=teacher, visibility="private")
    shared = deck_with_questions(2, owner=teacher, visibility="private")
    public = deck_with_questions(2)
    other_class = ClassroomFactory(teacher=teacher)
    MembershipFactory(classroom=other_class, student=student)
    for deck in (private, shared, public):
        teaching.assignment_create(
            teacher=teacher, classroom=classroom, deck=deck,
            due_at=timezone.now() + timedelta(days=3), notify=False,
        )
    teaching.assignment_create(
        teacher=teacher, classroom=other_class, deck=shared,
        due_at=timezone.now() + timedelta(days=3), notify=False,
    )
    client.force_login(teacher)
    client.post(reverse("teaching:class_remove_student", args=[classroom.pk, student.pk]))

    client.force_login(student)
    assert client.get(reverse("quizzes:deck", args=[private.pk])).status_code == 404
    assert client.get(reverse("quizzes:deck", args=[shared.pk])).status_code == 200
    assert client.get(reverse("quizzes:deck", args=[public.pk])).status_code == 200
    assert Card.objects.filter(user=student).exists()  # their history stays


def test_a_new_user_who_follows_a_class_link_signs_up_and_lands_in_the_class(client):
    classroom = ClassroomFactory(code="QRJOIN")
    join_url = reverse("teaching:join_link", args=["QRJOIN"])
    login_page = client.get(join_url, follow=True)
    html = login_page.content.decode()
    signup_url = reverse("accounts:signup") + "?next=" + quote(join_url)
    assert f'href="{signup_url}"' in html  # "Create a student account" keeps the class

    signup_page = client.get(signup_url).content.decode()
    assert f'name="next" value="{join_url}"' in signup_page
    response = client.post(
        signup_url,
        {
            "username": "newbie", "email": "newbie@example.com", "first_name": "New",
            "password1": "a-long-pass-phrase-42", "password2": "a-long-pass-phrase-42",
            "next": join_url,
        },
    )
    assert response.url == join_url
    assert classroom.name in client.get(join_url).content.decode()
    client.post(join_url)
    assert Membership.objects.filter(classroom=classroom, student__username="newbie").exists()


def test_sign_up_ignores_a_next_page_on_another_site(client):
    response = client.post(
        reverse("accounts:signup") + "?next=https://evil.example/",
        {
            "username": "careful", "email": "careful@example.com",
            "password1": "a-long-pass-phrase-42", "password2": "a-long-pass-phrase-42",
            "next": "https://evil.example/",
        },
    )
    assert response.url == reverse("home")


def test_a_removed_student_no_longer_studies_the_classs_private_deck(client):
    classroom = ClassroomFactory()
    private = deck_with_questions(2, visibility="private", owner=classroom.teacher)
    assignment = AssignmentFactory(classroom=classroom, deck=private)
    student = MembershipFactory(classroom=classroom).student
    teaching.enroll_in_assignments(student=student, classroom=classroom)
    public = deck_with_questions(1, visibility="public")
    AssignmentFactory(classroom=classroom, deck=public, created_by=classroom.teacher)
    enrollment_create(user=student, deck=public)

    client.force_login(classroom.teacher)
    client.post(reverse("teaching:class_remove_student", args=[classroom.pk, student.pk]))

    assert not Enrollment.objects.filter(user=student, deck=assignment.deck).exists()
    assert Enrollment.objects.filter(user=student, deck=public).exists()  # theirs to keep
    assert Card.objects.filter(user=student).count() == 3  # history stays
    client.force_login(student)
    study = client.get(reverse("quizzes:study", args=[assignment.deck.pk]))
    assert study.status_code == 404


def test_removal_keeps_a_deck_another_of_the_students_classes_assigns():
    assignment = AssignmentFactory(deck=deck_with_questions(1, visibility="private"))
    student = MembershipFactory(classroom=assignment.classroom).student
    other = AssignmentFactory(deck=assignment.deck)
    MembershipFactory(classroom=other.classroom, student=student)
    teaching.enroll_in_assignments(student=student, classroom=assignment.classroom)
    classrooms.membership_remove(classroom=assignment.classroom, student_id=student.pk)
    assert Enrollment.objects.filter(user=student, deck=assignment.deck).exists()


def test_the_student_sees_the_assignments_goal_on_the_dashboard(client):
    assignment = AssignmentFactory(goal="mastery", goal_percent=80)
    student = MembershipFactory(classroom=assignment.classroom).student
    teaching.enroll_in_assignments(student=student, classroom=assignment.classroom)
    client.force_login(student)
    assert "Goal: Mastery ≥ 80%" in client.get(reverse("quizzes:dashboard")).content.decode()


def test_a_student_in_a_class_with_nothing_assigned_is_told_so_not_to_join_a_class(client):
    membership = MembershipFactory(classroom=ClassroomFactory(name="9C History"))
    client.force_login(membership.student)
    html = client.get(reverse("quizzes:dashboard")).content.decode()
    assert "You are in <strong>9C History</strong>. It has nothing assigned yet" in html
    assert "join your class" not in html


def test_a_student_in_no_class_and_no_deck_is_offered_to_join_one(client):
    client.force_login(StudentFactory())
    html = client.get(reverse("quizzes:dashboard")).content.decode()
    assert "join your class" in html and "nothing assigned yet" not in html
