import pytest

from accounts.demo import DEMO_ACCOUNTS, demo_accounts_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_demo_student_logs_in_through_the_login_page(live_server, page, screenshot):
    demo_accounts_create()
    student = next(a for a in DEMO_ACCOUNTS if a.role == "student")

    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    screenshot("login")
    page.get_by_label("Username").fill(student.username)
    page.get_by_label("Password").fill(student.password)
    page.get_by_role("button", name="Log in").click()

    # Students land where they study.
    page.wait_for_url(f"{live_server.url}/dashboard/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_role("button", name="Log out").is_visible()
    assert screenshot("student-home").stat().st_size > 0
