"""A database migrated from the previous layout keeps every row.

Questions moved from quizzes to content, classrooms and memberships from
accounts to teaching, assignments from quizzes to teaching. The tables stay
where they were; this test fills them with the old models and reads them back
with the new ones.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The leaf migrations of main before the teaching app existed.
BEFORE = [
    ("accounts", "0002_classrooms"),
    ("content", "0001_initial"),
    ("quizzes", "0002_card_attempts"),
]
NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _fill(apps) -> dict:
    """The demo's shape in miniature: a class, a studied deck, an assignment."""
    User = apps.get_model("accounts", "User")
    teacher = User.objects.create(username="t", role="teacher", password="!")
    student = User.objects.create(username="s", role="student", password="!")
    classroom = apps.get_model("accounts", "Classroom").objects.create(
        teacher=teacher, name="Year 9", code="ABC234"
    )
    membership = apps.get_model("accounts", "Membership").objects.create(
        classroom=classroom, student=student
    )
    document = apps.get_model("content", "Document").objects.create(
        title="Doc", source_name="doc.txt", raw_text="Text.", sha256="a" * 64, status="done"
    )
    question = apps.get_model("quizzes", "Question").objects.create(
        document=document, type="year", prompt="When?", answer="1901", key="k1"
    )
    report = apps.get_model("quizzes", "QuestionReport").objects.create(
        question=question, reporter=teacher, reason="Ambiguous."
    )
    deck = apps.get_model("quizzes", "Deck").objects.create(title="Deck", owner=teacher)
    entry = apps.get_model("quizzes", "DeckQuestion").objects.create(
        deck=deck, question=question, position=1
    )
    enrollment = apps.get_model("quizzes", "Enrollment").objects.create(user=student, deck=deck)
    card = apps.get_model("quizzes", "Card").objects.create(
        user=student, question=question, state=2, due=NOW + timedelta(days=3), version=1
    )
    log = apps.get_model("quizzes", "ReviewLog").objects.create(
        user=student,
        card=card,
        rating=3,
        reviewed_at=NOW,
        state_before={"state": 1},
        state_after={"state": 2},
        token=f"{card.pk}:0",
    )
    assignment = apps.get_model("quizzes", "Assignment").objects.create(
        classroom=classroom, deck=deck, due_at=NOW + timedelta(days=7), created_by=teacher
    )
    ids = {
        "teacher": teacher.pk,
        "student": student.pk,
        "classroom": classroom.pk,
        "membership": membership.pk,
        "document": document.pk,
        "question": question.pk,
        "report": report.pk,
        "deck": deck.pk,
        "entry": entry.pk,
        "enrollment": enrollment.pk,
        "card": card.pk,
        "log": log.pk,
        "assignment": assignment.pk,
    }
    return ids


@pytest.mark.django_db(transaction=True)
def test_migrating_from_the_previous_layout_keeps_every_row_and_relation():
    old_apps = _migrate(BEFORE)
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    old_classroom_type = ContentType.objects.get(app_label="accounts", model="classroom")
    old_question_type = ContentType.objects.get(app_label="quizzes", model="question")
    ids = _fill(old_apps)

    apps = _migrate(None)

    classroom = apps.get_model("teaching", "Classroom").objects.get(pk=ids["classroom"])
    assert (classroom.name, classroom.teacher_id) == ("Year 9", ids["teacher"])
    membership = apps.get_model("teaching", "Membership").objects.get(pk=ids["membership"])
    assert (membership.classroom_id, membership.student_id) == (ids["classroom"], ids["student"])
    assert list(classroom.students.values_list("pk", flat=True)) == [ids["student"]]

    question = apps.get_model("content", "Question").objects.get(pk=ids["question"])
    assert (question.document_id, question.prompt) == (ids["document"], "When?")
    report = apps.get_model("content", "QuestionReport").objects.get(pk=ids["report"])
    assert report.question_id == ids["question"]

    deck = apps.get_model("quizzes", "Deck").objects.get(pk=ids["deck"])
    assert list(deck.questions.values_list("pk", flat=True)) == [ids["question"]]
    entry = apps.get_model("quizzes", "DeckQuestion").objects.get(pk=ids["entry"])
    assert (entry.deck_id, entry.question_id) == (ids["deck"], ids["question"])
    enrollment = apps.get_model("quizzes", "Enrollment").objects.get(pk=ids["enrollment"])
    assert (enrollment.user_id, enrollment.deck_id) == (ids["student"], ids["deck"])
    card = apps.get_model("quizzes", "Card").objects.get(pk=ids["card"])
    assert (card.user_id, card.question_id, card.version) == (ids["student"], ids["question"], 1)
    log = apps.get_model("quizzes", "ReviewLog").objects.get(pk=ids["log"])
    assert (log.card_id, log.token, log.state_after) == (ids["card"], f"{card.pk}:0", {"state": 2})

    assignment = apps.get_model("teaching", "Assignment").objects.get(pk=ids["assignment"])
    assert (assignment.classroom_id, assignment.deck_id) == (ids["classroom"], ids["deck"])
    assert assignment.created_by_id == ids["teacher"]

    # Content types (and the admin permissions that hang on them) follow the models.
    ContentType = apps.get_model("contenttypes", "ContentType")
    assert ContentType.objects.get(pk=old_classroom_type.pk).app_label == "teaching"
    assert ContentType.objects.get(pk=old_question_type.pk).app_label == "content"
    assert not ContentType.objects.filter(app_label="accounts", model="classroom").exists()


@pytest.mark.django_db(transaction=True)
def test_duplicate_emails_are_settled_before_emails_become_unique_whatever_their_case():
    old_apps = _migrate([("accounts", "0003_hand_over_classrooms")])
    User = old_apps.get_model("accounts", "User")
    stale = User.objects.create(username="stale", email="Ann@Example.com", last_login=NOW)
    recent = User.objects.create(
        username="recent", email="ann@example.com", last_login=NOW + timedelta(days=1)
    )
    never = User.objects.create(username="never", email="ANN@example.com")
    alone = User.objects.create(username="alone", email="bob@example.com")
    blank = [User.objects.create(username=f"blank{i}", email="") for i in range(2)]

    apps = _migrate(None)
    emails = dict(apps.get_model("accounts", "User").objects.values_list("username", "email"))
    assert emails[recent.username] == "ann@example.com"
    assert emails[stale.username] == emails[never.username] == ""
    assert emails[alone.username] == "bob@example.com"
    assert [emails[u.username] for u in blank] == ["", ""]
