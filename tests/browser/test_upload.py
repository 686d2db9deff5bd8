"""A teacher uploads a document; a real Celery worker imports it while the page polls."""

import pytest

from accounts.demo import demo_accounts_create
from content.models import Document
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ESSAY = """# The Printing Press

Johannes Gutenberg introduced movable type printing to Europe around 1440.
The Gutenberg Bible was printed in Mainz in 1455.
By 1500, printing presses in Western Europe had produced more than twenty million volumes.
Martin Luther used printed pamphlets to spread the Reformation after 1517.
"""


def test_upload_shows_progress_then_drafts_then_publishes(
    live_server, page, screenshot, celery_worker, tmp_path
):
    demo_accounts_create()
    path = tmp_path / "printing.md"
    path.write_text(ESSAY, encoding="utf-8")
    log_in(page, live_server, "teacher")
    page.get_by_role("link", name="Upload", exact=True).click()
    page.get_by_label("File").set_input_files(str(path))
    page.get_by_role("button", name="Upload and import").click()
    page.get_by_role("status").first.wait_for()
    screenshot("teacher-upload-status")
    # htmx polls the status; when the worker is done the page reloads with drafts.
    page.get_by_role("heading", name="Draft questions").wait_for(timeout=60_000)
    document = Document.objects.get(source_name="printing.md")
    assert document.status == Document.Status.READY
    screenshot("teacher-upload-drafts")
    # The teacher publishes one draft by hand; it swaps in place, now published.
    draft = document.questions.filter(status="draft").order_by("-score", "id").first()
    if draft is not None:
        card = page.locator(f"#draft-{draft.pk}")
        card.get_by_role("button", name="Publish").click()
        card.get_by_text("Published.").wait_for()
        draft.refresh_from_db()
        assert draft.status == "approved"
    page.get_by_role("button", name="Make a deck of the published questions").click()

    page.get_by_role("heading", name="In this deck").wait_for()
    assert document.decks.get().entries.count() == document.questions.live().count() > 0


def test_a_bad_upload_says_why_in_the_page(live_server, page, tmp_path):
    demo_accounts_create()
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    log_in(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teach/upload/")
    page.get_by_label("File").set_input_files(str(path))
    page.get_by_role("button", name="Upload and import").click()
    assert page.get_by_role("alert").first.is_visible()
    assert not Document.objects.exists()
