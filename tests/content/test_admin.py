"""Curation in the Django admin."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from content.models import Document, Entity, Fact, Figure, Passage, Question
from tests.content.test_import_service import ESSAY, _import
from tests.factories import AdminFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(AdminFactory())
    return client


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_uploading_a_document_in_the_admin_queues_and_runs_the_import(
    admin_client, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("essay.md", ESSAY.encode(), content_type="text/markdown")
    with django_capture_on_commit_callbacks(execute=True):
        with_capture = admin_client.post(
            reverse("admin:content_document_upload"), {"file": upload}, follow=True
        )
    assert "queued for import" in with_capture.content.decode()
    document = Document.objects.get()
    assert document.status == Document.Status.READY  # tasks run in-process in tests
    assert document.questions.exists()
    changelist = admin_client.get(reverse("admin:content_document_changelist")).content.decode()
    assert "<progress" in changelist


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.doc", b"\xd0\xcf\x11\xe0" * 10, "Only these documents"),
        ("notes.pdf", b"%PDF-1.4", "The PDF is damaged"),
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02\x03" * 10, "binary"),
    ],
)
def test_the_admin_upload_refuses_bad_files_with_a_message(admin_client, name, data, message):
    response = admin_client.post(
        reverse("admin:content_document_upload"), {"file": SimpleUploadedFile(name, data)}
    )
    assert message.lower() in response.content.decode().lower()
    assert not Document.objects.exists()


def test_an_admin_can_clear_a_sensitive_flag_and_a_reimport_respects_it(admin_client):
    document = _import().document
    passage = document.passages.first()
    admin_client.post(
        reverse("admin:content_passage_changelist"),
        {"action": "mark_sensitive", "_selected_action": [passage.pk]},
    )
    passage.refresh_from_db()
    assert passage.sensitive and passage.sensitive_reviewed


def test_flagging_a_passage_sensitive_retires_its_questions_at_once(
    admin_client, django_capture_on_commit_callbacks
):
    from content.questions import questions_generate

    document = _import().document
    questions_generate(document=document)
    question = Question.objects.filter(passage__isnull=False, locked=False).first()
    status_before = question.status
    passage = question.passage
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:content_passage_changelist"),
            {"action": "mark_sensitive", "_selected_action": [passage.pk]},
        )
    assert set(passage.questions.values_list("status", flat=True)) == {"retired"}
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:content_passage_changelist"),
            {"action": "clear_sensitive", "_selected_action": [passage.pk]},
        )
    question.refresh_from_db()
    # Back as it was: published if the generator published it, else a draft.
    assert question.status == status_before != "retired"


def test_rejecting_a_fact_in_the_admin_retires_its_questions(
    admin_client, django_capture_on_commit_callbacks
):
    from content.questions import questions_generate

    document = _import().document
    questions_generate(document=document)
    question = Question.objects.filter(fact__isnull=False, locked=False).first()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:content_fact_changelist"),
            {"action": "reject", "_selected_action": [question.fact_id]},
        )
    question.refresh_from_db()
    assert question.status == "retired"


def test_facts_can_be_approved_and_rejected_in_bulk(admin_client):
    document = _import().document
    ids = list(document.facts.values_list("pk", flat=True)[:2])
    admin_client.post(
        reverse("admin:content_fact_changelist"),
        {"action": "approve", "_selected_action": ids[:1]},
    )
    admin_client.post(
        reverse("admin:content_fact_changelist"),
        {"action": "reject", "_selected_action": ids[1:]},
    )
    assert Fact.objects.get(pk=ids[0]).status == "approved"
    assert Fact.objects.get(pk=ids[1]).status == "rejected"
    listing = admin_client.get(
        reverse("admin:content_fact_changelist") + "?status__exact=approved"
    ).content.decode()
    assert "1 fact" in listing


def test_the_merge_action_asks_which_entity_to_keep_then_merges(admin_client):
    keep = Entity.objects.create(key="ulysses s grant", name="Ulysses S. Grant", kind="person")
    dupe = Entity.objects.create(key="grant", name="Grant", kind="person")
    url = reverse("admin:content_entity_changelist")
    page = admin_client.post(url, {"action": "merge", "_selected_action": [keep.pk, dupe.pk]})
    assert "Merge entities" in page.content.decode()
    admin_client.post(
        url, {"action": "merge", "_selected_action": [keep.pk, dupe.pk], "target": keep.pk}
    )
    keep.refresh_from_db()
    assert list(Entity.objects.all()) == [keep]
    assert "Grant" in keep.aliases and keep.locked


def test_a_figure_image_upload_is_validated_and_previewed(admin_client):
    document = _import("A caption of 1861.\n\nThe Civil War began in 1861.", "cw.txt").document
    passage = Passage.objects.create(
        document=document, kind="caption", text="General Lee in 1864", key="k", order=99
    )
    figure = Figure.objects.create(passage=passage)
    url = reverse("admin:content_figure_change", args=[figure.pk])
    bad = admin_client.post(
        url, {"image": SimpleUploadedFile("fake.png", b"not an image"), "alt_text": "x"}
    )
    assert "Upload a valid image" in bad.content.decode() or "not a readable image" in (
        bad.content.decode()
    )
    admin_client.post(
        url,
        {
            "image": SimpleUploadedFile("lee.png", _png(), content_type="image/png"),
            "alt_text": "Lee",
            "credit": "Library of Congress",
        },
    )
    figure.refresh_from_db()
    assert figure.image.name.startswith("figures/")
    assert "<img" in admin_client.get(url).content.decode()


def test_an_image_upload_turns_a_caption_into_a_photograph_question(
    admin_client, django_capture_on_commit_callbacks
):
    document = _import("The Civil War began in 1861.", "cw.txt").document
    passage = Passage.objects.create(
        document=document,
        kind="caption",
        text="Soldiers at Gettysburg in July 1863",
        key="cap",
        order=99,
    )
    Fact.objects.create(
        kind="dated_event",
        document=document,
        passage=passage,
        answer="July 1863",
        year=1863,
        month=7,
        precision="month",
        date_text="July 1863",
        span_start=23,
        span_end=32,
        context="Soldiers at Gettysburg",
    )
    figure = Figure.objects.create(passage=passage)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:content_figure_change", args=[figure.pk]),
            {
                "image": SimpleUploadedFile("g.png", _png(), content_type="image/png"),
                "alt_text": "Soldiers",
                "credit": "",
            },
        )
    prompts = list(Question.objects.filter(figure=figure).values_list("prompt", flat=True))
    assert any("photograph" in p for p in prompts), prompts


def test_editing_a_question_in_the_admin_locks_it_and_shows_a_preview(admin_client):
    question = QuestionFactory()
    url = reverse("admin:content_question_change", args=[question.pk])
    page = admin_client.get(url).content.decode()
    assert question.prompt in page and "Open the source in its document" in page
    admin_client.post(
        url,
        {
            "type": question.type,
            "prompt": "In which year did it happen?",
            "answer": question.answer,
            "accepted": "[]",
            "choices": "[]",
            "explanation": "",
            "tolerance": "0",
            "difficulty": "0.5",
            "status": "approved",
            "passage": question.passage_id,
        },
    )
    question.refresh_from_db()
    assert question.locked and question.prompt == "In which year did it happen?"


def test_the_question_queue_filters_and_approves_in_bulk(admin_client):
    questions = QuestionFactory.create_batch(3)
    url = reverse("admin:content_question_changelist")
    admin_client.post(url, {"action": "approve", "_selected_action": [q.pk for q in questions]})
    assert set(Question.objects.values_list("status", flat=True)) == {"approved"}
    page = admin_client.get(url + "?type__exact=year&status__exact=approved").content.decode()
    assert "3 questions" in page


def test_the_rerun_action_restarts_the_import_and_survives_a_broker_outage(
    admin_client, django_capture_on_commit_callbacks, monkeypatch
):
    from kombu.exceptions import OperationalError

    from content import services
    from content.tasks import import_document

    essay = b"# Ghent\n\nThe Treaty of Ghent was signed on 24 December 1814.\n"
    document = services.document_create(data=essay, filename="ghent.md").document

    def refuse(*args, **kwargs):
        raise OperationalError("Connection refused.")

    monkeypatch.setattr(import_document, "apply_async", refuse)
    url = reverse("admin:content_document_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url, {"action": "rerun", "_selected_action": [document.pk]}, follow=True
        )
    assert response.status_code == 200
    document.refresh_from_db()
    assert (document.status, document.stage) == ("queued", "waiting for the queue")
