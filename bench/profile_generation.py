"""Question generation's cost against extraction's (issue 12: generation under 0.3x).

    python bench/profile_generation.py [DOC ...] [--runs 5] [--profile N]
                                       [--dump FILE | --compare FILE]

For each document (default: the four tune documents below), ``--runs`` times in
one process: extract() then generate() on that extraction, each timed in CPU
time (``time.process_time``); the ratio is generation over extraction of the
same run, and the table gives the median of the runs. The spaCy model and the
word tables are loaded before the first run, as bench/eval_questions.py does.

``--profile N`` also runs generate() once more per document under cProfile and
prints its N costliest functions by own time and by cumulative time.

``--dump FILE`` writes ``questions_report(generate(extract(text)), extraction)``
(published and drafts, scores, features) and the rejections of every document
as JSON; ``--compare FILE`` builds the same and says whether it is
byte-identical to FILE. Both run under PYTHONHASHSEED=0 (the script restarts
itself with it), so a change meant to leave the output alone can be checked.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from content.generation import generate, questions_report, warm_up  # noqa: E402
from content.ingest.nlp import get_nlp  # noqa: E402
from content.ingest.pipeline import extract  # noqa: E402

DOCS = [
    ROOT.parent / "shared" / "seeds" / "000_f7e0d4b7daae71ae.txt",
    ROOT / "bench" / "data" / "second_doc.txt",
    ROOT / "bench" / "data" / "tune_handouts" / "norman_conquest_handout.md",
    ROOT / "bench" / "data" / "tune_handouts" / "scramble_for_africa_handout.md",
]


def timed_run(text: str, name: str) -> tuple[float, float]:
    c0 = time.process_time()
    ex = extract(text, name)
    c_extract = time.process_time() - c0
    c0 = time.process_time()
    generate(ex)
    return c_extract, time.process_time() - c0


def report_of(text: str, name: str) -> dict:
    ex = extract(text, name)
    result = generate(ex)
    return {
        "questions": questions_report(result, ex),
        "rejections": [[r.key, r.reason, r.prompt] for r in result.rejections],
    }


def profile(text: str, name: str, top: int) -> None:
    ex = extract(text, name)
    prof = cProfile.Profile()
    prof.enable()
    generate(ex)
    prof.disable()
    for order in ("tottime", "cumulative"):
        print(f"\n### {name}: top {top} by {order}\n")
        pstats.Stats(prof, stream=sys.stdout).sort_stats(order).print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docs", nargs="*", type=Path, default=DOCS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--dump", type=Path)
    out.add_argument("--compare", type=Path)
    args = parser.parse_args()

    if (args.dump or args.compare) and os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv],
                  {**os.environ, "PYTHONHASHSEED": "0"})

    get_nlp()  # the model load is a one-off per process, not part of an import
    warm_up()

    if args.dump or args.compare:
        reports = {p.name: report_of(p.read_text(encoding="utf-8"), p.name) for p in args.docs}
        data = json.dumps(reports, ensure_ascii=False, indent=1, sort_keys=True)
        if args.dump:
            args.dump.write_text(data, encoding="utf-8")
            print(f"wrote {args.dump} ({len(data)} chars)")
            return
        same = args.compare.read_text(encoding="utf-8") == data
        for p in args.docs:
            before = json.loads(args.compare.read_text(encoding="utf-8")).get(p.name)
            print(f"{p.name}: {'identical' if before == reports[p.name] else 'DIFFERENT'}")
        print("byte-identical" if same else "NOT byte-identical")
        sys.exit(0 if same else 1)

    print("| document | runs | extraction CPU s | generation CPU s | ratio (median) | ratios |")
    print("|---|---|---|---|---|---|")
    for p in args.docs:
        text = p.read_text(encoding="utf-8")
        runs = [timed_run(text, p.name) for _ in range(args.runs)]
        ratios = [g / e for e, g in runs]
        extraction = statistics.median(e for e, _ in runs)
        generation = statistics.median(g for _, g in runs)
        print(f"| {p.name} | {args.runs} | {extraction:.3f} | {generation:.3f} "
              f"| **{statistics.median(ratios):.2f}** "
              f"| {' '.join(f'{r:.2f}' for r in ratios)} |", flush=True)
    for p in args.docs if args.profile else []:
        profile(p.read_text(encoding="utf-8"), p.name, args.profile)


if __name__ == "__main__":
    main()
