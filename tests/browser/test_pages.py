"""Every page family, as students and teachers see it: 1280 and 375 px, light and
dark, screenshotted for people to look at and checked by axe-core."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.demo import demo_accounts_create
from accounts.models import User
from content.models import Document, Question
from quizzes.models import Card, Deck, ReviewLog
from quizzes.services.quiz_attempts import quiz_finish, quiz_start
from quizzes.services.reviews import review_submit
from teaching import classrooms
from teaching import services as teaching
from tests.browser.axe import axe_violations, describe
from tests.browser.conftest import SCREENSHOTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = "demo/second_sino_japanese_war.txt"
VIEWPORTS = {"1280": 1280, "375": 375}
SCHEMES = ("light", "dark")


@pytest.fixture
def world():
    """A class with an assignment, a student with a few days of reviews and a quiz."""
    demo_accounts_create()
    call_command("import_documents", SEED, "--user", "admin")
    # An admin has reviewed the drafts: the pages need a deck with more cards
    # than the student's few days of reviews use up.
    Question.objects.filter(status=Question.Status.DRAFT).update(status=Question.Status.APPROVED)
    call_command("build_decks", "--all", "--publish")
    deck = max(Deck.objects.filter(visibility="public"), key=lambda d: d.entries.count())
    teacher = User.objects.get(username="teacher")
    student = User.objects.get(username="student")
    Document.objects.update(created_by=teacher)  # so the teacher's drafts page has one
    classroom = classrooms.classroom_create(teacher=teacher, name="9C History")
    classrooms.classroom_join(student=student, code=classroom.code)
    assignment = teaching.assignment_create(
        teacher=teacher,
        classroom=classroom,
        deck=deck,
        due_at=timezone.now() + timedelta(days=2),
        goal="mastery",
        goal_percent=80,
        notify=False,
    )
    teaching.announcement_post(
        teacher=teacher,
        classroom=classroom,
        body="Quiz on Chiang Kai-shek on Friday: study 20 cards a day.",
    )
    own = teaching.deck_create(owner=teacher, title="Causes of the war")
    teaching.deck_add(deck=own, question_ids=list(deck.questions.values_list("pk", flat=True)[:6]))
    for rating, card in zip([1, 3, 3, 1, 4, 3], Card.objects.filter(user=student), strict=False):
        review_submit(
            user=student,
            card_id=card.pk,
            version=card.version,
            rating=rating,
            answer="",
            correct=rating > 1,
            duration_ms=4000,
        )
    attempt = quiz_start(user=student, deck=deck, size=3)
    quiz_finish(attempt=attempt)
    return {
        "deck": deck,
        "classroom": classroom,
        "assignment": assignment,
        "own": own,
        "student": student,
        "attempt": attempt,
        "document": Document.objects.first(),
        "card": ReviewLog.objects.filter(user=student).first().card,
        "other": Deck.objects.filter(visibility="public").exclude(pk=deck.pk).first(),
    }


def _reveal(page):
    page.wait_for_selector("#study form[data-study-form]")
    button = page.locator("#study [data-reveal], #study [data-submit]").first
    button.click()
    page.wait_for_selector("#study [data-rating-form]")


def _start_quiz(page):
    page.get_by_role("button", name="Take a 10-question quiz").click()
    page.wait_for_url("**/quiz/**")


def _visit(browser, live_server, role, pages, *, label):
    failures = []
    for size, width in VIEWPORTS.items():
        for scheme in SCHEMES:
            context = browser.new_context(
                viewport={"width": width, "height": 900},
                color_scheme=scheme,
                is_mobile=width < 500,
            )
            page = context.new_page()
            page.set_default_timeout(15_000)
            csp: list[str] = []
            page.on(
                "console",
                lambda m, csp=csp: (
                    csp.append(m.text) if "Content Security Policy" in m.text else None
                ),
            )
            if role:
                log_in(page, live_server, role)
            for name, path, prepare in pages:
                page.goto(f"{live_server.url}{path}")
                if prepare:
                    prepare(page)
                page.wait_for_load_state("load")
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(
                    path=str(SCREENSHOTS / f"{label}-{name}-{size}-{scheme}.png"), full_page=True
                )
                found = axe_violations(page)
                if found:
                    failures.append(f"{name} at {size} px, {scheme}:\n{describe(found)}")
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width + 1:
                    failures.append(f"{name} at {size} px, {scheme}: {scroll} px wide")
            context.close()
            assert not csp, f"CSP violations: {csp}"
    return failures


def test_axe_finds_no_serious_violation_on_the_students_pages(browser, live_server, world):
    deck, attempt = world["deck"], world["attempt"]
    pages = [
        ("dashboard", "/dashboard/", None),
        ("decks", "/decks/", None),
        ("deck", f"/decks/{deck.pk}/", None),
        ("study-front", f"/decks/{deck.pk}/study/", None),
        ("study-back", f"/decks/{deck.pk}/study/", _reveal),
        ("quiz", f"/decks/{deck.pk}/", _start_quiz),
        ("custom-study", f"/decks/{deck.pk}/custom/", None),
        ("quiz-result", f"/quiz/{attempt.pk}/result/", None),
        ("profile", "/accounts/profile/", None),
        ("cards", "/cards/", None),
        ("card", f"/cards/{world['card'].pk}/", None),
        ("join", "/join/", None),
        ("preview", f"/decks/{world['other'].pk}/", None),
        ("deck-import", "/decks/import/", None),
    ]
    failures = _visit(browser, live_server, "student", pages, label="student")
    assert not failures, "\n".join(failures)


def test_axe_finds_no_serious_violation_on_the_teachers_pages(browser, live_server, world):
    classroom, assignment, own = world["classroom"], world["assignment"], world["own"]
    student, document = world["student"], world["document"]
    pages = [
        ("classes", "/teach/classes/", None),
        ("class", f"/teach/classes/{classroom.pk}/", None),
        ("progress", f"/teach/classes/{classroom.pk}/progress/", None),
        ("student", f"/teach/classes/{classroom.pk}/students/{student.pk}/", None),
        ("items", f"/teach/assignments/{assignment.pk}/items/", None),
        ("decks", "/teach/decks/", None),
        ("builder", f"/teach/decks/{own.pk}/", None),
        ("upload", "/teach/upload/", None),
        ("drafts", f"/teach/upload/{document.pk}/", None),
    ]
    failures = _visit(browser, live_server, "teacher", pages, label="teacher")
    assert not failures, "\n".join(failures)


def test_axe_finds_no_serious_violation_on_the_public_pages(browser, live_server, world):
    pages = [
        ("login", "/accounts/login/", None),
        ("signup", "/accounts/signup/", None),
    ]
    failures = _visit(browser, live_server, None, pages, label="public")
    assert not failures, "\n".join(failures)


def test_axe_finds_no_serious_violation_on_the_admins_pages(browser, live_server, world):
    document = world["document"]
    question = document.questions.order_by("pk").first()
    pages = [
        ("admin-index", "/admin/", None),
        ("admin-documents", "/admin/content/document/", None),
        ("admin-document", f"/admin/content/document/{document.pk}/change/", None),
        ("admin-questions", "/admin/content/question/", None),
        ("admin-question", f"/admin/content/question/{question.pk}/change/", None),
        ("admin-reports", "/admin/content/questionreport/", None),
    ]
    failures = _visit(browser, live_server, "admin", pages, label="admin")
    assert not failures, "\n".join(failures)
