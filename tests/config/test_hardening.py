"""Security headers, lockout and rate limits, seen from the outside."""

import pytest
from django.urls import reverse

from tests.factories import StudentFactory


@pytest.fixture(autouse=True)
def _fresh_counters():
    # Rate-limit and lockout counters live in the cache and the database; each
    # test starts from zero.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_every_page_has_a_strict_content_security_policy(client):
    response = client.get(reverse("accounts:login"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_htmx_is_configured_without_eval_or_injected_styles(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert '"allowEval": false' in html
    assert '"includeIndicatorStyles": false' in html
    assert "<script>" not in html  # only <script src=…> from our own static files


@pytest.mark.django_db
def test_signed_in_pages_are_never_cached(client):
    client.force_login(StudentFactory())
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    cache_control = response.headers["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control


@pytest.mark.django_db
def test_it_locks_a_username_after_five_wrong_passwords(client, settings):
    user = StudentFactory(username="pupil")
    user.set_password("right-password-123")
    user.save()
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "pupil", "password": "wrong"})
        assert response.status_code == 200
        assert "correct username and password" in response.content.decode()
    # The last allowed failure locks the pair.
    assert client.post(url, {"username": "pupil", "password": "wrong"}).status_code == 429
    # Locked: even the right password is refused, with a clear message.
    response = client.post(url, {"username": "pupil", "password": "right-password-123"})
    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_classmates_typos_do_not_lock_another_account_on_the_same_network(client, settings):
    StudentFactory(username="typist")
    other = StudentFactory(username="careful")
    other.set_password("careful-password-123")
    other.save()
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        client.post(url, {"username": "typist", "password": "wrong"})
    response = client.post(url, {"username": "careful", "password": "careful-password-123"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


@pytest.mark.django_db
def test_password_reset_requests_are_rate_limited_per_address(client):
    url = reverse("accounts:password_reset")
    for _ in range(5):
        assert client.post(url, {"email": "someone@example.com"}).status_code == 302
    response = client.post(url, {"email": "someone@example.com"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


@pytest.mark.django_db
def test_sign_up_is_rate_limited_per_network(client):
    url = reverse("accounts:signup")
    for _ in range(100):
        client.post(url, {"username": ""})
    response = client.post(url, {"username": ""})
    assert response.status_code == 429


@pytest.mark.django_db
def test_join_codes_are_rate_limited_per_student_across_both_join_pages(client):
    from tests.factories import ClassroomFactory, StudentFactory

    classroom = ClassroomFactory(code="RIGHT2")
    guesser = StudentFactory()
    client.force_login(guesser)
    for n in range(10):
        client.post(reverse("teaching:join"), {"code": f"WRONG{n}"})
        client.post(reverse("teaching:join_link", args=[f"WRONG{n}"]))
    response = client.post(reverse("teaching:join"), {"code": "RIGHT2"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not classroom.memberships.exists()
    # Another student on the same network is not held back.
    client.force_login(StudentFactory())
    assert client.post(reverse("teaching:join"), {"code": "RIGHT2"}).status_code == 302
