"""Draw a labelling sample from a TUNE document, for fitting the publishing ranker.

Usage: python bench/label_sample.py DOC OUT_DIR [--n 60] [--band LO HI]

Unlike ``eval_questions.py --sample-out`` (published questions only, for a blind
acceptability figure), this draws from every question that passed the gates,
published and drafts, so that a judge's labels show where the publishing line
should be: a third from the published set, the rest from the drafts, most of
them from the upper half by score. It writes

* ``OUT_DIR/sample.json`` — what the judge sees (``n``, type, prompt, answer,
  choices, passage), in random order;
* ``OUT_DIR/features.json`` — what the judge must not see: ``n`` → key, score,
  published and the named features, for ``bench/fit_ranker.py``.

With ``--band`` it draws instead, uniformly, from the questions whose score lies
in [LO, HI) and that no earlier labelling sample of this document holds: the
questions near the publishing line, where a label teaches the ranker most.

Only for documents in the tune half of ``bench/data/SPLIT.md``: labels drawn here
are fitted to, so they are never an acceptability figure.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from content.generation import generate, warm_up  # noqa: E402
from content.ingest.nlp import get_nlp  # noqa: E402
from content.ingest.pipeline import extract  # noqa: E402

LABEL_SEED = 20261202


def draw(published: list, drafts: list, n: int, rng: random.Random) -> list:
    n_pub = min(len(published), n // 3)
    picked = rng.sample(published, n_pub)
    ranked = sorted(drafts, key=lambda q: -q.score)
    upper, lower = ranked[: max(1, len(ranked) // 2)], ranked[len(ranked) // 2:]
    n_upper = min(len(upper), (n - n_pub) * 3 // 4)
    picked += rng.sample(upper, n_upper)
    picked += rng.sample(lower, min(len(lower), n - len(picked)))
    rng.shuffle(picked)
    return picked


def labelled_prompts(name: str) -> set[str]:
    """Prompts already in a labelling or development sample of the document ``name``."""
    out: set[str] = set()
    for sample in (ROOT / "bench" / "results" / "judging").glob(f"*/{name}/sample.json"):
        out |= {row["prompt"] for row in json.loads(sample.read_text(encoding="utf-8"))}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("doc")
    parser.add_argument("out_dir")
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--band", type=float, nargs=2, default=None)
    args = parser.parse_args(argv)
    doc = Path(args.doc)
    get_nlp()
    warm_up()
    ex = extract(doc.read_text(encoding="utf-8"), doc.name)
    result = generate(ex)
    rng = random.Random(LABEL_SEED)
    if args.band:
        seen = labelled_prompts(Path(args.out_dir).name)
        lo, hi = args.band
        band = [q for q in result.all_questions if lo <= q.score < hi and q.prompt not in seen]
        picked = rng.sample(band, min(args.n, len(band)))
    else:
        picked = draw(result.questions, result.drafts, args.n, rng)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows, hidden = [], {}
    for i, q in enumerate(picked, 1):
        passage = ex.passages[q.passage].text if q.passage is not None else ""
        rows.append({"n": i, "type": q.type, "prompt": q.prompt, "answer": q.answer,
                     "choices": list(q.choices), "passage": passage})
        hidden[i] = {"key": q.key, "score": q.score, "published": q.published,
                     "features": dict(q.features)}
    (out / "sample.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1),
                                     encoding="utf-8")
    (out / "features.json").write_text(json.dumps(hidden, ensure_ascii=False, indent=1),
                                       encoding="utf-8")
    print(f"{doc.name}: {len(rows)} drawn ({sum(q.published for q in picked)} published) "
          f"from {len(result.questions)} published and {len(result.drafts)} drafts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
