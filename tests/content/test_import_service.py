"""Importing documents: idempotent, atomic, and clear about bad input."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from content import curation, imports, persistence, services
from content.ingest.errors import IngestError
from content.models import Document, Entity, Fact, Figure, Mention, Passage, Question

pytestmark = pytest.mark.django_db

ESSAY = """# The War of 1812

The War of 1812 was fought between the United States and the United Kingdom from 1812 to 1815.
President James Madison signed the declaration of war on 18 June 1812.

## The Burning of Washington

British troops burned the White House in August 1814.
The Treaty of Ghent was signed on 24 December 1814, ending the war.
General Andrew Jackson won the Battle of New Orleans in January 1815.
About 15,000 soldiers died in the war.
"""


def _import(text: str = ESSAY, name: str = "war_of_1812.md") -> services.ImportOutcome:
    outcome = services.document_create(data=text.encode(), filename=name)
    if outcome.created:
        imports.document_run(document=outcome.document)
    return outcome


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Document, Passage, Entity, Mention, Fact, Figure))


def test_it_imports_a_markdown_document_with_topics_entities_and_dated_facts():
    document = _import().document
    document.refresh_from_db()
    assert document.status == Document.Status.READY and document.progress == 100
    assert document.format == "markdown"
    topics = set(document.passages.values_list("topic__name", flat=True))
    assert {"The War of 1812", "The Burning of Washington"} <= topics
    years = set(document.facts.filter(kind="dated_event").values_list("year", flat=True))
    assert {1812, 1814, 1815} <= years
    assert Entity.objects.filter(kind="person", name__contains="Madison").exists()
    fact = document.facts.filter(year=1814).first()
    assert fact.passage.document == document  # every fact points back to its passage


def test_importing_the_same_bytes_twice_is_a_no_op_that_says_so():
    _import()
    before = _counts()
    outcome = _import()
    assert not outcome.created
    assert "already imported" in outcome.message
    assert _counts() == before


def test_re_running_an_import_keeps_admin_decisions():
    document = _import().document
    fact = document.facts.filter(kind="dated_event").first()
    fact.answer = "An answer an admin corrected"
    fact.edited = True
    fact.save()
    passage = document.passages.first()
    passage.sensitive, passage.sensitive_reviewed, passage.sensitive_reason = True, True, "admin"
    passage.save()
    approved = document.facts.exclude(pk=fact.pk).first()
    curation.facts_set_status(facts=Fact.objects.filter(pk=approved.pk), status="approved")
    before = _counts()

    services.document_process(document=document)

    fact.refresh_from_db()
    passage.refresh_from_db()
    approved.refresh_from_db()
    assert fact.answer == "An answer an admin corrected"
    assert passage.sensitive and passage.sensitive_reason == "admin"
    assert approved.status == "approved"
    assert _counts() == before


def test_a_crash_mid_import_leaves_no_partial_rows_and_a_rerun_completes(monkeypatch):
    outcome = services.document_create(data=ESSAY.encode(), filename="essay.md")
    document = outcome.document

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(persistence, "_persist_facts", explode)
    with pytest.raises(RuntimeError):
        services.document_process(document=document)
    assert not Passage.objects.filter(document=document).exists()
    assert not Mention.objects.exists()

    monkeypatch.undo()
    services.document_process(document=document)
    assert document.facts.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "picture, not a document"),
        ("Caf\u00e9 au lait was served in 1850.".encode("latin-1"), "UTF-8"),
        (b"   \n\n  \n", "empty"),
        (b"1234 5678\n\n---\n\n!!!", "sentence"),
    ],
    ids=["empty", "binary", "latin-1", "only-whitespace", "no-sentences"],
)
def test_bad_input_gets_a_clear_error_and_leaves_no_rows(data, message):
    with pytest.raises(IngestError, match=f"(?i){message}"):
        services.document_create(data=data, filename="bad.txt")
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.MAX_DOCUMENT_BYTES = 100
    with pytest.raises(IngestError, match="(?i)larger|limit|size"):
        services.document_create(data=("A sentence in 1900. " * 20).encode(), filename="big.txt")
    assert not Document.objects.exists()


def test_merging_entities_moves_mentions_and_facts_and_survives_a_reimport():
    document = _import().document
    madison = Entity.objects.filter(kind="person", name__contains="Madison").first()
    duplicate = Entity.objects.create(key="president madison", name="President Madison",
                                      kind="person")
    Mention.objects.filter(entity=madison).update(entity=duplicate)
    curation.entity_merge(target=madison, sources=[duplicate])
    madison.refresh_from_db()
    assert "President Madison" in madison.aliases
    assert not Entity.objects.filter(pk=duplicate.pk).exists()
    assert Mention.objects.filter(entity=madison).exists()
    services.document_process(document=document)
    assert not Entity.objects.filter(key="president madison").exists()


def test_the_command_imports_idempotently_and_reports_bad_files(tmp_path, capsys):
    good = tmp_path / "essay.md"
    good.write_text(ESSAY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("import_documents", str(good), str(empty))
    captured = capsys.readouterr()
    assert "Imported" in captured.out and "empty.txt" in captured.err
    call_command("import_documents", str(good))
    assert "already imported" in capsys.readouterr().out
    assert Document.objects.count() == 1
    assert Question.objects.filter(document__source_name="essay.md").exists()


def test_the_dry_run_prints_the_stable_json_report_and_saves_nothing(tmp_path, capsys):
    import json

    path = tmp_path / "essay.md"
    path.write_text(ESSAY, encoding="utf-8")
    call_command("import_documents", str(path), "--dry-run", "--json")
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {"document", "passages", "entities", "facts", "questions"}
    assert set(report["passages"][0]) >= {"text", "kind", "topic", "sensitive", "reason"}
    assert set(report["entities"][0]) >= {"name", "kind", "aliases"}
    fact_keys = {"kind", "passage", "subject", "answer", "date", "year", "end_year", "value",
                 "unit", "relation", "object"}
    assert fact_keys <= set(report["facts"][0])
    if report["questions"]:
        assert {"type", "prompt", "answer", "accepted", "choices", "passage", "fact_kind"} <= set(
            report["questions"][0]
        )
    assert _counts() == (0, 0, 0, 0, 0, 0)


def test_the_command_explains_a_missing_file(capsys):
    with pytest.raises(CommandError):
        call_command("import_documents", str(Path("/nonexistent/file.txt")))
    assert "no such file" in capsys.readouterr().err


def test_the_celery_task_imports_and_generates_questions_in_process():
    from content.tasks import import_document

    outcome = services.document_create(data=ESSAY.encode(), filename="essay.md")
    result = import_document.delay(outcome.document.pk).get()
    assert result["status"] == "ready"
    assert Question.objects.filter(document=outcome.document).exists()
    assert import_document.delay(outcome.document.pk).get()["status"] == "already done"
