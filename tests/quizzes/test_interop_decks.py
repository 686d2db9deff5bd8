"""Decks in and out: export downloads, the import page, the commands and the service."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from content.models import Document, Figure, Question
from quizzes.interop import apkg, decks, gift, services
from quizzes.interop.cards import CardData, ImportResult
from quizzes.models import Enrollment
from tests.factories import (
    DeckFactory,
    PassageFactory,
    QuestionFactory,
    StudentFactory,
    TeacherFactory,
    deck_with_questions,
)

pytestmark = pytest.mark.django_db


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def teacher():
    return TeacherFactory()


@pytest.fixture
def deck(teacher):
    passage = PassageFactory(text="The Peace of Westphalia was signed in 1648.")
    questions = [
        QuestionFactory(passage=passage, key="year", prompt="When was it signed?",
                        answer="1648"),
        QuestionFactory(passage=passage, key="cloze", type="cloze",
                        prompt="The Peace of ____ was signed in 1648.", answer="Westphalia"),
        QuestionFactory(passage=passage, key="who", type="who", prompt="Who led Sweden?",
                        answer="Gustavus Adolphus",
                        choices=["Tilly", "Gustavus Adolphus", "Wallenstein", "Richelieu"]),
        QuestionFactory(passage=passage, key="tf", type="true_false",
                        prompt="Sweden was Catholic.", answer="False",
                        choices=["True", "False"]),
        QuestionFactory(passage=passage, key="gone", status="rejected"),
    ]
    caption = PassageFactory(document=passage.document, kind="caption", text="A map.")
    figure = Figure.objects.create(passage=caption, image=ContentFile(png(), name="map.png"))
    questions.append(QuestionFactory(passage=caption, figure=figure, key="image", type="image",
                                     prompt="This map shows ____.", answer="Europe"))
    return DeckFactory(questions=questions, owner=teacher, visibility="private")


# Export ------------------------------------------------------------------------------


def test_the_deck_owner_downloads_an_anki_package_of_the_live_questions(client, teacher, deck):
    client.force_login(teacher)
    response = client.get(reverse("quizzes:deck_export", args=[deck.pk, "apkg"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="deck-')
    result = apkg.import_apkg(response.content)
    assert sorted(c.key for c in result.cards) == ["cloze", "image", "tf", "who", "year"]
    image = next(c for c in result.cards if c.key == "image")
    assert image.image_bytes == png()
    assert next(c for c in result.cards if c.key == "year").passage_text == (
        "The Peace of Westphalia was signed in 1648.")


@pytest.mark.parametrize("fmt", ["apkg", "tsv", "csv", "gift", "moodle-xml"])
def test_an_enrolled_student_can_download_every_format(client, deck, fmt):
    student = StudentFactory()
    Enrollment.objects.create(user=student, deck=deck)
    client.force_login(student)
    response = client.get(reverse("quizzes:deck_export", args=[deck.pk, fmt]))
    assert response.status_code == 200 and response.content


def test_a_student_who_is_not_enrolled_cannot_export_a_public_deck(client):
    deck = deck_with_questions(2)
    client.force_login(StudentFactory())
    assert client.get(reverse("quizzes:deck_export", args=[deck.pk, "csv"])).status_code == 403
    page = client.get(reverse("quizzes:deck", args=[deck.pk]))
    assert b'id="export"' not in page.content


def test_someone_elses_private_deck_is_not_found_and_anonymous_users_log_in(client, deck):
    url = reverse("quizzes:deck_export", args=[deck.pk, "gift"])
    assert client.get(url).status_code == 302
    client.force_login(StudentFactory())
    assert client.get(url).status_code == 404


def test_an_unknown_format_is_not_found_and_export_is_get_only(client, teacher, deck):
    client.force_login(teacher)
    assert client.get(reverse("quizzes:deck_export", args=[deck.pk, "pdf"])).status_code == 404
    assert client.post(reverse("quizzes:deck_export", args=[deck.pk, "csv"])).status_code == 405


def test_the_deck_page_shows_the_export_menu_to_enrolled_students(client, deck):
    student = StudentFactory()
    Enrollment.objects.create(user=student, deck=deck)
    client.force_login(student)
    page = client.get(reverse("quizzes:deck", args=[deck.pk]))
    assert b'id="export"' in page.content
    assert reverse("quizzes:deck_export", args=[deck.pk, "moodle-xml"]).encode() in page.content


# Commands ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["apkg", "tsv", "csv", "gift", "moodle-xml"])
def test_export_then_import_commands_give_back_the_decks_questions(tmp_path, teacher, deck, fmt):
    out = tmp_path / f"deck.{decks.FORMATS[fmt].extension}"
    call_command("export_deck", str(deck.pk), "--format", fmt, "--output", str(out),
                 stdout=io.StringIO())
    stdout = io.StringIO()
    call_command("import_deck", str(out), "--user", teacher.username, stdout=stdout)
    document = Document.objects.get(title=f"Imported: {out.name}")
    questions = Question.objects.filter(document=document)
    assert {q.status for q in questions} == {"draft"}
    assert {q.answer for q in questions} == {"1648", "Westphalia", "Gustavus Adolphus", "False",
                                             "Europe"}
    assert "5 new" in stdout.getvalue()


def test_import_command_reports_a_bad_file_and_writes_nothing(tmp_path, teacher):
    bad = tmp_path / "deck.apkg"
    bad.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="not an Anki package"):
        call_command("import_deck", str(bad), "--user", teacher.username)
    assert not Document.objects.exists()


# The service -------------------------------------------------------------------------


def gift_result(prompt="When was Ghent signed?") -> ImportResult:
    text = f"::ghent::{prompt}{{#1814:0}}\n\n::adams::Who signed?{{=John Quincy Adams}}\n"
    return gift.import_gift(text)


def test_re_importing_a_file_updates_its_questions_instead_of_duplicating(teacher):
    first = services.deck_import(result=gift_result(), user=teacher, filename="war.gift")
    assert (first.created, first.updated) == (2, 0)
    again = services.deck_import(result=gift_result("In what year was Ghent signed?"),
                                 user=teacher, filename="war.gift")
    assert again.document == first.document
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)
    assert Question.objects.filter(document=first.document).count() == 2
    assert Question.objects.get(key="ghent").prompt == "In what year was Ghent signed?"


def test_re_importing_keeps_a_teachers_edit(teacher):
    services.deck_import(result=gift_result(), user=teacher, filename="war.gift")
    Question.objects.filter(key="ghent").update(prompt="My own wording", locked=True)
    summary = services.deck_import(result=gift_result("Changed upstream"), user=teacher,
                                   filename="war.gift")
    assert summary.kept_edits == 1
    assert Question.objects.get(key="ghent").prompt == "My own wording"


def test_an_import_that_fails_half_way_leaves_nothing_behind(teacher, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Question.objects, "bulk_create", boom)
    with pytest.raises(RuntimeError):
        services.deck_import(result=gift_result(), user=teacher, filename="war.gift")
    assert not Document.objects.exists()


def test_imported_pictures_become_figures_and_unreadable_ones_are_left_out(teacher):
    result = ImportResult(source="apkg", cards=[
        CardData("a", "image", "This map shows ____.", "Europe", image_bytes=png(),
                 image_name="map.png"),
        CardData("b", "image", "This one is ____.", "broken", image_bytes=b"not an image",
                 image_name="bad.png"),
    ])
    summary = services.deck_import(result=result, user=teacher, filename="maps.apkg")
    good, bad = Question.objects.filter(document=summary.document).order_by("key")
    assert good.figure is not None and good.figure.image.read() == png()
    assert bad.figure is None
    assert any("not a readable image" in w for w in summary.warnings)


# The import page ---------------------------------------------------------------------


def upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_a_teacher_imports_a_quizlet_file_and_lands_on_the_drafts(client, teacher):
    client.force_login(teacher)
    response = client.post(reverse("teaching:deck_import"), {
        "file": upload("ghent.txt", b"Ghent\t1814\nUtrecht\t1713\n"), "title": "Treaties"})
    document = Document.objects.get(title="Treaties")
    assert response.status_code == 302
    assert response["Location"] == reverse("teaching:upload_status", args=[document.pk])
    assert document.questions.filter(status="draft").count() == 2
    page = client.get(response["Location"])
    assert "“Treaties”: 2 new, 0 updated." in page.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("deck.apkg", b"plain text", "not an Anki package"),
        ("deck.apkg", None, "no Anki collection"),
        ("deck.csv", "Café,coffee\n".encode("cp1252"), "not UTF-8"),
        ("deck.csv", b"".join(f"t{i},d{i}\n".encode() for i in range(100_000)),
         "more than 5,000 rows"),
        ("deck.pdf", b"%PDF-1.4", "Recall imports .apkg"),
        ("quiz.xml", b"<quiz><question>", "not well-formed"),
    ],
)
def test_a_bad_file_gets_a_clear_error_and_nothing_is_written(client, teacher, name, data,
                                                              message):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("media", "{}")
        data = buffer.getvalue()
    client.force_login(teacher)
    response = client.post(reverse("teaching:deck_import"), {"file": upload(name, data)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.exists() and not Question.objects.exists()


def test_students_cannot_open_the_import_page(client):
    client.force_login(StudentFactory())
    assert client.get(reverse("teaching:deck_import")).status_code == 403


def test_an_import_costs_a_few_batched_queries_not_one_per_question(
    teacher, django_assert_max_num_queries
):
    def result(count: int) -> ImportResult:
        text = "\n\n".join(
            f"::q{i}::Question {i}?{{=answer {i} ####Passage {i}.}}" for i in range(count)
        )
        return gift.import_gift(text)

    with django_assert_max_num_queries(20):
        services.deck_import(result=result(10), user=teacher, filename="small.gift")
    # Batches (SQLite caps the variables of one statement), never a query per row.
    with django_assert_max_num_queries(60):
        services.deck_import(result=result(1000), user=teacher, filename="big.gift")
    with django_assert_max_num_queries(60):
        services.deck_import(result=result(1000), user=teacher, filename="big.gift")


def test_a_teacher_finds_the_import_page_from_their_decks(client, teacher):
    client.force_login(teacher)
    decks_page = client.get(reverse("teaching:teacher_decks")).content.decode()
    assert reverse("teaching:deck_import") in decks_page
    page = client.get(reverse("teaching:deck_import"))
    assert page.status_code == 200 and "Import a deck" in page.content.decode()
