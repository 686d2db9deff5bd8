from django.core.management.base import BaseCommand, CommandError

from content.models import Document
from quizzes import services


class Command(BaseCommand):
    help = "Build one deck per topic of a document from its questions. Idempotent."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--document", type=int, help="The id of one document.")
        target.add_argument("--all", action="store_true", help="Every imported document.")
        parser.add_argument(
            "--publish", action="store_true", help="Make new decks public to every student."
        )

    def handle(self, *args, document, all, publish, **options):
        documents = Document.objects.filter(status=Document.Status.DONE)
        if document is not None:
            documents = documents.filter(pk=document)
            if not documents.exists():
                raise CommandError(f"There is no imported document with id {document}.")
        for doc in documents.order_by("pk"):
            for deck in services.decks_build_for_document(document=doc, publish=publish):
                self.stdout.write(f"{deck.title}: {deck.entries.count()} questions")
