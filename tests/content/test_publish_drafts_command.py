"""publish_drafts: a curator's bulk publishing from the command line."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from content.models import Question
from tests.factories import DocumentFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command("publish_drafts", *args, stdout=out)
    return out.getvalue()


def test_it_publishes_the_drafts_at_or_above_the_score_once():
    document = DocumentFactory()
    low = QuestionFactory(document=document, status=Question.Status.DRAFT, score=0.3)
    high = QuestionFactory(document=document, status=Question.Status.DRAFT, score=0.5)
    assert "1 drafts published in all" in _run("--document", str(document.pk), "--min-score", "0.5")
    low.refresh_from_db()
    high.refresh_from_db()
    assert (low.status, high.status) == (Question.Status.DRAFT, Question.Status.APPROVED)
    assert "0 drafts published in all" in _run("--all", "--min-score", "0.5")


@pytest.mark.parametrize("score", ["high", "1.5", "-0.1"])
def test_a_score_that_is_not_from_0_to_1_is_refused(score):
    with pytest.raises(CommandError, match="number from 0 to 1"):
        _run("--all", "--min-score", score)


def test_an_unknown_document_is_refused():
    with pytest.raises(CommandError, match="no imported document"):
        _run("--document", "999999", "--min-score", "0.5")
