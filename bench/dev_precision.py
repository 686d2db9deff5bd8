"""Development precision of what the generator publishes, on TUNE documents only.

This is a development signal, not an acceptability figure. The labels are the
blind judges' verdicts in ``bench/results/judging/dev/`` and ``dev2/`` on the
tune documents (Kenya, Imperialism, Martin_Luther, the seed), and those
verdicts have guided the vetoes, so a rise here is partly fitting to them. The
blind test documents are never opened: acceptability is only what a fresh
judge says about a fresh sample from ``judging/final``-style rounds.

For each labelled question the script finds its prompt in a fresh dry-run
report of its document (``manage.py import_documents --dry-run --json``) and
reports:

* precision of the labelled questions the current generator would publish,
  and how many of the labelled OK ones it keeps published;
* for each veto (and for "score below threshold" / "caps"), how many labelled
  OK and not-OK questions it holds back;
* published count and published questions per 100 words for every tune
  document (including ``bench/data/second_doc.txt``, which has no labels).

Verdicts of category "duplicate" judge the sample, not the question, so they
are left out of the labels. Labelled prompts the generator no longer produces
are counted as "gone".

Usage::

    DEBUG=1 DATABASE_URL=sqlite:////tmp/q2.sqlite3 .venv/bin/python manage.py migrate -v0
    DEBUG=1 DATABASE_URL=sqlite:////tmp/q2.sqlite3 .venv/bin/python bench/dev_precision.py
        [--reports DIR]   # reuse DIR/<doc>.json instead of running the dry runs
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGING = ROOT / "bench" / "results" / "judging"
ROUNDS = ("dev", "dev2")
# Tune documents only (bench/data/SPLIT.md).
DOCS = {
    "Kenya": ROOT.parent / "shared" / "eval" / "prose" / "Kenya.md",
    "Imperialism": ROOT.parent / "shared" / "eval" / "prose" / "Imperialism.md",
    "Martin_Luther": ROOT.parent / "shared" / "eval" / "prose" / "Martin_Luther.md",
    "seed": ROOT.parent / "shared" / "seeds" / "000_f7e0d4b7daae71ae.txt",
    "second_doc": ROOT / "bench" / "data" / "second_doc.txt",
}


def _key(prompt: str) -> str:
    return re.sub(r"\W+", " ", prompt.casefold()).strip()


def run_report(doc: str, out: Path) -> dict:
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "1"),
           "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:////tmp/q2.sqlite3")}
    text = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "import_documents", "--dry-run", "--json",
         str(DOCS[doc])], check=True, capture_output=True, text=True, env=env, cwd=ROOT,
    ).stdout
    out.write_text(text)
    return json.loads(text)


def labels(doc: str) -> list[dict]:
    found = []
    for rnd in ROUNDS:
        folder = JUDGING / rnd / doc
        if not (folder / "sample.json").exists():
            continue
        sample = {q["n"]: q for q in json.loads((folder / "sample.json").read_text())}
        for v in json.loads((folder / "verdicts.json").read_text()):
            if v.get("category") == "duplicate":
                continue
            q = sample[v["n"]]
            found.append({**q, "ok": bool(v["ok"]), "category": v.get("category") or "",
                          "reason": v.get("reason", ""), "round": rnd})
    return found


def reasons(q: dict) -> list[str]:
    vetoes = [k.removeprefix("veto: ") for k in q.get("features", {}) if k.startswith("veto: ")]
    if vetoes:
        return vetoes
    if q.get("published"):
        return []
    return ["score below threshold" if q.get("score", 0) < 0.6 else "caps"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=Path, help="directory with <doc>.json dry-run reports")
    parser.add_argument("--save", type=Path, default=Path("/tmp/q2rep"),
                        help="where fresh reports are written")
    parser.add_argument("--list", action="store_true", help="list published labelled failures")
    args = parser.parse_args()
    if args.reports:
        reports = {d: json.loads((args.reports / f"{d}.json").read_text()) for d in DOCS}
    else:
        args.save.mkdir(parents=True, exist_ok=True)
        with ThreadPoolExecutor(len(DOCS)) as pool:
            futures = {d: pool.submit(run_report, d, args.save / f"{d}.json") for d in DOCS}
            reports = {d: f.result() for d, f in futures.items()}

    print("Development precision on TUNE documents (labels guided the rules; not acceptability)\n")
    print("| document | labelled | gone | published labelled | OK of those | precision |"
          " OK kept / OK labelled | published | per 100 words |")
    print("|---|---|---|---|---|---|---|---|---|")
    totals = Counter()
    by_rule: dict[str, Counter] = defaultdict(Counter)
    bad_published: list[tuple[str, dict]] = []
    distinct: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for doc, report in reports.items():
        questions = {_key(q["prompt"]): q for q in report["questions"]}
        words = sum(len(p["text"].split()) for p in report["passages"])
        published = sum(1 for q in report["questions"] if q.get("published"))
        c = Counter()
        for lab in labels(doc):
            c["labelled"] += 1
            c["ok labelled"] += lab["ok"]
            q = questions.get(_key(lab["prompt"]))
            if q is None:
                c["gone"] += 1
                continue
            if q.get("published"):
                distinct[(doc, _key(lab["prompt"]))].append(lab["ok"])
                c["published"] += 1
                c["published ok"] += lab["ok"]
                if not lab["ok"]:
                    bad_published.append((doc, {**lab, "score": q.get("score")}))
            for r in reasons(q):
                by_rule[r]["ok" if lab["ok"] else "bad"] += 1
        totals.update(c)
        prec = f"{c['published ok'] / c['published']:.2f}" if c["published"] else "–"
        print(f"| {doc} | {c['labelled']} | {c['gone']} | {c['published']} | "
              f"{c['published ok']} | {prec} | {c['published ok']}/{c['ok labelled']} | "
              f"{published} | {100 * published / max(words, 1):.2f} |")
    prec = f"{totals['published ok'] / totals['published']:.2f}" if totals["published"] else "–"
    print(f"| **all** | {totals['labelled']} | {totals['gone']} | {totals['published']} | "
          f"{totals['published ok']} | **{prec}** | {totals['published ok']}/"
          f"{totals['ok labelled']} | | |")
    agreed = sum(all(v) for v in distinct.values())
    print(f"\nA prompt judged in both rounds counts twice above. Distinct published prompts: "
          f"{len(distinct)}, OK in every verdict: {agreed}"
          f" ({agreed / max(len(distinct), 1):.2f}).")
    print("\nWhat holds labelled questions back (a question with several vetoes counts in each)\n")
    print("| rule | labelled OK held back | labelled not-OK held back |")
    print("|---|---|---|")
    for rule, c in sorted(by_rule.items(), key=lambda kv: -(kv[1]["ok"] + kv[1]["bad"])):
        print(f"| {rule} | {c['ok']} | {c['bad']} |")
    cats = Counter(lab["category"] for _, lab in bad_published)
    print("\nPublished labelled failures by category: "
          + ", ".join(f"{k} {v}" for k, v in cats.most_common()))
    if args.list:
        for doc, lab in bad_published:
            print(f"- [{doc}/{lab['round']}] {lab['category']}: {lab['prompt']} → "
                  f"{lab['answer']} ({lab['reason']})")


if __name__ == "__main__":
    main()
