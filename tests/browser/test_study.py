"""A student studies in a real Chromium, with the keyboard only."""

import pytest
from django.core.management import call_command

from accounts.demo import demo_accounts_create
from quizzes.models import Deck, ReviewLog
from tests.browser.conftest import DEMO_MIN_SCORE, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = "demo/second_sino_japanese_war.txt"


@pytest.fixture
def seeded(settings):
    demo_accounts_create()
    call_command("import_documents", SEED, "--user", "admin")
    # As `make demo` does: the demo admin publishes the drafts a teacher would.
    call_command("publish_drafts", "--all", "--min-score", DEMO_MIN_SCORE)
    call_command("build_decks", "--all", "--publish")
    return Deck.objects.filter(visibility="public").order_by("-pk").first()


def test_the_demo_student_studies_five_cards_with_the_keyboard(
    live_server, page, screenshot, seeded
):
    deck = max(Deck.objects.filter(visibility="public"), key=lambda d: d.entries.count())
    log_in(page, live_server, "student")
    page.goto(f"{live_server.url}/decks/{deck.pk}/")
    page.get_by_role("button", name="Enrol and start").click()  # straight to the first card
    page.wait_for_selector("#study form[data-study-form]")
    screenshot("study-front")

    for number in range(5):
        page.wait_for_selector("#study form[data-study-form]")
        if page.locator("#study input#answer").count():
            page.keyboard.type("not sure")  # the answer box has the focus
            page.keyboard.press("Enter")
        elif page.locator("#study [data-choice-key]").count():
            page.keyboard.press("1")  # the first option
        else:
            page.keyboard.press("Enter")  # a timeline: "Check order" has the focus
        page.wait_for_selector("#study [data-rating-form]")
        if number == 0:
            screenshot("study-back")
        page.keyboard.press("Enter")  # confirm the pre-selected rating
        page.wait_for_selector("#study [data-rating-form]", state="detached")

    assert ReviewLog.objects.filter(user__username="student").count() == 5
    page.goto(f"{live_server.url}/dashboard/")
    assert page.get_by_role("heading", name="Reviews in the last year").is_visible()
    assert "5" in page.locator(".stats-row").inner_text()
    screenshot("dashboard")


def test_the_study_page_has_no_horizontal_scroll_on_a_phone(browser, live_server, seeded):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    try:
        log_in(page, live_server, "student")
        page.goto(f"{live_server.url}/decks/{seeded.pk}/")
        page.get_by_role("button", name="Enrol and start").click()
        page.goto(f"{live_server.url}/decks/{seeded.pk}/study/")
        page.wait_for_selector("#study")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        page.screenshot(path=str(_phone_path()), full_page=True)
        assert overflow <= 0
    finally:
        context.close()


def _phone_path():
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / "study-phone.png"
