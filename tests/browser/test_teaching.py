"""A teacher sets up a class; a student joins and studies; the teacher sees it."""

import pytest
from django.core.management import call_command

from accounts.demo import demo_accounts_create
from quizzes.models import Deck, ReviewLog
from teaching.models import Classroom
from tests.browser.conftest import DEMO_MIN_SCORE, answer_and_rate, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = "demo/second_sino_japanese_war.txt"


@pytest.fixture
def seeded():
    demo_accounts_create()
    call_command("import_documents", SEED, "--user", "admin")
    # As `make demo` does: the demo admin publishes the drafts a teacher would.
    call_command("publish_drafts", "--all", "--min-score", DEMO_MIN_SCORE)
    call_command("build_decks", "--all", "--publish")
    return max(Deck.objects.filter(visibility="public"), key=lambda d: d.entries.count())


def test_teacher_assigns_student_joins_and_studies_teacher_sees_progress(
    browser, live_server, seeded, screenshot, page
):
    deck = seeded
    # 1. The teacher creates a class and assigns a seed deck.
    log_in(page, live_server, "teacher")
    page.get_by_role("link", name="Classes").first.click()
    page.get_by_label("Class name").fill("9C History")
    page.get_by_role("button", name="Create class").click()
    page.get_by_role("heading", name="9C History").wait_for()
    code = Classroom.objects.get(name="9C History").code
    page.get_by_label("Deck", exact=True).select_option(str(deck.pk))
    page.get_by_label("Due", exact=True).fill("2099-06-01T09:00")
    page.get_by_role("button", name="Assign").click()
    page.get_by_text("is assigned").wait_for()
    screenshot("teacher-class")

    # 2. The student joins by code and studies three cards.
    student_context = browser.new_context(viewport={"width": 1200, "height": 900})
    student = student_context.new_page()
    student.set_default_timeout(15_000)
    try:
        log_in(student, live_server, "student")
        student.get_by_role("link", name="Join a class").click()
        student.get_by_label("Class code").fill(code.lower())
        student.get_by_role("button", name="Join").click()
        student.get_by_text("You joined 9C History").wait_for()
        assert student.get_by_text("assigned").first.is_visible()
        student.goto(f"{live_server.url}/decks/{deck.pk}/study/")
        for _ in range(3):
            student.wait_for_selector("#study form[data-study-form]")
            answer_and_rate(student, "1937")
    finally:
        student_context.close()
    assert ReviewLog.objects.filter(user__username="student").count() == 3

    # 3. The teacher sees the student's progress in the grid.
    page.get_by_role("link", name="Progress grid").click()
    row = page.get_by_role("row").filter(has_text="Sam Student")
    assert f"3/{deck.entries.count()}" in row.inner_text()
    screenshot("teacher-progress-grid")
    page.get_by_role("link", name="items").first.click()
    page.get_by_role("heading", name="Item analysis").wait_for()
    screenshot("teacher-item-analysis")
