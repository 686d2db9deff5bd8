import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, AdminFactory, StudentFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def test_it_signs_up_a_student_and_logs_them_in(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "mei",
            "first_name": "Mei",
            "email": "mei@example.com",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
        },
        follow=True,
    )
    user = User.objects.get(username="mei")
    assert user.role == User.Role.STUDENT
    assert not user.is_staff
    assert response.context["user"] == user
    assert "Welcome to Recall, Mei!" in response.content.decode()


def test_it_cannot_sign_up_as_a_teacher_by_posting_a_role(client):
    client.post(
        reverse("accounts:signup"),
        {
            "username": "sneaky",
            "email": "sneaky@example.com",
            "role": "teacher",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
        },
    )
    assert User.objects.get(username="sneaky").role == User.Role.STUDENT


def test_it_explains_why_a_sign_up_is_refused(client):
    StudentFactory(username="taken", email="taken@example.com")
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "Taken",
            "email": "TAKEN@example.com",
            "password1": "short",
            "password2": "other",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "That username is taken" in html
    assert "email already exists" not in html  # that would tell who is registered
    assert User.objects.count() == 1


def test_a_sign_up_with_a_registered_email_looks_like_any_other_and_warns_the_owner(
    client, django_capture_on_commit_callbacks
):
    owner = StudentFactory(username="ann", email="ann@example.com")

    def sign_up(username, email):
        client.logout()
        data = {"username": username, "email": email, "password1": "a-long-pass-phrase!",
                "password2": "a-long-pass-phrase!"}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("accounts:signup"), data, follow=True)

    fresh = sign_up("bea", "bea@example.com")
    taken = sign_up("mallory", "ANN@example.com")
    assert taken.redirect_chain == fresh.redirect_chain, taken.content.decode()[-3000:]
    assert "Welcome to Recall, bea!" in fresh.content.decode()
    assert "Welcome to Recall, mallory!" in taken.content.decode()
    assert "already" not in taken.content.decode()
    assert User.objects.get(username="mallory").email == ""  # no second owner of the address
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert "Someone tried to sign up" in mail.outbox[0].subject
    assert "ann" in mail.outbox[0].body


def test_the_profile_refuses_another_accounts_email_whatever_its_case(client):
    StudentFactory(email="ann@example.com")
    user = StudentFactory(email="me@example.com")
    client.force_login(user)
    data = {"first_name": "Li", "last_name": "", "email": "Ann@Example.com",
            "timezone": "UTC", "email_notifications": "on"}
    response = client.post(reverse("accounts:profile"), data)
    assert response.status_code == 200
    assert "Another account uses this email address" in response.content.decode()
    user.refresh_from_db()
    assert user.email == "me@example.com"
    data["email"] = "ME@example.com"  # one's own address, recased, is fine
    assert client.post(reverse("accounts:profile"), data).status_code == 302


def test_the_database_refuses_a_duplicate_email_whatever_its_case():
    from django.db import IntegrityError, transaction

    StudentFactory(email="ann@example.com")
    with pytest.raises(IntegrityError), transaction.atomic():
        StudentFactory(email="ANN@example.com")
    StudentFactory(email="")
    StudentFactory(email="")  # empty addresses are not addresses


def test_it_logs_in_and_out(client):
    StudentFactory(username="ana")
    response = client.post(
        reverse("accounts:login"), {"username": "ana", "password": PASSWORD}, follow=True
    )
    assert response.context["user"].is_authenticated
    response = client.post(reverse("accounts:logout"), follow=True)
    assert not response.context["user"].is_authenticated


def test_it_rejects_a_wrong_password_with_a_message(client):
    StudentFactory(username="ana")
    response = client.post(reverse("accounts:login"), {"username": "ana", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


@pytest.mark.parametrize(
    ("factory", "visible", "hidden"),
    [
        (
            StudentFactory,
            [">Progress<", ">Join a class<"],
            ["Curate content", ">Classes<", ">Upload<", ">Admin<"],
        ),
        (TeacherFactory, [">Classes<", ">Upload<"], ["Curate content", ">Admin<", "Join a class"]),
        (AdminFactory, ["Curate content", ">Admin<"], ["Join a class"]),
    ],
)
def test_the_navigation_shows_each_role_what_it_can_do(client, factory, visible, hidden):
    client.force_login(factory())
    html = client.get(reverse("home"), follow=True).content.decode()
    for text in visible:
        assert text in html
    for text in hidden:
        assert text not in html


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("factory", [StudentFactory, TeacherFactory])
def test_only_admins_can_open_the_admin(client, factory):
    client.force_login(factory())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_an_admin_can_make_a_teacher_in_the_django_admin(client):
    client.force_login(AdminFactory())
    student = StudentFactory()
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "make_teacher", "_selected_action": [student.pk]},
        follow=True,
    )
    assert response.status_code == 200
    student.refresh_from_db()
    assert student.role == User.Role.TEACHER
    assert not student.is_staff


def test_it_saves_the_profile_and_refuses_an_unknown_time_zone(client):
    user = StudentFactory()
    client.force_login(user)
    data = {"first_name": "Li", "last_name": "Wei", "email": "li@example.com",
            "timezone": "Mars/Olympus", "email_notifications": "on"}
    response = client.post(reverse("accounts:profile"), data)
    assert "Select a valid choice" in response.content.decode()
    data["timezone"] = "Asia/Tokyo"
    client.post(reverse("accounts:profile"), data)
    user.refresh_from_db()
    assert (user.first_name, user.timezone) == ("Li", "Asia/Tokyo")


def test_it_changes_the_password(client):
    user = StudentFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "n3w-pass-phrase!", "new_password2":
         "n3w-pass-phrase!"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("n3w-pass-phrase!")


def test_it_emails_a_working_password_reset_link(client):
    user = StudentFactory(email="reset@example.com")
    client.post(reverse("accounts:password_reset"), {"email": "reset@example.com"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    assert "Choose a new password" in response.content.decode()
    client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "fresh-pass-phrase-9", "new_password2": "fresh-pass-phrase-9"},
    )
    user.refresh_from_db()
    assert user.check_password("fresh-pass-phrase-9")


def test_the_base_page_has_landmarks_csrf_headers_and_vendored_htmx(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html and "<nav" in html and "<header" in html
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    assert "/static/django_htmx/htmx" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["p\u0430ul", "\u041caria"])
def test_sign_up_refuses_a_username_that_mixes_look_alike_alphabets(client, username):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": username,
            "first_name": "P",
            "email": "p@example.com",
            "password1": "a-long-enough-pass-123",
            "password2": "a-long-enough-pass-123",
        },
    )
    assert response.status_code == 200
    assert "mixes alphabets" in response.content.decode()
    assert not User.objects.filter(email="p@example.com").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["\u0418\u0432\u0430\u043d", "\u0141ukasz"])
def test_sign_up_accepts_a_name_written_in_one_alphabet(client, username):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": username,
            "first_name": "P",
            "email": "q@example.com",
            "password1": "a-long-enough-pass-123",
            "password2": "a-long-enough-pass-123",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="q@example.com").username == username


@pytest.mark.django_db
def test_sign_up_folds_full_width_letters_to_plain_ones(client):
    client.post(
        reverse("accounts:signup"),
        {
            "username": "\uff41\uff4e\uff4e\uff41",
            "first_name": "A",
            "email": "a@example.com",
            "password1": "a-long-enough-pass-123",
            "password2": "a-long-enough-pass-123",
        },
    )
    assert User.objects.get(email="a@example.com").username == "anna"
