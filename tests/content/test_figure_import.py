"""Documents with pictures become figures with stored images, through the one upload service."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from content import files, persistence, services
from content.ingest.errors import IngestError
from content.ingest.readers import Limits
from content.models import Document, Figure, Passage, Question
from content.questions import questions_generate
from tests.content.documents import docx_file, html_page, pdf_file, png

pytestmark = pytest.mark.django_db

PEOPLE = [
    ("h", "The Space Race"),
    ("p", "The Soviet Union launched Sputnik 1, the first artificial satellite, in October 1957. "
          "The launch surprised the United States and began the space race."),
    ("fig", png(240, 180, (30, 60, 120), seed=1),
     "Yuri Gagarin in Moscow in April 1961.", "below"),
    ("p", "Yuri Gagarin became the first person to orbit the Earth on 12 April 1961. "
          "He flew for 108 minutes aboard Vostok 1."),
    ("fig", png(260, 180, (120, 60, 30), seed=2),
     "Neil Armstrong in Houston in July 1969.", "below"),
    ("p", "Neil Armstrong walked on the Moon on 20 July 1969 during the Apollo 11 mission. "
          "Buzz Aldrin followed him down the ladder twenty minutes later."),
]
BUILDERS = {
    "space.docx": lambda: docx_file(PEOPLE, title="The Space Race"),
    "space.pdf": lambda: pdf_file(PEOPLE, title="The Space Race"),
    "space.html": lambda: html_page(PEOPLE, title="The Space Race").encode(),
}


def _media_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.exists() \
        else set()


@pytest.fixture
def _import(django_capture_on_commit_callbacks):
    """Upload as the pages do; the queued task runs once the upload commits."""

    def upload(name: str, data: bytes) -> Document:
        with django_capture_on_commit_callbacks(execute=True):
            outcome = services.document_upload(data=data, filename=name, created_by=None)
        return Document.objects.get(pk=outcome.document.pk)

    return upload


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_a_document_with_pictures_becomes_figures_with_stored_images(name, _import):
    document = _import(name, BUILDERS[name]())

    assert document.status == Document.Status.READY, document.error
    figures = list(document.figures.select_related("passage", "topic").order_by("order"))
    assert [f.caption for f in figures] == [
        "Yuri Gagarin in Moscow in April 1961.",
        "Neil Armstrong in Houston in July 1969.",
    ]
    for figure in figures:
        assert figure.image.name == f"figures/{figure.sha256[:2]}/{figure.sha256}.webp"
        assert figure.thumbnail.name.endswith("-thumb.webp")
        assert (figure.format, figure.width > 0, figure.height > 0) == ("webp", True, True)
        assert figure.image.storage.exists(figure.image.name)
        assert figure.topic is not None and figure.topic.name == "The Space Race"
    assert [f.order for f in figures] == [0, 1]


def test_the_original_file_is_kept_so_the_import_can_read_it_again(_import):
    document = _import("space.docx", BUILDERS["space.docx"]())
    assert document.original.name.startswith(f"documents/{document.sha256[:2]}/")
    assert document.original.read()[:2] == b"PK"
    assert "Yuri Gagarin became the first person" in document.raw_text


def test_picture_questions_come_only_from_figures_with_a_picture(_import):
    document = _import("space.html", BUILDERS["space.html"]())

    pictured = document.questions.live().filter(figure__isnull=False).exclude(figure__image="")
    assert pictured.filter(type=Question.Type.IMAGE).exists()
    assert set(pictured.values_list("prompt", flat=True)) & {
        "Who is shown in this photograph?", "In what year was this photograph taken?",
        "When was this photograph taken?",
    }
    # Without its picture, a figure's questions stop pretending to be about one.
    Figure.objects.filter(document=document).update(image="")
    questions_generate(document=document)
    live = document.questions.live()
    assert not live.filter(type=Question.Type.IMAGE).exists()
    assert not live.filter(prompt__icontains="photograph").exists()
    assert not live.filter(prompt__icontains="this picture").exists()


def test_the_same_picture_is_stored_once_and_a_reupload_is_a_no_op(_import):
    data = BUILDERS["space.docx"]()
    first = _import("space.docx", data)
    stored = _media_files()
    again = services.document_upload(data=data, filename="copy.docx", created_by=None)

    assert (again.created, again.document.pk) == (False, first.pk)
    assert "already imported" in again.message
    services.document_process(document=first)  # a forced re-import writes nothing new
    assert _media_files() == stored
    assert Figure.objects.count() == 2
    # Another document with the same pictures shares their files.
    _import("space.html", BUILDERS["space.html"]())
    shared = set(Figure.objects.values_list("image", flat=True))
    assert len(shared) == 2
    assert len([n for n in _media_files() if n.startswith("figures/")]) == 4  # + thumbnails


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("broken.docx", b"PK\x03\x04" + b"\x00" * 200, "damaged|cannot be read|archive"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "damaged|no text"),
        ("fake.png.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "picture"),
    ],
)
def test_a_corrupt_file_gives_a_clear_message_and_leaves_nothing(name, data, message):
    with pytest.raises(IngestError, match=f"(?i){message}"):
        services.document_upload(data=data, filename=name, created_by=None)
    assert not Document.objects.exists()
    assert not _media_files()


def test_a_failure_while_saving_deletes_the_pictures_it_wrote(monkeypatch):
    outcome = services.document_upload(
        data=BUILDERS["space.docx"](), filename="space.docx", created_by=None
    )
    Document.objects.filter(pk=outcome.document.pk).update(status=Document.Status.QUEUED)
    Figure.objects.all().delete()
    for name in _media_files():
        if name.startswith("figures/"):
            Path(settings.MEDIA_ROOT, name).unlink()

    def crash(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(persistence, "_persist_facts", lambda *a: crash())
    with pytest.raises(RuntimeError):
        services.document_process(document=outcome.document)

    assert not [n for n in _media_files() if n.startswith("figures/")]
    assert not Figure.objects.exists()


def test_files_written_inside_a_rolled_back_transaction_are_deleted():
    with pytest.raises(ValueError), files.import_files(), transaction.atomic():
        files.store("figures/aa/aa.webp", b"picture")
        raise ValueError
    assert not _media_files()


def test_a_file_another_import_already_stored_is_kept_when_this_one_fails():
    files.store("figures/bb/bb.webp", b"picture")
    with pytest.raises(ValueError), files.import_files():
        files.store("figures/bb/bb.webp", b"picture")
        raise ValueError
    assert _media_files() == {"figures/bb/bb.webp"}


def test_an_admin_uploaded_picture_survives_a_reimport(_import):
    document = _import("space.docx", BUILDERS["space.docx"]())
    figure = document.figures.first()
    Figure.objects.filter(pk=figure.pk).update(image="figures/by-hand.png", sha256="")
    services.document_process(document=document)
    figure.refresh_from_db()
    assert figure.image.name == "figures/by-hand.png"


def test_a_text_document_keeps_its_text_path_and_captionless_figures(_import):
    text = "# Rome\n\nJulius Caesar crossed the Rubicon in 49 BC.\n\n" \
           "Caesar was killed in Rome in 44 BC by a group of senators.\n"
    document = _import("rome.md", text.encode())
    assert (document.original.name, document.raw_text) == ("", text)
    assert not Figure.objects.exclude(image="").exists()
    assert Passage.objects.filter(document=document).exists()


def test_the_task_time_limit_leaves_the_readers_their_time():
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT >= Limits().max_seconds
    assert services.reader_limits().max_bytes == settings.MAX_DOCUMENT_BYTES


def test_the_dry_run_report_lists_figures_and_marks_picture_questions(tmp_path):
    path = tmp_path / "space.docx"
    path.write_bytes(BUILDERS["space.docx"]())
    out = StringIO()
    call_command("import_documents", str(path), "--dry-run", "--json", stdout=out)
    report = json.loads(out.getvalue())

    figures = report["figures"]
    assert [f["caption"] for f in figures] == [
        "Yuri Gagarin in Moscow in April 1961.",
        "Neil Armstrong in Houston in July 1969.",
    ]
    image = figures[0]["image"]
    assert (image["format"], image["width"] > 0, len(image["sha256"])) == ("webp", True, 64)
    assert figures[0]["topic"] == "The Space Race"
    shas = {f["image"]["sha256"] for f in figures}
    pictured = [q for q in report["questions"] if q["image"]]
    assert pictured and all(q["image"] in shas for q in pictured)
    assert any(q["prompt"] == "Who is shown in this photograph?" for q in pictured)
    assert all(q["image"] is None for q in report["questions"] if q not in pictured)
    assert not Document.objects.exists()
    assert not _media_files()


def test_the_dry_run_report_of_a_text_document_has_figures_without_images(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("The Treaty of Versailles was signed in June 1919 in France.\n")
    out = StringIO()
    call_command("import_documents", str(path), "--dry-run", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["figures"] == []
    assert all(q["image"] is None for q in report["questions"])
