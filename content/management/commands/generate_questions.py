from django.core.management.base import BaseCommand

from content import questions
from content.management.targets import add_document_arguments, selected_documents


class Command(BaseCommand):
    help = "Generate (or regenerate) questions from documents' facts. Idempotent."

    def add_arguments(self, parser):
        add_document_arguments(parser)

    def handle(self, *args, document, **options):
        for doc in selected_documents(document):
            summary = questions.questions_generate(document=doc)
            self.stdout.write(
                f"{doc.title}: {summary.created} new, {summary.updated} updated, "
                f"{summary.published} published by the generator, "
                f"{summary.unchanged_locked} locked left alone, {summary.retired} retired, "
                f"{summary.rejected} dropped by the quality gates."
            )
