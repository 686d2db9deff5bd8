from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from quizzes.interop import decks, services
from quizzes.interop.cards import FormatError


class Command(BaseCommand):
    help = (
        "Import an Anki package, a CSV/TSV of term and definition, a GIFT or a Moodle XML "
        "file as draft questions of a new document. Re-importing the same file updates it. "
        "With --with-history, the file is the user's own Anki deck: it becomes their private "
        "deck, studied at once, and its review history is replayed onto their cards."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="The user who owns the import.")
        parser.add_argument("--title", help="The document's title (default: Imported: <file>).")
        parser.add_argument(
            "--with-history", action="store_true",
            help="Keep the user's Anki review history (.apkg exported with scheduling).",
        )

    def handle(self, *args, file, user, title, with_history, **options):
        owner = get_user_model().objects.filter(username=user).first()
        if owner is None:
            raise CommandError(f"There is no user “{user}”.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {file}.")
        if with_history and path.suffix.lower() != ".apkg":
            raise CommandError("Only an Anki package (.apkg) carries a review history.")
        try:
            with path.open("rb") as stream:
                result = decks.read_file(path.name, stream)
        except FormatError as exc:
            raise CommandError(str(exc)) from exc
        if with_history:
            own = services.deck_import_own(
                result=result, user=owner, filename=path.name, title=title, with_history=True
            )
            for line in own.messages:
                self.stdout.write(line)
            for warning in own.imported.warnings:
                self.stdout.write(f"  {warning}")
            if not result.history:
                self.stdout.write(
                    "  This package has no review history: in Anki, export it with "
                    "“Include scheduling information” ticked."
                )
            self.stdout.write(f"Deck {own.deck.pk}: “{own.deck.title}”, ready to study.")
            return
        summary = services.deck_import(
            result=result, user=owner, filename=path.name, title=title
        )
        self.stdout.write(summary.message)
        for warning in summary.warnings:
            self.stdout.write(f"  {warning}")
        self.stdout.write(f"Document {summary.document.pk}: review the drafts, then publish.")
