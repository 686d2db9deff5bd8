"""Reads for the content app."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from content.models import Document, Passage


def shared_documents_q(prefix: str = "") -> Q:
    """Documents everyone may use: imported by an admin or from the command line.

    ``prefix`` reaches them through a relation ("document__" from a question).
    """
    return (
        Q(**{f"{prefix}created_by__isnull": True})
        | Q(**{f"{prefix}created_by__role": "admin"})
        | Q(**{f"{prefix}created_by__is_superuser": True})
    )


def documents_visible_to(user) -> QuerySet[Document]:
    """What a user may read in full.

    Admins see everything. Others see their own uploads, finished shared
    documents (imported by an admin or from the command line), and finished
    documents behind a deck they can study, so a question's source link
    works. A teacher's unpublished upload stays theirs.
    """
    if user.is_admin:
        return Document.objects.all()
    from quizzes.models import Question
    from quizzes.selectors import decks_visible_to

    shared = shared_documents_q()
    behind_a_deck = Q(
        pk__in=Question.objects.filter(decks__in=decks_visible_to(user)).values("document_id")
    )
    return Document.objects.filter(
        (Q(status=Document.Status.DONE) & (shared | behind_a_deck)) | Q(created_by=user)
    )


def document_passages(document: Document) -> QuerySet[Passage]:
    return document.passages.select_related("topic", "figure").order_by("order")
