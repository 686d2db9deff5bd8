"""Audit the installed packages for known vulnerabilities (pip-audit), clearly.

`pip-audit` asks PyPI's JSON API for each package's advisories. Where that API
cannot be reached (a registry mirror that serves only the package index, or
no network), pip-audit skips every package and still says "No known
vulnerabilities found", which would read as a pass. This script tells the two
apart:

- a known vulnerability fails, always;
- an audit that could not reach the vulnerability service fails only under
  REQUIRE_AUDIT=1, and otherwise says loudly that nothing was audited.

(REQUIRE_SERVICES=1 is not reused: it means PostgreSQL and Redis, which CI
starts itself, while the advisory service is outside our control.)
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BIN = Path(sys.executable).parent


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "audit.json"
        run = subprocess.run(  # nosec B603 - fixed argv, our own venv's pip-audit
            [str(BIN / "pip-audit"), "--progress-spinner", "off", "--skip-editable",
             "--format", "json", "--output", str(report)],
            capture_output=True, text=True, timeout=600, check=False,
        )
        if not report.exists():
            print(run.stdout + run.stderr)
            return _unreachable("pip-audit wrote no report")
        data = json.loads(report.read_text())
    deps = data.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    audited = [d for d in deps if "skip_reason" not in d]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            print(f"audit: {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
    if vulnerable:
        print(f"audit: FAILED, {len(vulnerable)} vulnerable package(s)")
        return 1
    if not audited:
        return _unreachable(f"none of {len(deps)} packages could be looked up")
    print(f"audit: {len(audited)} packages audited, no known vulnerabilities "
          f"({len(deps) - len(audited)} not found on the service)")
    return 0


def _unreachable(why: str) -> int:
    message = f"audit: the vulnerability service could not be reached: {why}."
    if os.environ.get("REQUIRE_AUDIT") == "1":
        print(message + " REQUIRE_AUDIT=1, so this fails.")
        return 1
    print(message + " NOTHING WAS AUDITED (set REQUIRE_AUDIT=1 to make this fail).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
