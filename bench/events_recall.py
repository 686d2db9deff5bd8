"""Pool event recall and precision over several documents and their gold files.

Usage: python bench/events_recall.py [DOC ...] [--details]

Each DOC is scored against ``<stem>_gold.json`` beside it, the way
``bench/eval_extraction.py`` scores its "events" row; matches are summed over
all documents. Without DOC, the held-out rounds 2–9 are pooled (``heldout10`` is
the final blind test and is never read here). ``--details`` lists each
document's missed gold events and extracted non-gold ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.eval_extraction import names_match  # noqa: E402
from content.ingest.pipeline import EXTRACTOR_VERSION, extract  # noqa: E402
from content.ingest.types import EVENT  # noqa: E402

HELDOUT_ROUNDS = range(2, 10)


def default_documents() -> list[Path]:
    docs: list[Path] = []
    for n in HELDOUT_ROUNDS:
        folder = ROOT / "bench" / "data" / f"heldout{n}"
        docs += sorted(p for p in folder.iterdir()
                       if p.suffix in (".md", ".txt") and p.name != "README.md")
    return docs


def gold_for(doc: Path) -> Path:
    return doc.with_name(f"{doc.stem}_gold.json")


def score_events(doc: Path) -> dict:
    gold = json.loads(gold_for(doc).read_text(encoding="utf-8")).get("events", [])
    ex = extract(doc.read_text(encoding="utf-8"), doc.name)
    ours = [[e.name, *e.aliases] for e in ex.entities if e.kind == EVENT]
    golds = [[g["name"], *g.get("aliases", [])] for g in gold]
    pred_ok = [any(names_match(o, g) for g in golds) for o in ours]
    gold_ok = [any(names_match(o, g) for o in ours) for g in golds]
    return {
        "document": doc.name,
        "matched_pred": sum(pred_ok), "extracted": len(ours),
        "matched_gold": sum(gold_ok), "gold": len(golds),
        "extra": [o[0] for o, ok in zip(ours, pred_ok, strict=True) if not ok],
        "missed": [g[0] for g, ok in zip(golds, gold_ok, strict=True) if not ok],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("docs", nargs="*", type=Path)
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args(argv)
    rows = [score_events(doc) for doc in (args.docs or default_documents())]
    print(f"# Events pooled (extractor {EXTRACTOR_VERSION})\n")
    print("| document | recall | precision |\n|---|---|---|")
    for r in rows:
        print(f"| {r['document']} | {r['matched_gold']}/{r['gold']} | "
              f"{r['matched_pred']}/{r['extracted']} |")
    mg, g = sum(r["matched_gold"] for r in rows), sum(r["gold"] for r in rows)
    mp, e = sum(r["matched_pred"] for r in rows), sum(r["extracted"] for r in rows)
    print(f"| **pooled** | {mg}/{g} = {mg / g:.3f} | {mp}/{e} = {mp / e:.3f} |")
    if args.details:
        for r in rows:
            print(f"\n## {r['document']}\n- missed: " + "; ".join(r["missed"])
                  + "\n- extra: " + "; ".join(r["extra"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
