from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from quizzes.interop import decks, services
from quizzes.interop.cards import FormatError


class Command(BaseCommand):
    help = (
        "Import an Anki package, a CSV/TSV of term and definition, a GIFT or a Moodle XML "
        "file as draft questions of a new document. Re-importing the same file updates it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="The teacher who owns the import.")
        parser.add_argument("--title", help="The document's title (default: Imported: <file>).")

    def handle(self, *args, file, user, title, **options):
        owner = get_user_model().objects.filter(username=user).first()
        if owner is None:
            raise CommandError(f"There is no user “{user}”.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {file}.")
        try:
            with path.open("rb") as stream:
                result = decks.read_file(path.name, stream)
        except FormatError as exc:
            raise CommandError(str(exc)) from exc
        summary = services.deck_import(
            result=result, user=owner, filename=path.name, title=title
        )
        self.stdout.write(summary.message)
        for warning in summary.warnings:
            self.stdout.write(f"  {warning}")
        self.stdout.write(f"Document {summary.document.pk}: review the drafts, then publish.")
