import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content import files, imports, services
from content.forms import ALLOWED_SUFFIXES
from content.generation import generate, questions_report
from content.ingest.errors import IngestError
from content.ingest.pipeline import extract, extract_parsed
from content.ingest.readers import ACCEPTED_EXTENSIONS
from content.ingest.report import extraction_report
from content.models import Question


class Command(BaseCommand):
    help = (
        f"Import documents ({', '.join(ACCEPTED_EXTENSIONS)}) into passages, figures, "
        "entities and facts. "
        "Idempotent: the same file twice is a no-op. Each document imports atomically."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Extract and report, but save nothing."
        )
        parser.add_argument(
            "--json",
            dest="as_json",
            action="store_true",
            help="Print the extraction report as JSON on stdout.",
        )
        parser.add_argument("--user", help="Username recorded as the importer.")

    def handle(self, *args, paths, dry_run, as_json, user, **options):
        importer = self._importer(user)
        reports, failures = [], 0
        for path in paths:
            try:
                data = self._read(path)
                if dry_run:
                    reports.append(self._dry_run(path, data))
                else:
                    self._import(path, data, importer, quiet=as_json)
            except (IngestError, CommandError) as exc:
                failures += 1
                self.stderr.write(self.style.ERROR(f"{path}: {exc}"))
        if as_json:
            payload = reports[0] if len(reports) == 1 else reports
            self.stdout.write(_dumps(payload))
        elif dry_run:
            for report in reports:
                self.stdout.write(
                    f"{report['document']['title']}: {len(report['passages'])} passages, "
                    f"{len(report['entities'])} entities, {len(report['facts'])} facts, "
                    f"{len(report['questions'])} questions (dry run: nothing saved)"
                )
        if failures:
            raise CommandError(f"{failures} of {len(paths)} document(s) could not be imported.")

    def _importer(self, username):
        if not username:
            return None
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no user called {username!r}.") from None

    def _read(self, path: Path) -> bytes:
        if not path.is_file():
            raise CommandError("no such file.")
        if path.suffix and path.suffix.lower() not in ALLOWED_SUFFIXES:
            raise CommandError(f"only {', '.join(ACCEPTED_EXTENSIONS)} documents can be imported.")
        return path.read_bytes()

    def _dry_run(self, path: Path, data: bytes) -> dict:
        text, parsed = services.document_read(data=data, filename=path.name)
        if services.is_plain_text(data=data, filename=path.name):
            extraction = extract(text, path.name)  # as the import does: the text path
        else:
            extraction = extract_parsed(parsed)
        report = extraction_report(extraction)
        # As questions_generate does for stored figures: captions with a picture.
        pictures = {f.passage: f.image.sha256 for f in parsed.figures if f.image}
        result = generate(extraction, images=frozenset(pictures))
        report["questions"] = [
            {**entry, "image": pictures.get(question.passage)}
            for entry, question in zip(
                questions_report(result, extraction), result.all_questions, strict=True
            )
        ]
        return report

    def _import(self, path: Path, data: bytes, importer, *, quiet: bool) -> None:
        bar = _ProgressBar(self.stderr, path.name, enabled=not quiet and sys.stderr.isatty())
        with files.import_files(), transaction.atomic():
            outcome = services.document_create(data=data, filename=path.name, created_by=importer)
            if not outcome.created:
                self.stdout.write(outcome.message)
                return
            imports.document_run(document=outcome.document, progress=bar.update)
        bar.close()
        document = outcome.document
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported “{document.title}” from {path.name}: "
                f"{document.passages.count()} passages, {document.facts.count()} facts, "
                f"{document.questions.live().count()} questions published, "
                f"{document.questions.filter(status=Question.Status.DRAFT).count()} drafts "
                "for a teacher to review."
            )
        )


class _ProgressBar:
    """A one-line progress bar on a terminal; silent when output is piped."""

    def __init__(self, stream, label: str, *, enabled: bool):
        self.stream, self.label, self.enabled = stream, label, enabled

    def update(self, stage: str, percent: int) -> None:
        if self.enabled:
            filled = percent * 30 // 100
            self.stream.write(
                f"\r{self.label}: [{'#' * filled}{'.' * (30 - filled)}] {percent:3d}% {stage:<12}",
                ending="",
            )
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("")


def _dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)
