from django.core.management.base import BaseCommand, CommandError

from content import curation
from content.management.targets import add_document_arguments, selected_documents


def _score(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise CommandError(f"--min-score must be a number from 0 to 1, not {text!r}.") from None
    if not 0 <= value <= 1:
        raise CommandError(f"--min-score must be a number from 0 to 1, not {text!r}.")
    return value


class Command(BaseCommand):
    help = (
        "Publish every draft question scoring at least --min-score: a curator's bulk "
        "decision, the same as the teacher's \"Publish all drafts scoring at least\". "
        "Idempotent."
    )

    def add_arguments(self, parser):
        add_document_arguments(parser)
        parser.add_argument("--min-score", required=True, help="A number from 0 to 1.")

    def handle(self, *args, document, min_score, **options):
        floor = _score(min_score)
        total = 0
        for doc in selected_documents(document):
            count = curation.drafts_publish_scoring(document=doc, min_score=floor)
            total += count
            self.stdout.write(f"{doc.title}: {count} drafts scoring at least {floor} published.")
        self.stdout.write(f"{total} drafts published in all.")
