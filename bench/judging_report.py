"""Tables and Wilson intervals from blind judges' verdicts.

    python bench/judging_report.py bench/results/judging/ROUND [--title T]

ROUND holds one folder per document with ``sample.json`` (what the judge saw)
and ``verdicts.json`` (what the judge said). Writes ``ROUND/README.md``: per
document and in all, acceptable / judged with a 95% Wilson interval, the
failures by category, and every question with its verdict.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.eval_questions import wilson  # noqa: E402

TABLE_HEAD = "| # | type | prompt | answer | choices | ok? | category | reason |"


def _row(q: dict, v: dict) -> str:
    choices = " / ".join(q.get("choices") or [])
    cells = [str(q["n"]), q["type"], q["prompt"], str(q["answer"]), choices,
             "yes" if v["ok"] else "no", v.get("category", ""), v.get("reason", "")]
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("round", type=Path)
    ap.add_argument("--title", default="")
    args = ap.parse_args()
    total_ok = total = 0
    categories: Counter[str] = Counter()
    summary, details = [], []
    for folder in sorted(p for p in args.round.iterdir() if (p / "verdicts.json").exists()):
        sample = json.loads((folder / "sample.json").read_text())
        verdicts = {v["n"]: v for v in json.loads((folder / "verdicts.json").read_text())}
        judged = [(q, verdicts[q["n"]]) for q in sample if q["n"] in verdicts]
        ok = sum(v["ok"] for _, v in judged)
        low, high = wilson(ok, len(judged))
        cats = Counter(v.get("category") or "?" for _, v in judged if not v["ok"])
        categories.update(cats)
        total_ok, total = total_ok + ok, total + len(judged)
        failures = ", ".join(f"{c} {n}" for c, n in cats.most_common())
        summary.append(f"| {folder.name} | {ok}/{len(judged)} | {ok / len(judged):.2f} | "
                       f"{low:.2f}–{high:.2f} | {failures} |")
        details += [f"\n## {folder.name}\n", TABLE_HEAD, "|---|---|---|---|---|---|---|---|",
                    *(_row(q, v) for q, v in judged)]
    low, high = wilson(total_ok, total)
    failures = ", ".join(f"{c} {n}" for c, n in categories.most_common())
    summary.append(f"| **all** | **{total_ok}/{total}** | **{total_ok / total:.2f}** | "
                   f"**{low:.2f}–{high:.2f}** | {failures} |")
    text = "\n".join([f"# {args.title or args.round.name}", "",
                      "| document | acceptable | share | 95% Wilson | failures |",
                      "|---|---|---|---|---|", *summary, *details, ""])
    (args.round / "README.md").write_text(text, encoding="utf-8")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
