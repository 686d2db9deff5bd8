"""The progress grid, one student's report, and item analysis."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from content.models import Question
from quizzes.grading import Grade
from quizzes.models import Card, Deck, DeckQuestion, ReviewLog
from quizzes.services.decks import enrollment_create
from quizzes.services.quiz_attempts import quiz_answer, quiz_finish, quiz_start
from quizzes.services.reviews import review_submit, review_undo
from teaching import progress
from tests.factories import (
    AssignmentFactory,
    ClassroomFactory,
    DocumentFactory,
    MembershipFactory,
    StudentFactory,
    deck_with_questions,
)

pytestmark = pytest.mark.django_db


def _review(card, *, correct=True, at=None, rating=None):
    """A graded review through the service, at a chosen time."""
    card.refresh_from_db()
    return review_submit(
        user=card.user,
        card_id=card.pk,
        version=card.version,
        rating=rating or (3 if correct else 1),
        correct=correct,
        now=at or timezone.now(),
    ).log


def _study(card, now, *, mastered=False):
    card.last_review = now - timedelta(days=1)
    card.state = Card.State.REVIEW if mastered else Card.State.LEARNING
    card.due = now + timedelta(days=5) if mastered else now
    card.stability = 5.0
    card.save()


def test_grid_cells_count_studied_and_mastered_cards_and_give_a_status():
    now = timezone.now()
    assignment = AssignmentFactory(
        deck=deck_with_questions(4),
        due_at=now + timedelta(days=1),
    )
    assignment.created_at = now - timedelta(days=9)
    assignment.save()
    keen, idle = StudentFactory(), StudentFactory()
    for student in (keen, idle):
        MembershipFactory(classroom=assignment.classroom, student=student)
        enrollment_create(user=student, deck=assignment.deck)
    cards = list(Card.objects.filter(user=keen))
    for card in cards:
        _review(card, at=now - timedelta(hours=2))
        card.refresh_from_db()
        _study(card, now, mastered=card is not cards[-1])

    grid = progress.progress_grid(assignment.classroom, now)
    by_student = {row.student: row for row in grid.rows}
    cell = by_student[keen].cells[0]
    assert (cell.studied, cell.mastered, cell.total) == (4, 3, 4)
    assert cell.status == progress.DONE  # goal: study every card once
    assert cell.last_active is not None
    assert by_student[keen].last_active is not None
    idle_cell = by_student[idle].cells[0]
    assert (idle_cell.studied, idle_cell.status) == (0, progress.BEHIND)
    assert by_student[idle].last_active is None


@pytest.mark.parametrize(
    ("goal", "percent", "studied", "mastered", "quiz", "due_in", "expected"),
    [
        ("studied", 80, 10, 0, None, 5, progress.DONE),
        ("studied", 80, 9, 0, None, -1, progress.OVERDUE),
        ("mastery", 80, 10, 7, None, 5, progress.ON_TRACK),
        ("mastery", 80, 10, 8, None, 5, progress.DONE),
        ("quiz", 70, 0, 0, 0.7, 5, progress.DONE),
        ("quiz", 70, 10, 10, 0.5, -1, progress.OVERDUE),
        ("studied", 80, 1, 0, None, 1, progress.BEHIND),
    ],
)
def test_status_follows_the_goal_and_the_clock(
    goal, percent, studied, mastered, quiz, due_in, expected
):
    now = timezone.now()
    assignment = AssignmentFactory.build(
        goal=goal,
        goal_percent=percent,
        due_at=now + timedelta(days=due_in),
    )
    assignment.created_at = now - timedelta(days=9)
    cell = progress.Cell(studied=studied, mastered=mastered, total=10, best_quiz=quiz)
    assert progress.cell_status(assignment, cell, now) == expected


def test_the_grid_sorts_and_exports_csv(client):
    assignment = AssignmentFactory(deck=deck_with_questions(2, title="Wars"))
    for name in ("Cleo", "Abe", "Bea"):
        MembershipFactory(
            classroom=assignment.classroom, student=StudentFactory(first_name=name, last_name="X")
        )
    client.force_login(assignment.classroom.teacher)
    url = reverse("teaching:class_progress", args=[assignment.classroom.pk])
    names = [r.student.first_name for r in client.get(url + "?sort=name&dir=desc").context["rows"]]
    assert names == ["Cleo", "Bea", "Abe"]
    response = client.get(url + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("student,username,last active,Wars: studied")
    assert len(lines) == 4


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_the_csv_defuses_cells_a_spreadsheet_would_run_as_formulas(client, start):
    import csv
    import io

    formula = f'{start}HYPERLINK("https://evil.example","x")'
    assignment = AssignmentFactory(deck=deck_with_questions(1, title=formula))
    MembershipFactory(
        classroom=assignment.classroom, student=StudentFactory(first_name="", last_name="")
    )
    assignment.classroom.students.update(username=formula[:150])
    client.force_login(assignment.classroom.teacher)
    url = reverse("teaching:class_progress", args=[assignment.classroom.pk])
    rows = list(csv.reader(io.StringIO(client.get(url + "?format=csv").content.decode())))
    assert rows[0][3] == f"'{formula}: studied"
    assert rows[1][1] == f"'{formula}"
    dangerous = ("=", "+", "-", "@", "\t", "\r")
    assert not any(cell.startswith(dangerous) for row in rows for cell in row)


def test_htmx_sorting_returns_only_the_grid(client):
    assignment = AssignmentFactory(deck=deck_with_questions(1))
    MembershipFactory(classroom=assignment.classroom)
    client.force_login(assignment.classroom.teacher)
    url = reverse("teaching:class_progress", args=[assignment.classroom.pk])
    html = client.get(url + "?sort=active", headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<div id="grid"')
    assert "<html" not in html


def _item_fixture(n_students=10):
    """Stronger students answer more questions right, so hard items discriminate."""
    deck = deck_with_questions(3)
    questions = list(deck.questions.order_by("deck_entries__position"))
    students = [StudentFactory() for _ in range(n_students)]
    now = timezone.now()
    for rank, student in enumerate(students):  # rank 0 weakest
        enrollment_create(user=student, deck=deck)
        for q_index, question in enumerate(questions):
            card = Card.objects.get(user=student, question=question)
            if q_index == 0:
                ok = True  # everyone knows the first: too easy
            elif q_index == 1:
                ok = rank >= n_students // 2  # only the stronger half: discriminates
            else:
                ok = rank == n_students - 1  # almost nobody: too hard
            _review(card, correct=ok, at=now - timedelta(days=2))
            # A later right answer must not change the first attempt.
            _review(card, correct=True, at=now - timedelta(days=1))
    return deck, questions, students


def test_item_analysis_facility_and_discrimination():
    deck, questions, _ = _item_fixture()
    items = {item.question: item for item in progress.item_analysis(deck_id=deck.pk)}
    easy, split, hard = (items[q] for q in questions)
    assert easy.attempts == 20 and easy.first_attempts == 10
    assert easy.facility == 1.0 and "too easy" in easy.flags
    assert split.facility == 0.5 and split.discrimination == pytest.approx(1.0)
    assert split.flags == []
    assert hard.facility == pytest.approx(0.1) and "too hard" in hard.flags
    assert easy.discrimination == 0.0 and "poor discrimination" in easy.flags


def test_too_few_answers_raise_no_flag():
    deck, questions, _ = _item_fixture(progress.MIN_RESPONSES - 1)
    items = progress.item_analysis(deck_id=deck.pk)
    assert items[0].facility == 1.0
    assert all(item.flags == [] for item in items)


def test_a_quiz_answer_before_any_review_is_the_first_attempt():
    deck = deck_with_questions(1)
    question = deck.questions.get()
    student = StudentFactory()
    enrollment_create(user=student, deck=deck)
    attempt = quiz_start(user=student, deck=deck, size=1)
    quiz_answer(attempt=attempt, question=question, grade=Grade(False, "1066"))
    quiz_finish(attempt=attempt)
    _review(Card.objects.get(user=student), correct=True, at=timezone.now() + timedelta(days=1))
    (item,) = progress.item_analysis(deck_id=deck.pk)
    assert item.attempts == 2
    assert item.facility == 0.0


def test_a_teacher_reports_a_flagged_question(client):
    deck, questions, students = _item_fixture(6)
    classroom = ClassroomFactory()
    assignment = AssignmentFactory(classroom=classroom, deck=deck)
    for s in students:
        MembershipFactory(classroom=classroom, student=s)
    client.force_login(classroom.teacher)
    page = client.get(reverse("teaching:assignment_items", args=[assignment.pk]))
    assert "too easy" in page.content.decode()
    response = client.post(
        reverse("teaching:report", args=[questions[0].pk]),
        {"reason": "Everyone gets it right."},
        headers={"HX-Request": "true"},
    )
    assert "admins will review" in response.content.decode()
    assert questions[0].reports.get().reason == "Everyone gets it right."


def _big_class(n_students: int, n_assignments: int, n_cards: int):
    """Bulk-built: a class, its decks and every student's cards, some reviewed."""
    document = DocumentFactory()
    classroom = ClassroomFactory()
    students = StudentFactory.create_batch(n_students)
    for s in students:
        MembershipFactory(classroom=classroom, student=s)
    now = timezone.now()
    decks = []
    for a in range(n_assignments):
        questions = Question.objects.bulk_create(
            Question(
                document=document, type="year", prompt=f"Q{a}-{i}?", answer="1900", key=f"k{a}-{i}",
                status=Question.Status.APPROVED,
            )
            for i in range(n_cards)
        )
        deck = Deck.objects.create(title=f"Deck {a}", visibility="public")
        DeckQuestion.objects.bulk_create(
            DeckQuestion(deck=deck, question=q, position=i) for i, q in enumerate(questions)
        )
        AssignmentFactory(classroom=classroom, deck=deck)
        decks.append((deck, questions))
        # What review_submit keeps on each card is written with it, as one row.
        pairs = [(s, i, q) for s in students for i, q in enumerate(questions)]
        cards = Card.objects.bulk_create(
            Card(
                user=s,
                question=q,
                due=now,
                state=Card.State.REVIEW if i % 3 == 0 else 1,
                last_review=now - timedelta(days=1) if i % 2 == 0 else None,
                attempts=1 if i % 2 == 0 else 0,
                first_attempt_at=now - timedelta(days=1) if i % 2 == 0 else None,
                first_attempt_correct=bool(k % 4) if i % 2 == 0 else None,
            )
            for k, (s, i, q) in enumerate(pairs)
        )
        ReviewLog.objects.bulk_create(
            ReviewLog(
                user_id=c.user_id,
                card=c,
                rating=3 if k % 4 else 1,
                correct=bool(k % 4),
                reviewed_at=now - timedelta(days=1),
                state_before={},
                state_after={},
                token=f"b{a}-{c.pk}",
            )
            for k, c in enumerate(cards)
            if c.last_review
        )
    return classroom, decks


def test_the_progress_grid_query_count_is_constant(client, django_assert_max_num_queries):
    classroom, _ = _big_class(40, 5, 300)
    client.force_login(classroom.teacher)
    url = reverse("teaching:class_progress", args=[classroom.pk])
    with django_assert_max_num_queries(9):
        response = client.get(url)
    rows = response.context["rows"]
    assert len(rows) == 40 and len(rows[0].cells) == 5
    assert rows[0].cells[0].studied == 150 and rows[0].cells[0].total == 300
    # A repeat view (a re-sort) reads the cells and the retention from the cache.
    with django_assert_max_num_queries(7):
        response = client.get(url, {"sort": "a0"})
    assert sorted(r.cells[0].studied for r in response.context["rows"]) == [150] * 40


def test_item_analysis_query_count_is_constant(client, django_assert_max_num_queries):
    classroom, decks = _big_class(40, 1, 300)
    assignment = classroom.assignments.get()
    client.force_login(classroom.teacher)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("teaching:assignment_items", args=[assignment.pk]))
    items = response.context["items"]
    assert len(items) == 300
    assert items[0].first_attempts == 40


def test_one_students_page_shows_reviews_topics_and_hard_cards(client):
    assignment = AssignmentFactory(deck=deck_with_questions(2))
    student = MembershipFactory(classroom=assignment.classroom).student
    enrollment_create(user=student, deck=assignment.deck)
    card = Card.objects.filter(user=student).first()
    card.last_review, card.lapses = timezone.now(), 2
    card.save()
    _review(card, correct=False)
    client.force_login(assignment.classroom.teacher)
    response = client.get(
        reverse("teaching:class_student", args=[assignment.classroom.pk, student.pk])
    )
    report = response.context["report"]
    assert 'aria-label="1 review in the last 84 days' in response.content.decode()
    assert report.hardest == [card]
    assert report.weakest_topics[0]["lapses"] == 1
    assert sum(n for _, n, _ in report.reviews_per_day) == 1


def test_undo_takes_back_the_first_attempt_too():
    deck = deck_with_questions(1)
    student = StudentFactory()
    enrollment_create(user=student, deck=deck)
    card = Card.objects.get(user=student)
    _review(card, correct=False)
    card.refresh_from_db()
    assert (card.attempts, card.first_attempt_correct) == (1, False)
    review_undo(user=student)
    card.refresh_from_db()
    assert (card.attempts, card.first_attempt_correct, card.first_attempt_at) == (0, None, None)


def test_the_progress_page_shows_the_class_median_true_retention(client):
    classroom = ClassroomFactory()
    deck = deck_with_questions(4)
    AssignmentFactory(classroom=classroom, deck=deck)
    now = timezone.now()
    # Three students passing 1, 2 and 4 of 4 learned-card reviews: the median is 50%.
    for passed in (1, 2, 4):
        student = StudentFactory()
        MembershipFactory(classroom=classroom, student=student)
        for i, question in enumerate(deck.questions.all()):
            card = Card.objects.create(user=student, question=question, due=now)
            ReviewLog.objects.create(
                user=student, card=card, rating=3 if i < passed else 1, was_new=False,
                reviewed_at=now - timedelta(days=2), state_before={}, state_after={},
                token=f"m{student.pk}-{card.pk}",
            )
    client.force_login(classroom.teacher)
    response = client.get(reverse("teaching:class_progress", args=[classroom.pk]))
    assert response.context["grid"].median_retention == 0.5
    assert "Class median true retention (30 days): <strong>50%</strong>" in (
        response.content.decode()
    )


def _grid_cell(client, classroom):
    response = client.get(reverse("teaching:class_progress", args=[classroom.pk]))
    return response.context["rows"][0].cells


def test_a_review_shows_in_the_grid_at_once_despite_its_cache(client):
    assignment = AssignmentFactory(deck=deck_with_questions(3))
    student = MembershipFactory(classroom=assignment.classroom).student
    enrollment_create(user=student, deck=assignment.deck)
    client.force_login(assignment.classroom.teacher)
    assert _grid_cell(client, assignment.classroom)[0].studied == 0
    grid = progress.progress_grid(assignment.classroom, timezone.now())
    assert grid.median_retention is None

    card = Card.objects.filter(user=student).first()
    _review(card)
    [cell] = _grid_cell(client, assignment.classroom)
    assert (cell.studied, cell.last_active is not None) == (1, True)

    review_undo(user=student)
    [cell] = _grid_cell(client, assignment.classroom)
    assert (cell.studied, cell.last_active) == (0, None)


def test_a_new_assignment_and_a_new_member_show_in_the_grid_at_once(client):
    first = AssignmentFactory(deck=deck_with_questions(2))
    classroom = first.classroom
    student = MembershipFactory(classroom=classroom).student
    enrollment_create(user=student, deck=first.deck)
    _review(Card.objects.filter(user=student).first())
    client.force_login(classroom.teacher)
    assert [c.studied for c in _grid_cell(client, classroom)] == [1]

    second = AssignmentFactory(classroom=classroom, deck=deck_with_questions(4))
    enrollment_create(user=student, deck=second.deck)
    _review(Card.objects.filter(user=student, question__decks=second.deck).first())
    assert [(c.studied, c.total) for c in _grid_cell(client, classroom)] == [(1, 2), (1, 4)]

    MembershipFactory(classroom=classroom)
    response = client.get(reverse("teaching:class_progress", args=[classroom.pk]))
    assert len(response.context["rows"]) == 2


def test_the_grid_recounts_mastery_when_the_clock_moves_on(client):
    assignment = AssignmentFactory(deck=deck_with_questions(1))
    student = MembershipFactory(classroom=assignment.classroom).student
    enrollment_create(user=student, deck=assignment.deck)
    now = timezone.now()
    _study(Card.objects.get(user=student), now, mastered=True)
    grid = progress.progress_grid(assignment.classroom, now)
    assert grid.rows[0].cells[0].mastered == 1
    # No write announces that a mastered card fell due: the cache is per minute.
    later = progress.progress_grid(assignment.classroom, now + timedelta(days=6))
    assert later.rows[0].cells[0].mastered == 0
