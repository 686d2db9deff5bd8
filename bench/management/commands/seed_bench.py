from django.core.management.base import BaseCommand, CommandError

from bench.seed import SCALES, BenchDataPresent, Seeder


class Command(BaseCommand):
    help = "Fill the database with bench data (students, classes, FSRS review histories)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="S")
        parser.add_argument("--reset", action="store_true", help="Delete bench rows first.")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Simulation processes (default: 2 on PostgreSQL, 0 = in-process elsewhere).",
        )
        parser.add_argument(
            "--students", type=int, default=None, help="Override the scale's student count."
        )

    def handle(self, *args, scale, reset, workers, students, **options):
        try:
            Seeder(self.stdout).seed(scale=scale, reset=reset, workers=workers, students=students)
        except BenchDataPresent as exc:
            raise CommandError(str(exc)) from exc
