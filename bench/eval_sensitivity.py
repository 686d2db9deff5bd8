"""Score the sensitivity filter: graphic recall and false flags on a labelled set.

Usage: python bench/eval_sensitivity.py [--labelled bench/data/sensitivity/labelled.jsonl]

Reports, for ``content.ingest.sensitivity.sensitivity_reason``:
* recall on the graphic items (share flagged);
* the false-flag rate on the non-graphic items (share flagged), with counts;
* the seed's gold sensitive recall (and the second document's) through the whole
  pipeline, scored as in shared/eval/README.md (a flagged passage contains the gold
  substring), with the number of flagged passages that hold no gold substring.
Writes bench/results/sensitivity_<labelled file stem>.json and .md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.eval_extraction import score_sensitive  # noqa: E402
from content.ingest.pipeline import EXTRACTOR_VERSION, extract  # noqa: E402
from content.ingest.sensitivity import sensitivity_reason  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "000_f7e0d4b7daae71ae.txt"
SEED_GOLD = ROOT.parent / "shared" / "eval" / "seed_gold.json"
GOLD_DOCS = [
    (SEED, SEED_GOLD),
    (ROOT / "bench" / "data" / "second_doc.txt", ROOT / "bench" / "data" / "second_doc_gold.json"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--labelled", default=str(ROOT / "bench/data/sensitivity/labelled.jsonl"))
    parser.add_argument("--seed", default=str(SEED), help="the seed document")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in Path(args.labelled).read_text("utf-8").splitlines()
            if line.strip()]
    for row in rows:
        row["reason"] = sensitivity_reason(row["text"], row.get("kind", "sentence"))
    graphic = [r for r in rows if r["graphic"]]
    plain = [r for r in rows if not r["graphic"]]
    missed = [r for r in graphic if not r["reason"]]
    false_flags = [r for r in plain if r["reason"]]
    scores = {
        "graphic_recall": round(1 - len(missed) / len(graphic), 3),
        "graphic_flagged": len(graphic) - len(missed),
        "graphic": len(graphic),
        "false_flag_rate": round(len(false_flags) / len(plain), 3),
        "false_flags": len(false_flags),
        "non_graphic": len(plain),
    }
    docs = {}
    for doc, gold_path in GOLD_DOCS:
        if doc == SEED:
            doc = Path(args.seed)
        if not doc.exists() or not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text("utf-8")).get("sensitive_passages", [])
        ex = extract(doc.read_text("utf-8"), doc.name)
        score, extra, miss = score_sensitive(ex, gold)
        docs[doc.name] = {**score, "flagged_without_gold": extra, "missed": miss}

    lines = [f"# Sensitivity (extractor {EXTRACTOR_VERSION})", "",
             f"Labelled set: `{Path(args.labelled).name}`", "",
             "| measure | value | counts |", "|---|---|---|",
             f"| graphic recall | {scores['graphic_recall']:.3f} | "
             f"{scores['graphic_flagged']}/{scores['graphic']} |",
             f"| false flags on non-graphic | {scores['false_flag_rate']:.3f} | "
             f"{scores['false_flags']}/{scores['non_graphic']} |"]
    for name, d in docs.items():
        lines.append(f"| gold sensitive recall, {name} | {d['recall']:.3f} | "
                     f"flagged {d['extracted']} passages, gold {d['gold']}, "
                     f"{len(d['flagged_without_gold'])} flagged without gold |")
    lines += ["", "## Graphic, not flagged", ""]
    lines += [f"- ({r['kind']}, {r['source']}) {r['text']}" for r in missed] or ["- none"]
    lines += ["", "## Not graphic, flagged", ""]
    lines += [f"- ({r['kind']}, {r['source']}) {r['text']} — *{r['reason']}*"
              for r in false_flags] or ["- none"]
    for name, d in docs.items():
        if d["missed"] or d["flagged_without_gold"]:
            lines += ["", f"## {name}", ""]
            lines += [f"- gold missed: {m}" for m in d["missed"]]
            lines += [f"- flagged, no gold inside: {m}" for m in d["flagged_without_gold"]]
    md = "\n".join(lines) + "\n"
    print(md)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stem = f"sensitivity_{Path(args.labelled).stem}"
    (out / f"{stem}.json").write_text(json.dumps(
        {"version": EXTRACTOR_VERSION, "scores": scores, "documents": docs,
         "items": [{k: r[k] for k in ("text", "kind", "graphic", "reason")} for r in rows]},
        ensure_ascii=False, indent=2), encoding="utf-8")
    (out / f"{stem}.md").write_text(md, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
