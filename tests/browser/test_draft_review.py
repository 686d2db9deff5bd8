"""A teacher reviews drafts with the keyboard (j/k, a, r); a question removed after
publishing leaves a student's study queue at once. Screenshots at 1280 and 375 px,
light and dark; axe on the draft page."""

import re

import pytest

from accounts.demo import demo_accounts_create
from accounts.models import User
from content.models import Question
from quizzes.services.decks import enrollment_create
from teaching import services as teaching
from tests.browser.axe import axe_violations, describe
from tests.browser.conftest import SCREENSHOTS, log_in
from tests.factories import (
    DeckFactory,
    DocumentFactory,
    FigureFactory,
    PassageFactory,
    QuestionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOOKS = [(1280, "light"), (1280, "dark"), (375, "light"), (375, "dark")]
TEXT = (
    "The Long March began in October 1934. The Red Army crossed the Xiang River in "
    "late 1934 and lost half its men. The march ended at Yan'an in October 1935."
)


def _context(browser, width, scheme):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, is_mobile=width < 500
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    csp: list[str] = []
    page.on(
        "console",
        lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return context, page, csp


def _focused(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def _wait_for_focus(page, element_id: str) -> None:
    # wait_for_function evaluates inside the page, which the CSP refuses.
    for _ in range(300):  # 15 s: the machine running the tests may be busy
        if _focused(page) == element_id:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"#{element_id} never got the focus; {_focused(page)} has it")


def _shoot(page, name, width, scheme):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)
    found = axe_violations(page)
    assert not found, describe(found)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width + 1, f"{name} at {width} px is {scroll} px wide"


@pytest.fixture
def world():
    demo_accounts_create()
    teacher = User.objects.get(username="teacher")
    student = User.objects.get(username="student")
    document = DocumentFactory(created_by=teacher, title="The Long March")
    passage = PassageFactory(document=document, text=TEXT)

    def draft(prompt, answer, score, **kwargs):
        return QuestionFactory(passage=passage, document=document, status="draft",
                               prompt=prompt, answer=answer, score=score, **kwargs)

    published = QuestionFactory(passage=passage, document=document, score=0.91,
                                prompt="In what year did the Long March begin?", answer="1934")
    first = draft("Where did the Long March end?", "Yan'an", 0.78)
    second = draft("Which river did the Red Army cross in late 1934?", "Xiang River", 0.64)
    figure = FigureFactory(passage__document=document)
    pictured = QuestionFactory(
        passage=figure.passage, document=document, figure=figure, type="image", status="draft",
        prompt="Who is shown in this picture?", answer="Winston Churchill", score=0.52,
    )
    last = draft("In what year did the Long March end?", "1935", 0.41)
    teaching.draft_update(question=last, prompt="In which year did the march end at Yan'an?",
                          answer="1935")
    deck = DeckFactory(title="The Long March", owner=teacher,
                       questions=[published, first, second, pictured, last])
    enrollment_create(user=student, deck=deck)  # a card for the published question
    return {"document": document, "deck": deck, "published": published, "first": first,
            "second": second, "pictured": pictured, "last": last}


def _study_counts(browser, live_server, deck) -> tuple[str, str]:
    """What the student's study page shows: its counts and the prompt of the card on top."""
    context, page, csp = _context(browser, 1280, "light")
    log_in(page, live_server, "student")
    page.goto(f"{live_server.url}/decks/{deck.pk}/")  # opening the deck syncs its cards
    page.goto(f"{live_server.url}/decks/{deck.pk}/study/")
    page.wait_for_selector("#study form[data-study-form]")
    counts = page.locator("#study .study-counts").inner_text()
    prompt = page.locator("#study .prompt").inner_text()
    context.close()
    assert not csp, csp
    return counts, prompt


def test_a_teacher_reviews_drafts_by_keyboard_and_a_removed_question_leaves_the_queue(
    browser, live_server, world
):
    document, deck = world["document"], world["deck"]
    first, second, pictured, last = (world[k] for k in ("first", "second", "pictured", "last"))
    url = f"{live_server.url}/teach/upload/{document.pk}/"

    # How the page looks, every size and theme, with the first draft in focus.
    for width, scheme in LOOKS:
        context, page, csp = _context(browser, width, scheme)
        log_in(page, live_server, "teacher")
        page.goto(url)
        page.get_by_text("4 drafts left to review").wait_for()
        source = page.locator(f"#draft-{second.pk} .source-sentence")
        assert "The Red Army crossed the Xiang River" in source.inner_text()
        assert source.is_visible()
        # The picture's markup, not its file: the live server's media URL is
        # bound to the first test's MEDIA_ROOT, so later tests' files 404.
        picture = page.locator(f"#draft-{pictured.pk} .draft-figure img")
        assert picture.get_attribute("width") == "160"
        assert page.get_by_text("Original: In what year did the Long March end?").is_visible()
        page.keyboard.press("j")
        _wait_for_focus(page, f"draft-{first.pk}")
        _shoot(page, "drafts-review", width, scheme)
        context.close()
        assert not csp, csp

    # The keyboard review: j, a publishes; r removes; the count follows each.
    context, page, csp = _context(browser, 1280, "light")
    log_in(page, live_server, "teacher")
    page.goto(url)
    page.keyboard.press("j")
    _wait_for_focus(page, f"draft-{first.pk}")
    page.keyboard.press("a")
    page.get_by_text("3 drafts left to review").wait_for()
    _wait_for_focus(page, f"draft-{second.pk}")  # on to the next draft by itself
    page.keyboard.press("r")
    page.get_by_text("2 drafts left to review").wait_for()
    _wait_for_focus(page, f"draft-{pictured.pk}")
    page.keyboard.press("j")
    _wait_for_focus(page, f"draft-{last.pk}")
    page.keyboard.press("k")
    _wait_for_focus(page, f"draft-{pictured.pk}")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Question.Status.APPROVED, Question.Status.REJECTED)

    # The student now studies the published question and the one just published.
    counts, _ = _study_counts(browser, live_server, deck)
    assert re.search(r"\b2 new\b", counts), counts

    # A change of mind: back (k) to the question just published, and remove it (r).
    page.keyboard.press("k")
    _wait_for_focus(page, f"draft-{first.pk}")
    page.keyboard.press("r")
    page.locator(f"#draft-{first.pk}[data-removed]").wait_for()
    page.get_by_text("2 drafts left to review").wait_for()  # it was no longer a draft
    _shoot(page, "drafts-reviewed", 1280, "light")
    context.close()
    assert not csp, csp

    # At once, without any step of the student's: the question is gone from their queue.
    counts, prompt = _study_counts(browser, live_server, deck)
    assert re.search(r"\b1 new\b", counts), counts
    assert prompt == world["published"].prompt
    first.refresh_from_db()
    assert first.status == Question.Status.REJECTED


def test_a_teacher_publishes_every_draft_above_a_score_after_confirming_the_count(
    browser, live_server, world
):
    document, pictured, last = world["document"], world["pictured"], world["last"]
    drafts = [world[k].pk for k in ("first", "second", "pictured", "last")]
    for width, scheme in [(1280, "light"), (375, "dark")]:
        Question.objects.filter(pk__in=drafts).update(status="draft")
        context, page, csp = _context(browser, width, scheme)
        log_in(page, live_server, "teacher")
        page.goto(f"{live_server.url}/teach/upload/{document.pk}/")
        if width == 1280:
            # A refused edit (400) still shows its reason in place; Escape leaves the box.
            page.keyboard.press("j")
            page.keyboard.press("e")
            _wait_for_focus(page, f"prompt-{world['first'].pk}")
            page.keyboard.press("Control+a")
            page.keyboard.press("Delete")
            page.keyboard.press("Escape")
            _wait_for_focus(page, f"draft-{world['first'].pk}")
            page.locator(f"#draft-{world['first'].pk}").get_by_role("button", name="Save").click()
            page.locator(f"#draft-{world['first'].pk}").get_by_text(
                "A question needs a prompt and an answer."
            ).wait_for()
        page.get_by_label("Publish every draft scoring at least").fill("0.5")
        page.get_by_role("button", name="Publish them…").click()
        page.get_by_role("heading", name="Publish 3 drafts scoring at least 0.50?").wait_for()
        _shoot(page, "drafts-bulk-confirm", width, scheme)
        page.get_by_role("button", name="Publish 3 drafts").click()
        page.get_by_text("3 drafts scoring at least 0.50 are published.").wait_for()
        page.get_by_text("1 draft left to review").wait_for()
        _shoot(page, "drafts-bulk-done", width, scheme)
        context.close()
        assert not csp, csp
        pictured.refresh_from_db()
        last.refresh_from_db()
        assert (pictured.status, last.status) == ("approved", "draft")
