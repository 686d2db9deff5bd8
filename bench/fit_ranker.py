"""Fit the publishing ranker to blind judges' verdicts on the TUNE documents.

Usage: python bench/fit_ranker.py [--write] [--min-precision 0.8]

Reads every labelled sample under ``bench/results/judging/<ROUNDS>``
(only tune documents, per ``bench/data/SPLIT.md``; the judge documents' verdicts
are never read here), regenerates each document with the current code, matches
each judged question by its type, prompt and answer to a generated one, and fits
an L2 logistic regression from the question's ranker signals
(``content.generation.ranker.signals``) to the judge's ok.

It reports leave-one-document-out figures (log loss, AUC, and precision against
the share kept at several thresholds) for a few regularisation strengths, then
fits the chosen strength on everything. With ``--write`` it writes
``content/generation/ranker_weights.json``: the weights, the bias, the publishing
threshold (the lowest whose leave-one-document-out precision reaches
``--min-precision``) and how it was fitted.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from content.generation import generate, ranker, warm_up  # noqa: E402
from content.ingest.nlp import get_nlp  # noqa: E402
from content.ingest.pipeline import extract  # noqa: E402

JUDGING = ROOT / "bench" / "results" / "judging"
# Labelling rounds on the tune documents, then the blind rounds on the held-out folders
# 2-13, each judged once and then moved to the tune side (bench/data/SPLIT.md), and the
# labelling round drawn from them afterwards.
ROUNDS = ("dev", "dev2", "labels", "labels2", "labels3", "labels4", "gen23", "gen24", "gen25",
          "gen26", "gen27", "gen28", "gen29", "gen210", "gen212", "labels5", "gen214", "gen215",
          "gen217", "labels6")
# The tune half of bench/data/SPLIT.md, by the folder names the judging rounds use.
TUNE = {
    "seed": ROOT.parent / "shared" / "seeds" / "000_f7e0d4b7daae71ae.txt",
    "second_doc": ROOT / "bench" / "data" / "second_doc.txt",
    "Imperialism": ROOT.parent / "shared" / "eval" / "prose" / "Imperialism.md",
    "Martin_Luther": ROOT.parent / "shared" / "eval" / "prose" / "Martin_Luther.md",
    "Kenya": ROOT.parent / "shared" / "eval" / "prose" / "Kenya.md",
    "norman_conquest_handout": ROOT / "bench" / "data" / "tune_handouts"
    / "norman_conquest_handout.md",
    "scramble_for_africa_handout": ROOT / "bench" / "data" / "tune_handouts"
    / "scramble_for_africa_handout.md",
}
# Held-out folders whose one blind judgement is spent (bench/data/SPLIT.md); heldout14 on is
# never read here. The Scramble handout of heldout10 shares a tune handout's name and topic.
SPENT = range(2, 14)
TUNE.update({
    path.stem: path for n in SPENT for path in sorted((ROOT / "bench" / "data" / f"heldout{n}")
                                                      .iterdir())
    if path.suffix in (".md", ".txt") and path.name != "README.md" and path.stem not in TUNE
})
LAMBDAS = (1.0, 3.0, 10.0, 20.0, 40.0)


def _key(kind: str, prompt: str, answer: str) -> tuple[str, str, str]:
    return kind, " ".join(prompt.split()), " ".join(str(answer).split())


def labelled() -> list[tuple[str, dict[str, float], bool]]:
    """(document, signals, ok) for every judged question the current code still asks."""
    out: list[tuple[str, dict[str, float], bool]] = []
    get_nlp()
    warm_up()
    for name, path in TUNE.items():
        rows = []
        for rnd in ROUNDS:
            folder = JUDGING / rnd / name
            if not (folder / "verdicts.json").exists():
                continue
            sample = json.loads((folder / "sample.json").read_text(encoding="utf-8"))
            # "duplicate" says the sample drew one fact twice (drafts repeat the published
            # questions), not what is wrong with the question: the caps handle repeats.
            verdicts = {int(v.get("n", v.get("#", 0))): bool(v["ok"]) for v in
                        json.loads((folder / "verdicts.json").read_text(encoding="utf-8"))
                        if v.get("category") != "duplicate"}
            for row in sample:
                n = int(row.get("n", row.get("#", 0)))
                if n in verdicts:
                    rows.append((_key(row["type"], row["prompt"], row["answer"]), verdicts[n]))
        if not rows:
            continue
        result = generate(extract(path.read_text(encoding="utf-8"), path.name))
        generated = {_key(q.type, q.prompt, q.answer): q.signals for q in result.all_questions}
        matched = [(generated[k], ok) for k, ok in rows if k in generated]
        print(f"{name}: {len(rows)} labels, {len(matched)} still generated")
        out.extend((name, x, ok) for x, ok in matched)
    return out


def _matrix(rows, names: list[str]) -> np.ndarray:
    index = {n: i for i, n in enumerate(names)}
    m = np.zeros((len(rows), len(names)))
    for r, x in enumerate(rows):
        for k, v in x.items():
            if k in index:
                m[r, index[k]] = v
    return m


def fit(x: np.ndarray, y: np.ndarray, lam: float) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression by Newton's method (the bias is not penalised)."""
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.full(d + 1, lam)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + penalty * w
        hess = xb.T @ (xb * (p * (1 - p))[:, None]) + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def auc(p: np.ndarray, y: np.ndarray) -> float:
    pos, neg = p[y == 1], p[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    above = (pos[:, None] > neg[None, :]).mean()
    return float(above + 0.5 * (pos[:, None] == neg[None, :]).mean())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--min-precision", type=float, default=0.8)
    parser.add_argument("--lam", type=float, default=None, help="skip the search, use this")
    args = parser.parse_args(argv)
    data = labelled()
    docs = sorted({d for d, _, _ in data})
    names = sorted({k for _, x, _ in data for k in x})
    x = _matrix([r[1] for r in data], names)
    y = np.array([1.0 if r[2] else 0.0 for r in data])
    groups = np.array([r[0] for r in data])
    print(f"{len(y)} labels, {int(y.sum())} ok ({y.mean():.2f}), {len(names)} signals, "
          f"documents {docs}")
    best = None
    for lam in ([args.lam] if args.lam else LAMBDAS):
        held = np.zeros(len(y))
        for doc in docs:
            train = groups != doc
            w, b = fit(x[train], y[train], lam)
            held[~train] = 1 / (1 + np.exp(-np.clip(x[~train] @ w + b, -30, 30)))
        eps = 1e-6
        loss = float(-np.mean(y * np.log(held + eps) + (1 - y) * np.log(1 - held + eps)))
        print(f"lambda {lam}: held-out log loss {loss:.3f}, AUC {auc(held, y):.3f}")
        if best is None or loss < best[1]:
            best = (lam, loss, held)
    lam, loss, held = best
    print(f"\nchosen lambda {lam}; leave-one-document-out precision by threshold:")
    print("threshold  kept  share  precision")
    chosen = None
    for t in np.arange(0.30, 0.91, 0.025):
        kept = held >= t
        if kept.sum() == 0:
            continue
        precision = float(y[kept].mean())
        print(f"  {t:.2f}    {int(kept.sum()):4d}  {kept.mean():.2f}   {precision:.3f}")
        if chosen is None and precision >= args.min_precision and kept.sum() >= 20:
            chosen = round(float(t), 2)
    print(f"per document at {chosen}:")
    for doc in docs:
        m = groups == doc
        kept = m & (held >= (chosen or 1.0))
        print(f"  {doc}: {int(kept.sum())}/{int(m.sum())} kept, precision "
              f"{y[kept].mean() if kept.sum() else float('nan'):.2f} (base {y[m].mean():.2f})")
    w, b = fit(x, y, lam)
    order = np.argsort(w)
    print("\nweights, most negative first:")
    for i in order:
        print(f"  {w[i]:+.2f}  {names[i]}")
    print(f"  bias {b:+.2f}")
    if args.write:
        if chosen is None:
            print("no threshold reaches the precision asked for; nothing written")
            return 1
        model = {
            "fitted": date.today().isoformat(),
            "labels": len(y), "acceptable": int(y.sum()), "documents": docs,
            "lambda": lam, "held_out_log_loss": round(loss, 4),
            "held_out_auc": round(auc(held, y), 4),
            "min_precision": args.min_precision, "threshold": chosen,
            "bias": round(b, 4),
            "weights": {names[i]: round(float(w[i]), 4) for i in range(len(names))
                        if abs(w[i]) >= 1e-4},
        }
        ranker.WEIGHTS.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n",
                                  encoding="utf-8")
        print(f"wrote {ranker.WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
