"""Reads for the content app."""

from __future__ import annotations

from django.db.models import QuerySet

from content.models import Document, Passage


def documents_visible_to(user) -> QuerySet[Document]:
    """Admins see every document; others the finished ones and their own uploads."""
    if user.is_admin:
        return Document.objects.all()
    return Document.objects.filter(status=Document.Status.DONE) | Document.objects.filter(
        created_by=user
    )


def document_passages(document: Document) -> QuerySet[Passage]:
    return document.passages.select_related("topic", "figure").order_by("order")
