"""Decks in and out, and the memory model, as people use them in the browser."""

import io
import sqlite3
import zipfile

import pytest

from accounts.demo import demo_accounts_create
from accounts.models import User
from quizzes.models import Card, MemoryModel, ReviewLog
from quizzes.services.decks import enrollment_create
from tests.browser.conftest import log_in
from tests.factories import DeckFactory, QuestionFactory
from tests.quizzes.test_interop_anki_history import AnkiDeck
from tests.quizzes.test_interop_memory_model import forgetful_student, simulated_reviews
from tests.quizzes.test_memory_model_service import _log

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GIFT = """// Written for this test in GIFT's documented shapes.
::capital-of-france:: Which city is the capital of France? {=Paris ~Lyon ~Marseille}

::treaty-of-ghent:: In what year was the Treaty of Ghent signed? {#1814}

::ghent-ended:: The Treaty of Ghent ended the War of 1812. {T}
"""


def test_a_student_exports_a_deck_to_an_anki_package_from_the_deck_page(
    live_server, page, screenshot, tmp_path
):
    demo_accounts_create()
    student = User.objects.get(username="student")
    deck = DeckFactory(title="Treaties", questions=QuestionFactory.create_batch(3))
    enrollment_create(user=student, deck=deck)
    log_in(page, live_server, "student")
    page.goto(f"{live_server.url}{deck.get_absolute_url()}")
    page.get_by_text("Export", exact=True).click()
    screenshot("student-deck-export")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Anki package (.apkg)").click()
    download = download_info.value
    assert download.suggested_filename == "treaties.apkg"
    data = open(download.path(), "rb").read()
    assert zipfile.is_zipfile(io.BytesIO(data))
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert "collection.anki2" in archive.namelist()
    collection = tmp_path / "collection.anki2"
    collection.write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(collection)
    try:
        fronts = [flds.split("\x1f")[0] for (flds,) in db.execute("SELECT flds FROM notes")]
    finally:
        db.close()
    assert sorted(fronts) == sorted(q.prompt for q in deck.questions.all())


def test_a_teacher_imports_a_gift_file_and_sees_the_drafts(
    live_server, page, screenshot, tmp_path
):
    demo_accounts_create()
    path = tmp_path / "treaties.gift"
    path.write_text(GIFT, encoding="utf-8")
    log_in(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teach/decks/")
    page.get_by_role("link", name="Import a deck").click()
    page.get_by_role("heading", name="Import a deck").wait_for()
    page.get_by_label("File").set_input_files(str(path))
    page.get_by_label("Title").fill("Treaties from Moodle")
    page.get_by_role("button", name="Import").click()
    page.get_by_role("heading", name="Draft questions").wait_for()
    drafts = page.locator("section[aria-labelledby=drafts]")
    assert drafts.locator("#draft-count").inner_text() == "3 drafts left to review"
    prompts = drafts.locator("textarea[name=prompt]")
    answers = drafts.locator("input[name=answer]")
    found = {prompts.nth(i).input_value(): answers.nth(i).input_value() for i in range(3)}
    assert found == {
        "Which city is the capital of France?": "Paris",
        "In what year was the Treaty of Ghent signed?": "1814",
        "The Treaty of Ghent ended the War of 1812.": "True",
    }
    assert page.get_by_text("“Treaties from Moodle”: 3 new, 0 updated.").is_visible()
    screenshot("teacher-gift-import-drafts")


def test_the_profile_shows_the_memory_model_after_a_fit(live_server, page, screenshot, settings):
    settings.MEMORY_MODEL_MIN_REVIEWS = 400
    demo_accounts_create()
    student = User.objects.get(username="student")
    _log(student, simulated_reviews(forgetful_student(), cards=60))
    log_in(page, live_server, "student")
    page.goto(f"{live_server.url}/accounts/profile/")
    page.get_by_text("Memory model: not fitted yet.").wait_for()
    page.get_by_role("button", name="Fit my memory model").click()
    page.get_by_text("Memory model: fitted on").wait_for()
    model = MemoryModel.objects.get(user=student)
    line = (f"Memory model: fitted on 540 reviews, log loss {model.log_loss_before:.3f} → "
            f"{model.log_loss_after:.3f}")
    assert page.get_by_text(line).is_visible()
    assert model.log_loss_after < model.log_loss_before
    screenshot("profile-memory-model")


def test_a_student_moving_from_anki_brings_their_deck_and_keeps_their_history(
    live_server, page, screenshot, tmp_path
):
    demo_accounts_create()
    anki = AnkiDeck(tmp_path)
    try:
        path = tmp_path / "my-french.apkg"
        path.write_bytes(anki.export(path.name))
    finally:
        anki.col.close()
    log_in(page, live_server, "student")
    page.get_by_role("link", name="Decks").first.click()
    page.get_by_role("link", name="Bring your deck from Anki").click()
    page.get_by_label("File").set_input_files(str(path))
    assert page.get_by_label("Keep my Anki review history").is_checked()
    screenshot("student-anki-import")
    page.get_by_role("button", name="Import").click()
    page.get_by_text("13 reviews of 3 cards kept").wait_for()
    screenshot("student-anki-import-done")
    student = User.objects.get(username="student")
    assert ReviewLog.objects.filter(user=student).count() == 13
    assert Card.objects.filter(user=student, last_review__isnull=False).count() == 3
