from django.core.management.base import BaseCommand, CommandError

from content.models import Document
from quizzes import services


class Command(BaseCommand):
    help = "Generate (or regenerate) questions from documents' facts. Idempotent."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--document", type=int, help="The id of one document.")
        target.add_argument("--all", action="store_true", help="Every imported document.")

    def handle(self, *args, document, all, **options):
        documents = Document.objects.filter(status=Document.Status.DONE)
        if document is not None:
            documents = documents.filter(pk=document)
            if not documents.exists():
                raise CommandError(f"There is no imported document with id {document}.")
        for doc in documents.order_by("pk"):
            summary = services.questions_generate(document=doc)
            self.stdout.write(
                f"{doc.title}: {summary.created} new, {summary.updated} updated, "
                f"{summary.unchanged_locked} locked left alone, {summary.retired} retired, "
                f"{summary.rejected} dropped by the quality gates."
            )
