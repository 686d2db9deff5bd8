"""A student's session as Anki users expect it, a new user joining by QR link, and
the keyboard-only habits. Screenshots at 1280 and 375 px, light and dark."""

import re

import pytest
from django.utils import timezone

from accounts.demo import demo_accounts_create
from accounts.models import User
from content.models import Question
from quizzes.models import Card, Enrollment, ReviewLog
from quizzes.services.decks import cards_sync, enrollment_create
from teaching import classrooms
from teaching.models import Membership
from tests.browser.axe import axe_violations, describe
from tests.browser.conftest import SCREENSHOTS, log_in
from tests.factories import DeckFactory, QuestionFactory, TeacherFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LOOKS = [(1280, "light"), (1280, "dark"), (375, "light"), (375, "dark")]


def _context(browser, width, scheme):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, is_mobile=width < 500
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _shoot(page, name, width, scheme):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)
    found = axe_violations(page)
    assert not found, describe(found)


def _wait_for_focus(page, element_id: str) -> None:
    # wait_for_function polls with eval inside the page, which the CSP refuses;
    # page.evaluate is not subject to it.
    from playwright.sync_api import Error as PlaywrightError

    # A key pressed before htmx has wired a swapped-in form submits it as a
    # plain post (the page works without JavaScript): wait for that page too.
    for _ in range(100):
        try:
            focused = page.evaluate("document.activeElement && document.activeElement.id")
        except PlaywrightError:  # the context went with a navigation
            focused = None
        if focused == element_id:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"#{element_id} never got the focus")


def _wait_for_position(page, question_id: int, position: int) -> None:
    for _ in range(100):
        order = page.locator("#entries [data-focus-key='remove']").evaluate_all(
            "buttons => buttons.map(b => b.dataset.entry)"
        )
        if str(question_id) in order and order.index(str(question_id)) == position - 1:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"question {question_id} never reached position {position}")


def _wait_for_focus_on(page, question_id: int, action: str) -> None:
    expected = [str(question_id), action]
    for _ in range(100):
        focused = page.evaluate(
            "[document.activeElement.dataset.entry, document.activeElement.dataset.focusKey]"
        )
        if focused == expected:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"the focus is on {focused}, not {expected}")


def _deck(questions):
    return DeckFactory(questions=questions, title="The Long March")


@pytest.fixture
def student():
    demo_accounts_create()
    return User.objects.get(username="student")


def test_a_student_fails_three_cards_and_sees_them_again_in_the_same_session(
    browser, live_server, student
):
    deck = _deck(QuestionFactory.create_batch(3))
    enrollment_create(user=student, deck=deck)
    context, page = _context(browser, 1280, "light")
    log_in(page, live_server, "student")
    page.goto(f"{live_server.url}/decks/{deck.pk}/study/")
    failed = []
    for _ in range(3):
        page.wait_for_selector("#study form[data-study-form]")
        failed.append(page.locator("#study .prompt").inner_text())
        page.keyboard.type("1066")
        page.keyboard.press("Enter")
        page.wait_for_selector("#study [data-rating-form]")
        page.keyboard.press("1")  # Again
        page.wait_for_selector("#study [data-rating-form]", state="detached")
    page.get_by_text(re.compile(r"3 cards come back in 1 minute")).wait_for()
    assert "All done" not in page.locator("#study").inner_text()
    # The page waits for them by itself: no click, no reload.
    page.wait_for_selector("#study form[data-study-form]", timeout=80_000)
    assert page.locator("#study .prompt").inner_text() in failed
    context.close()

    # How the waiting page looks, in each size and theme.
    Card.objects.filter(user=student).update(due=timezone.now() + timezone.timedelta(minutes=4))
    for width, scheme in LOOKS:
        context, page = _context(browser, width, scheme)
        log_in(page, live_server, "student")
        page.goto(f"{live_server.url}/decks/{deck.pk}/study/")
        page.get_by_text("3 cards come back in 4 minutes").wait_for()
        _shoot(page, "flow-waiting", width, scheme)
        page.get_by_role("link", name="Study them now").click()
        page.wait_for_selector("#study form[data-study-form]")
        _shoot(page, "flow-again", width, scheme)
        context.close()


def test_a_new_user_joins_by_the_qr_link_and_lands_in_the_class(browser, live_server):
    demo_accounts_create()
    teacher = TeacherFactory()
    classroom = classrooms.classroom_create(teacher=teacher, name="10B History")
    for n, (width, scheme) in enumerate(LOOKS):
        context, page = _context(browser, width, scheme)
        page.goto(f"{live_server.url}/join/{classroom.code}/")  # what the QR code holds
        page.get_by_role("link", name="Create a student account").click()
        page.get_by_label("Username").fill(f"newcomer{n}")
        page.get_by_label("Your name").fill("Nia")
        page.get_by_label("Email").fill(f"newcomer{n}@example.com")
        page.get_by_label("Password", exact=True).fill("a-long-pass-phrase-42")
        page.get_by_label("Password confirmation").fill("a-long-pass-phrase-42")
        page.get_by_role("button", name="Sign up").click()
        page.get_by_role("button", name=re.compile("Join")).wait_for()
        _shoot(page, "flow-join-confirm", width, scheme)
        page.get_by_role("button", name=re.compile("Join")).click()
        page.get_by_text("You joined 10B History").wait_for()
        _shoot(page, "flow-joined", width, scheme)
        joined = Membership.objects.filter(classroom=classroom, student__username=f"newcomer{n}")
        assert joined.exists()
        context.close()


def test_the_keyboard_only_flows_space_numbers_enter_and_undo_from_the_box(
    browser, live_server, student
):
    choice = QuestionFactory(
        type=Question.Type.MULTIPLE_CHOICE, prompt="Who led the Long March?",
        answer="Mao Zedong", choices=["Chiang Kai-shek", "Mao Zedong", "Zhou Enlai", "Puyi"],
    )
    typed = QuestionFactory(prompt="In what year did the Long March begin?", answer="1934")
    deck = _deck([choice, typed])
    Enrollment.objects.create(user=student, deck=deck)
    cards_sync(user=student, deck=deck)
    for width, scheme in [(1280, "light"), (375, "dark")]:
        Card.objects.filter(user=student).delete()
        ReviewLog.objects.filter(user=student).delete()
        cards_sync(user=student, deck=deck)
        context, page = _context(browser, width, scheme)
        log_in(page, live_server, "student")
        page.goto(f"{live_server.url}/decks/{deck.pk}/study/")

        # 1. The option card: Space reveals the answer, it never picks option 1.
        page.wait_for_selector("#study [data-choice-key]")
        _shoot(page, "flow-keys-choice", width, scheme)
        page.locator('#study [data-choice-key="1"]').focus()  # even on an option
        page.keyboard.press(" ")
        page.wait_for_selector("#study [data-rating-form]")
        assert "Not quite" not in page.locator("#study").inner_text()  # nothing was chosen
        assert "Judge for yourself" in page.locator("#study").inner_text()
        page.keyboard.press("3")  # Good, by number
        page.wait_for_selector("#study input#answer")

        # 2. The typed card: the box has the focus; Ctrl+Z undoes the last review from it.
        _wait_for_focus(page, "answer")
        _shoot(page, "flow-keys-typed", width, scheme)
        page.keyboard.press("Control+z")
        page.wait_for_selector("#study [data-choice-key]")  # the option card is back
        assert page.get_by_text("Undone: the last card is back.").is_visible()
        page.keyboard.press("2")  # choose option 2 by number
        page.wait_for_selector("#study [data-rating-form]")
        assert "Right" in page.locator("#study").inner_text()
        page.keyboard.press("Enter")  # confirm the suggested rating
        _wait_for_focus(page, "answer")
        assert not page.get_by_text("Undone").is_visible()  # the message went with the card

        # 3. Alt+U undoes from the box too; Escape leaves it, then "u" works as a key.
        page.keyboard.press("Alt+u")
        page.wait_for_selector("#study [data-choice-key]")
        page.keyboard.press("1")
        page.wait_for_selector("#study [data-rating-form]")
        page.keyboard.press("Enter")
        _wait_for_focus(page, "answer")
        page.keyboard.type("1934")
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.id") != "answer"
        page.keyboard.press("u")
        page.wait_for_selector("#study [data-choice-key]")
        assert ReviewLog.objects.filter(user=student, undone_at__isnull=True).count() == 0
        context.close()


def test_the_deck_builder_keeps_the_focus_on_the_moved_question(browser, live_server):
    demo_accounts_create()
    teacher = User.objects.get(username="teacher")
    first, second, third = QuestionFactory.create_batch(3)
    deck = DeckFactory(questions=[first, second, third], owner=teacher, visibility="private")
    context, page = _context(browser, 1280, "light")
    log_in(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teach/decks/{deck.pk}/")
    page.locator(f'[data-entry="{first.pk}"][data-focus-key="down"]').focus()
    page.keyboard.press("Enter")  # one down
    _wait_for_position(page, first.pk, 2)
    _wait_for_focus_on(page, first.pk, "down")
    page.keyboard.press("Enter")  # and down again, to the bottom, where ↓ is disabled
    _wait_for_position(page, first.pk, 3)
    _wait_for_focus_on(page, first.pk, "up")
    assert list(deck.entries.order_by("position").values_list("question_id", flat=True)) == [
        second.pk, third.pk, first.pk,
    ]
    context.close()
