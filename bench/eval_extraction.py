"""Score the ingest pipeline against a gold file (format of shared/eval/seed_gold.json).

Usage: python bench/eval_extraction.py DOC GOLD [--repeat-speed N]

Scoring follows shared/eval/README.md: names compared after normalisation (or
near-equal), dated facts by passage containment + year, quantities by passage +
value within 1%, sensitive passages by containment, relations (RELATION or ROLE
facts with an object) by passage containment + subject and object names. Writes
bench/results/extraction_<docname>.json and .md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from content.ingest.nlp import get_nlp  # noqa: E402
from content.ingest.parse import parse_document  # noqa: E402
from content.ingest.pipeline import EXTRACTOR_VERSION, extract  # noqa: E402
from content.ingest.types import (  # noqa: E402
    DATED_EVENT,
    EVENT,
    LIFESPAN,
    ORGANIZATION,
    PERSON,
    PLACE,
    QUANTITY,
    RELATION,
    ROLE,
    Extraction,
)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("P"))
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


def near(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= 5 and SequenceMatcher(None, a, b).ratio() >= 0.9


def names_match(ours: list[str], gold: list[str]) -> bool:
    a = [norm(x) for x in ours if norm(x)]
    b = [norm(x) for x in gold if norm(x)]
    return any(near(x, y) for x in a for y in b)


def pr(matched_pred: int, n_pred: int, matched_gold: int, n_gold: int) -> dict[str, Any]:
    return {
        "precision": round(matched_pred / n_pred, 3) if n_pred else None,
        "recall": round(matched_gold / n_gold, 3) if n_gold else None,
        "extracted": n_pred,
        "gold": n_gold,
    }


def score_entities(ex: Extraction, gold: list[dict], kind: str) -> tuple[dict, list, list]:
    ours = [[e.name, *e.aliases] for e in ex.entities if e.kind == kind]
    golds = [[g["name"], *g.get("aliases", [])] for g in gold]
    pred_ok = [any(names_match(o, g) for g in golds) for o in ours]
    gold_ok = [any(names_match(o, g) for o in ours) for g in golds]
    fp = [o[0] for o, ok in zip(ours, pred_ok, strict=True) if not ok]
    fn = [g[0] for g, ok in zip(golds, gold_ok, strict=True) if not ok]
    return pr(sum(pred_ok), len(ours), sum(gold_ok), len(golds)), fp, fn


def _contains(passage: str, gold_passage: str) -> bool:
    return norm(gold_passage) in norm(passage)


def score_dated(ex: Extraction, gold: list[dict]) -> tuple[dict, list, list]:
    facts = [f for f in ex.facts if f.kind in (DATED_EVENT, LIFESPAN) and f.date]
    texts = [ex.passages[f.passage].text for f in facts]

    def match(i: int, g: dict) -> bool:
        years = {g["year"], g.get("end_year")} - {None}
        return _contains(texts[i], g["passage"]) and facts[i].date.year in years

    pred_ok = [any(match(i, g) for g in gold) for i in range(len(facts))]
    gold_ok = [any(match(i, g) for i in range(len(facts))) for g in gold]
    fp = [f"{facts[i].date.text} | {texts[i][:60]}" for i, ok in enumerate(pred_ok) if not ok]
    fn = [f"{g['date']} | {g['passage']}" for g, ok in zip(gold, gold_ok, strict=True) if not ok]
    return pr(sum(pred_ok), len(facts), sum(gold_ok), len(gold)), fp, fn


def score_quantities(ex: Extraction, gold: list[dict]) -> tuple[dict, list, list]:
    facts = [f for f in ex.facts if f.kind == QUANTITY and f.value is not None]
    texts = [ex.passages[f.passage].text for f in facts]

    def match(i: int, g: dict) -> bool:
        value = float(g["value"])
        return _contains(texts[i], g["passage"]) and abs(facts[i].value - value) <= abs(
            value) * 0.01

    pred_ok = [any(match(i, g) for g in gold) for i in range(len(facts))]
    gold_ok = [any(match(i, g) for i in range(len(facts))) for g in gold]
    fp = [f"{facts[i].answer} {facts[i].unit} | {texts[i][:60]}"
          for i, ok in enumerate(pred_ok) if not ok]
    fn = [f"{g['value']} {g['unit']} | {g['passage']}"
          for g, ok in zip(gold, gold_ok, strict=True) if not ok]
    return pr(sum(pred_ok), len(facts), sum(gold_ok), len(gold)), fp, fn


def score_sensitive(ex: Extraction, gold: list[str]) -> tuple[dict, list, list]:
    flagged = [p.text for p in ex.passages if p.sensitive]
    pred_ok = [any(_contains(t, g) for g in gold) for t in flagged]
    gold_ok = [any(_contains(t, g) for t in flagged) for g in gold]
    fp = [t[:80] for t, ok in zip(flagged, pred_ok, strict=True) if not ok]
    fn = [g for g, ok in zip(gold, gold_ok, strict=True) if not ok]
    return pr(sum(pred_ok), len(flagged), sum(gold_ok), len(gold)), fp, fn


def score_relations(ex: Extraction, gold: list[dict]) -> tuple[dict, list, list]:
    names = {e.key: [e.name, *e.aliases] for e in ex.entities}
    # RELATION and ROLE facts with an object; one prediction per (passage, subject,
    # relation, object), so a role repeated as a relation is not counted twice.
    unique: dict[tuple, Any] = {}
    for f in ex.facts:
        if f.kind in (RELATION, ROLE) and f.subject and f.object:
            unique.setdefault((f.passage, f.subject, f.relation, f.object), f)
    facts = list(unique.values())
    texts = [ex.passages[f.passage].text for f in facts]

    def match(i: int, g: dict) -> bool:
        f = facts[i]
        return (_contains(texts[i], g["passage"])
                and names_match(names.get(f.subject, []), [g["subject"]])
                and names_match(names.get(f.object, []), [g["object"]]))

    pred_ok = [any(match(i, g) for g in gold) for i in range(len(facts))]
    gold_ok = [any(match(i, g) for i in range(len(facts))) for g in gold]
    fp = [f"{names[facts[i].subject][0]} {facts[i].relation} {names[facts[i].object][0]}"
          for i, ok in enumerate(pred_ok) if not ok]
    fn = [f"{g['subject']} {g['relation']} {g['object']}"
          for g, ok in zip(gold, gold_ok, strict=True) if not ok]
    return pr(sum(pred_ok), len(facts), sum(gold_ok), len(gold)), fp, fn


def speed(text: str, name: str, repeat: int) -> dict[str, Any]:
    """extract() vs a bare nlp.pipe over the same passages, in words per second."""
    nlp = get_nlp()
    big = "\n\n".join([text] * repeat) if repeat > 1 else text
    passages = [p.text for p in parse_document(big, name).passages]
    words = sum(len(p.split()) for p in passages)
    # Repeated captions merge into one passage, so time the model on the passages
    # extract() actually analyses: the comparison is like for like.
    list(nlp.pipe(passages[:5]))  # warm-up
    t0 = time.perf_counter()
    list(nlp.pipe(passages, batch_size=64))
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract(big, name)
    full = time.perf_counter() - t0
    return {
        "repeat": repeat,
        "passages": len(passages),
        "words": words,
        "bare_nlp_pipe_s": round(bare, 3),
        "extract_s": round(full, 3),
        "bare_words_per_s": round(words / bare),
        "extract_words_per_s": round(words / full),
        "ratio": round(full / bare, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("doc")
    parser.add_argument("gold")
    parser.add_argument("--repeat-speed", type=int, default=50)
    args = parser.parse_args(argv)
    doc_path = Path(args.doc)
    text = doc_path.read_text(encoding="utf-8")
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    ex = extract(text, doc_path.name)

    rows: dict[str, tuple[dict, list, list]] = {
        "people": score_entities(ex, gold.get("people", []), PERSON),
        "events": score_entities(ex, gold.get("events", []), EVENT),
        "places": score_entities(ex, gold.get("places", []), PLACE),
        "organizations": score_entities(ex, gold.get("organizations", []), ORGANIZATION),
        "dated facts": score_dated(ex, gold.get("dated_facts", [])),
        "quantities": score_quantities(ex, gold.get("quantities", [])),
        "relations": score_relations(ex, gold.get("relations", [])),
        "sensitive passages": score_sensitive(ex, gold.get("sensitive_passages", [])),
    }
    speeds = [speed(text, doc_path.name, 1), speed(text, doc_path.name, args.repeat_speed)]

    lines = [f"# Extraction: {doc_path.name} (extractor {EXTRACTOR_VERSION})", "",
             "| item | precision | recall | extracted | gold |", "|---|---|---|---|---|"]
    for label, (score, _, _) in rows.items():
        p = "–" if score["precision"] is None else f"{score['precision']:.3f}"
        r = "–" if score["recall"] is None else f"{score['recall']:.3f}"
        lines.append(f"| {label} | {p} | {r} | {score['extracted']} | {score['gold']} |")
    lines += ["", "| speed | passages | words | bare nlp.pipe w/s | extract() w/s | ratio |",
              "|---|---|---|---|---|---|"]
    for s in speeds:
        lines.append(f"| ×{s['repeat']} | {s['passages']} | {s['words']} | "
                     f"{s['bare_words_per_s']} | {s['extract_words_per_s']} | {s['ratio']} |")
    lines += ["", "## Misses and extras", ""]
    for label, (_, fp, fn) in rows.items():
        if fp:
            lines.append(f"- **{label}, extracted but not in gold**: " + "; ".join(fp))
        if fn:
            lines.append(f"- **{label}, gold but missed**: " + "; ".join(fn))
    md = "\n".join(lines) + "\n"
    print(md)

    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = doc_path.stem
    payload = {
        "document": doc_path.name,
        "version": EXTRACTOR_VERSION,
        "scores": {k: v[0] for k, v in rows.items()},
        "extra": {k: v[1] for k, v in rows.items()},
        "missed": {k: v[2] for k, v in rows.items()},
        "speed": speeds,
    }
    (out_dir / f"extraction_{stem}.json").write_text(
        json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    (out_dir / f"extraction_{stem}.md").write_text(md, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
