"""Reads for the content app."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet

from accounts.models import admins_q
from content.models import Document, Passage


def shared_documents_q(prefix: str = "") -> Q:
    """Documents everyone may use: imported by an admin or from the command line.

    ``prefix`` reaches them through a relation ("document__" from a question).
    """
    return Q(**{f"{prefix}created_by__isnull": True}) | admins_q(f"{prefix}created_by__")


# Apps above content may widen who reads a document: quizzes lets a student
# read the document behind a deck they study, so a question's source link
# works. Each source maps a user to a Q over documents; content never imports them.
ReaderSource = Callable[[object], Q]
_reader_sources: list[ReaderSource] = []


def readers_register(source: ReaderSource) -> None:
    if source not in _reader_sources:
        _reader_sources.append(source)


def documents_visible_to(user) -> QuerySet[Document]:
    """What a user may read in full.

    Admins see everything. Others see their own uploads, finished shared
    documents (imported by an admin or from the command line), and finished
    documents a registered source opens to them (see ``readers_register``).
    A teacher's unpublished upload stays theirs.
    """
    if user.is_admin:
        return Document.objects.all()
    opened = shared_documents_q()
    for source in _reader_sources:
        opened |= source(user)
    return Document.objects.filter((Q(status=Document.Status.READY) & opened) | Q(created_by=user))


def document_passages(document: Document) -> QuerySet[Passage]:
    return document.passages.select_related("topic", "figure").order_by("order")
