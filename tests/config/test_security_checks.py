"""`make test`'s security step: pip-audit's report is read honestly (.ci/audit.py)."""

import importlib.util
import json
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "ci_audit", Path(__file__).resolve().parents[2] / ".ci" / "audit.py"
)
audit = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(audit)


def _fake_pip_audit(monkeypatch, dependencies):
    def run(argv, **kwargs):
        Path(argv[argv.index("--output") + 1]).write_text(
            json.dumps({"dependencies": dependencies})
        )

        class Done:
            stdout = stderr = ""

        return Done()

    monkeypatch.setattr(audit.subprocess, "run", run)


DJANGO_OK = {"name": "django", "version": "5.2.19", "vulns": []}
SKIPPED = {"name": "django", "version": "5.2.19", "skip_reason": "Dependency not found on PyPI"}


def test_a_known_vulnerability_fails_the_audit(monkeypatch, capsys):
    _fake_pip_audit(monkeypatch, [DJANGO_OK, {
        "name": "lxml", "version": "1.0", "vulns": [{"id": "PYSEC-1", "fix_versions": ["6.0"]}],
    }])
    assert audit.main() == 1
    assert "lxml 1.0: PYSEC-1 (fixed in 6.0)" in capsys.readouterr().out


def test_a_clean_audit_passes_and_counts_what_it_audited(monkeypatch, capsys):
    _fake_pip_audit(monkeypatch, [DJANGO_OK, SKIPPED | {"name": "anki"}])
    assert audit.main() == 0
    assert "1 packages audited" in capsys.readouterr().out


@pytest.mark.parametrize(("required", "code"), [("", 0), ("1", 1)])
def test_an_unreachable_service_is_said_and_fails_only_when_required(
    monkeypatch, capsys, required, code
):
    monkeypatch.setenv("REQUIRE_AUDIT", required)
    _fake_pip_audit(monkeypatch, [SKIPPED])
    assert audit.main() == code
    assert "could not be reached" in capsys.readouterr().out
