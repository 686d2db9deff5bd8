from pathlib import Path

import pytest

from tests.services import CHROMIUM, chromium_available, need

# The demo admin publishes the drafts scoring at least this, as `make demo` does
# (the Makefile's DEMO_MIN_SCORE; tests/test_make_demo.py checks they agree).
DEMO_MIN_SCORE = "0.45"

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    need(chromium_available(), f"Chromium is not installed at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Every browser test doubles as a CSP check: a refused script, style or
    # eval shows up in the console, and fails the test that caused it.
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(f"{page.url}: {message.text}")
        if "Content Security Policy" in message.text
        else None,
    )
    yield page
    context.close()
    assert not violations, f"CSP violations: {violations}"


@pytest.fixture
def screenshot(page):
    """Save a full-page PNG under test-artifacts/screenshots/ for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str, target=None) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        (target or page).screenshot(path=str(path), full_page=True)
        return path

    return take


def log_in(page, live_server, role: str) -> None:
    """Log a demo account in through the form and wait until the redirect lands."""
    from accounts.demo import DEMO_ACCOUNTS

    account = next(a for a in DEMO_ACCOUNTS if a.role == role)
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(account.username)
    page.get_by_label("Password").fill(account.password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.wait_for_load_state("load")


def answer_and_rate(page, typed: str = "not sure") -> None:
    """Answer the study card on screen by keyboard, whatever its kind, and confirm the rating."""
    if page.locator("#study input#answer").count():
        page.keyboard.type(typed)
        page.keyboard.press("Enter")
    elif page.locator("#study [data-choice-key]").count():
        page.keyboard.press("1")
    else:
        page.keyboard.press("Enter")
    page.wait_for_selector("#study [data-rating-form]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#study [data-rating-form]", state="detached")
