from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.interop import decks
from quizzes.models import Deck


class Command(BaseCommand):
    help = "Export a deck to Anki (.apkg), Quizlet TSV, a full CSV, Moodle GIFT or Moodle XML."

    def add_arguments(self, parser):
        parser.add_argument("deck_id", type=int)
        parser.add_argument("--format", required=True, choices=sorted(decks.FORMATS))
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args, deck_id, format, output, **options):
        deck = Deck.objects.filter(pk=deck_id).first()
        if deck is None:
            raise CommandError(f"There is no deck {deck_id}.")
        data, skipped = decks.export_deck(deck, format)
        Path(output).write_bytes(data)
        count = len(decks.deck_data(deck).cards) - skipped
        self.stdout.write(f"Wrote {count} questions of “{deck.title}” to {output} ({format}).")
        if skipped:
            noun = "question has" if skipped == 1 else "questions have"
            self.stdout.write(f"{skipped} timeline {noun} no {format} form; left out.")
