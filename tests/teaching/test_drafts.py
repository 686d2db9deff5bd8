"""A teacher's draft questions from an upload: edit, remove, publish."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from content.models import Document, Question
from tests.factories import DocumentFactory, QuestionFactory, TeacherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts(client):
    teacher = TeacherFactory()
    document = DocumentFactory(created_by=teacher)
    questions = QuestionFactory.create_batch(3, passage__document=document)
    client.force_login(teacher)
    return teacher, document, questions


def test_an_edited_draft_is_saved_and_locked_against_regeneration(client, drafts):
    _, _, (question, *_) = drafts
    response = client.post(
        reverse("teaching:draft_edit", args=[question.pk]),
        {"prompt": "In what year was it?", "answer": "1901"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li class="draft card" id="draft-{question.pk}"')
    assert "Saved." in html
    question.refresh_from_db()
    assert (question.prompt, question.answer, question.locked) == (
        "In what year was it?",
        "1901",
        True,
    )


def test_an_empty_prompt_is_refused_and_nothing_changes(client, drafts):
    _, _, (question, *_) = drafts
    before = question.prompt
    response = client.post(
        reverse("teaching:draft_edit", args=[question.pk]),
        {"prompt": "", "answer": "1901"},
        headers={"HX-Request": "true"},
    )
    assert "needs a prompt and an answer" in response.content.decode()
    question.refresh_from_db()
    assert question.prompt == before and not question.locked


def test_removed_drafts_stay_out_of_the_published_deck(client, drafts):
    teacher, document, (removed, *kept) = drafts
    client.post(reverse("teaching:draft_reject", args=[removed.pk]))
    removed.refresh_from_db()
    assert removed.status == Question.Status.REJECTED and removed.locked
    response = client.post(reverse("teaching:draft_publish", args=[document.pk]), {"title": "Mine"})
    deck = teacher.decks.get(title="Mine")
    assert response["Location"] == reverse("teaching:builder", args=[deck.pk])
    assert set(deck.questions.all()) == set(kept)
    assert deck.visibility == "private"


def test_publishing_before_the_import_is_done_says_so(client, drafts):
    _, document, _ = drafts
    document.status = "extracting"
    document.save()
    response = client.post(reverse("teaching:draft_publish", args=[document.pk]), follow=True)
    assert "has not finished yet" in response.content.decode()


def test_the_same_file_from_another_teacher_is_not_imported_twice_nor_named(client, drafts):
    _, document, _ = drafts
    document.raw_text = "The Treaty of Ghent was signed in 1814."
    data = document.raw_text.encode()
    document.sha256 = hashlib.sha256(data).hexdigest()
    document.title = "Secret lesson plan"
    document.save()
    client.force_login(TeacherFactory())
    response = client.post(
        reverse("teaching:upload"), {"file": SimpleUploadedFile("ghent.txt", data)}, follow=True
    )
    html = response.content.decode()
    assert "already in Recall" in html and "Secret lesson plan" not in html
    assert Document.objects.count() == 1
