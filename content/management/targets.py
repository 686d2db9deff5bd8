"""The "--document ID | --all" choice that several commands share."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db.models import QuerySet

from content.models import Document


def add_document_arguments(parser) -> None:
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--document", type=int, help="The id of one document.")
    target.add_argument("--all", action="store_true", help="Every imported document.")


def selected_documents(document_id: int | None) -> QuerySet[Document]:
    documents = Document.objects.filter(status=Document.Status.READY)
    if document_id is not None:
        documents = documents.filter(pk=document_id)
        if not documents.exists():
            raise CommandError(f"There is no imported document with id {document_id}.")
    return documents.order_by("pk")
