"""Storing generated questions: idempotent, respectful of admin edits, linked to sources."""

import pytest
from django.core.management import CommandError, call_command

from content.models import Fact, Question
from content.questions import questions_generate
from quizzes.models import Deck
from tests.content.test_import_service import _import

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    return _import().document


def test_generation_links_every_question_to_its_passage_and_fact(document):
    questions_generate(document=document)
    questions = list(document.questions.all())
    assert questions
    for question in questions:
        assert question.passage is not None and question.passage.document_id == document.pk
        assert question.status in (Question.Status.DRAFT, Question.Status.APPROVED)
        assert question.generator_version
        assert question.answer.casefold() not in question.prompt.casefold()


def test_the_generator_publishes_its_best_and_keeps_the_rest_as_drafts(document):
    summary = questions_generate(document=document)
    statuses = list(document.questions.values_list("status", flat=True))
    assert summary.published == statuses.count(Question.Status.APPROVED) > 0
    assert statuses.count(Question.Status.DRAFT) > 0
    assert set(statuses) <= {Question.Status.APPROVED, Question.Status.DRAFT}


def test_regeneration_never_unpublishes_a_question_a_teacher_published(document):
    questions_generate(document=document)
    draft = document.questions.filter(status=Question.Status.DRAFT).first()
    draft.status = Question.Status.APPROVED
    draft.save(update_fields=["status"])
    questions_generate(document=document)
    draft.refresh_from_db()
    assert draft.status == Question.Status.APPROVED


def test_generating_twice_updates_in_place_and_never_duplicates(document):
    questions_generate(document=document)
    first = dict(document.questions.values_list("key", "pk"))
    summary = questions_generate(document=document)
    assert summary.created == 0
    assert dict(document.questions.values_list("key", "pk")) == first


def test_a_locked_question_is_never_touched(document):
    questions_generate(document=document)
    question = document.questions.first()
    Question.objects.filter(pk=question.pk).update(prompt="Edited by an admin?", locked=True)
    summary = questions_generate(document=document)
    question.refresh_from_db()
    assert question.prompt == "Edited by an admin?"
    assert summary.unchanged_locked >= 1


def test_rejecting_a_fact_retires_its_questions(document):
    questions_generate(document=document)
    question = document.questions.exclude(fact=None).first()
    Fact.objects.filter(pk=question.fact_id).update(status=Fact.Status.REJECTED)
    questions_generate(document=document)
    question.refresh_from_db()
    assert question.status == Question.Status.RETIRED


def test_sensitive_passages_yield_no_questions_until_an_admin_clears_them(document):
    document.passages.update(sensitive=True, sensitive_reason="test", sensitive_reviewed=True)
    questions_generate(document=document)
    assert not document.questions.exclude(status=Question.Status.RETIRED).exists()
    document.passages.update(sensitive=False)
    questions_generate(document=document)
    assert document.questions.filter(status=Question.Status.DRAFT).exists()


def test_the_command_builds_one_deck_per_topic_and_is_idempotent(document, capsys):
    call_command("generate_questions", "--all")
    call_command("build_decks", "--document", str(document.pk), "--publish")
    call_command("build_decks", "--document", str(document.pk), "--publish")
    decks = Deck.objects.filter(document=document)
    # One deck per topic with something published; no empty deck for the rest.
    published = document.questions.live().exclude(passage__topic=None)
    published_topics = set(published.values_list("passage__topic", flat=True))
    assert set(decks.values_list("topic", flat=True)) == published_topics
    assert all(d.entries.exists() for d in decks)
    deck = decks.first()
    assert deck.visibility == "public"
    assert deck.entries.count() == len(set(deck.entries.values_list("question", flat=True)))
    assert "questions" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["generate_questions", "build_decks"])
def test_commands_name_a_missing_document_clearly(command):
    with pytest.raises(CommandError, match="no imported document with id 999"):
        call_command(command, "--document", "999")
    with pytest.raises(CommandError, match="one of the arguments --document --all is required"):
        call_command(command)
