from django.core.management.base import BaseCommand

from content.management.targets import add_document_arguments, selected_documents
from quizzes.services.decks import decks_build_for_document


class Command(BaseCommand):
    help = "Build one deck per topic of a document from its questions. Idempotent."

    def add_arguments(self, parser):
        add_document_arguments(parser)
        parser.add_argument(
            "--publish", action="store_true", help="Make new decks public to every student."
        )

    def handle(self, *args, document, publish, **options):
        for doc in selected_documents(document):
            for deck in decks_build_for_document(document=doc, publish=publish):
                count = deck.entries.count()
                self.stdout.write(f"{deck.title}: {count} question{'' if count == 1 else 's'}")
