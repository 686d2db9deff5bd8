"""Worst-case text against typical text: does hostile input cost more per byte?

    python bench/hostile_input.py

Runs the pure ingest pipeline (``content.ingest.pipeline.extract``) on the
demo document and on inputs built to hit spaCy's tokenizer where it is
quadratic (long whitespace-free runs of symbols, one enormous "word", a line of
commas), each padded to the same size. Reports microseconds per byte and the
ratio to the typical document measured in the same run. Target (issue 15):
every hostile row within 3x the typical cost per byte.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

TARGET = 3.0


def _cases(typical: str) -> dict[str, str]:
    size = len(typical)
    lead = "The war began in 1914 and ended in 1918.\n\n"
    return {
        "typical (demo document)": typical,
        "asterisks": lead + "*" * size,
        "alternating symbols": lead + "*-" * (size // 2),
        "one long word": lead + "ab" * (size // 2),
        "commas on one line": lead + "," * size,
        "letters and symbols": lead + "x*" * (size // 2),
    }


def main() -> None:
    common.parser(__doc__.splitlines()[0]).parse_args()
    from content.ingest.nlp import get_nlp
    from content.ingest.pipeline import extract

    get_nlp()  # load the model outside the timings
    typical = (common.ROOT / "demo" / "second_sino_japanese_war.txt").read_text()
    rows, payload = [], {}
    base = None
    for name, text in _cases(typical).items():
        started = time.perf_counter()
        extract(text, "bench.txt")
        us_per_byte = (time.perf_counter() - started) * 1e6 / len(text.encode())
        base = base or us_per_byte
        ratio = us_per_byte / base
        rows.append([name, len(text.encode()), us_per_byte, ratio, common.verdict(ratio, TARGET)])
        payload[name] = {"bytes": len(text.encode()), "us_per_byte": us_per_byte, "ratio": ratio}
    table = common.md_table(["input", "bytes", "µs per byte", "× typical", f"≤ {TARGET}×"], rows)
    common.write_results("hostile_input", "Hostile input against typical text", table, payload)


if __name__ == "__main__":
    main()
