"""Who may read a document's page."""

import pytest
from django.urls import reverse

from quizzes.services.decks import enrollment_create
from tests.factories import (
    AdminFactory,
    DeckFactory,
    DocumentFactory,
    QuestionFactory,
    StudentFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.django_db


def _status(client, user, document):
    client.force_login(user)
    return client.get(reverse("content:document", args=[document.pk])).status_code


def test_a_teachers_unpublished_upload_is_theirs_alone(client):
    teacher = TeacherFactory()
    document = DocumentFactory(created_by=teacher)
    QuestionFactory(passage__document=document)
    assert _status(client, teacher, document) == 200
    assert _status(client, TeacherFactory(), document) == 404
    assert _status(client, StudentFactory(), document) == 404
    assert _status(client, AdminFactory(), document) == 200


def test_a_deck_built_from_it_opens_the_source_to_its_students(client):
    teacher = TeacherFactory()
    document = DocumentFactory(created_by=teacher)
    question = QuestionFactory(passage__document=document)
    deck = DeckFactory(owner=teacher, visibility="private", questions=[question])
    student = StudentFactory()
    enrollment_create(user=student, deck=deck)
    assert _status(client, student, document) == 200
    assert _status(client, StudentFactory(), document) == 404


def test_shared_documents_are_open_to_every_account_once_imported(client):
    shared = DocumentFactory(created_by=None)
    assert _status(client, StudentFactory(), shared) == 200
    running = DocumentFactory(created_by=None, status="extracting")
    assert _status(client, StudentFactory(), running) == 404
