"""Score the question generator against the reference questions of a gold file.

Usage: python bench/eval_questions.py DOC GOLD [--seed N] [--sample 40] [--verdicts FILE]

A reference question counts as covered (shared/eval/README.md) when a generated
question comes from a passage containing the reference passage and its answer,
or one of its accepted answers, matches the reference answer: numbers within
1%, years equal, text by the name rule or when one contains the other.

Also reports the distractor check (multiple-choice distractors all of the
answer's kind and never an alias of it), counts per type, generation time as a
ratio of extraction time, and a fixed random sample of questions for a human
to judge. Verdicts (question key → [ok, reason]) are read from
``bench/results/questions_<docname>_verdicts.json`` when present, so the
acceptable fraction is recomputed on every run. Writes
bench/results/questions_<docname>.md and .json.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.eval_extraction import near, norm  # noqa: E402
from content.generation import GENERATOR_VERSION, generate  # noqa: E402
from content.generation import types as qt  # noqa: E402
from content.ingest.nlp import get_nlp  # noqa: E402
from content.ingest.pipeline import extract  # noqa: E402
from content.ingest.types import Extraction  # noqa: E402

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip


def numbers(text: str) -> list[float]:
    out = [float(m.replace(",", "")) for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text)]
    out += [float(v) for w, v in _NUMBER_WORDS.items() if re.search(rf"\b{w}\b", text, re.I)]
    return out


def answers_match(ours: str, gold: str) -> bool:
    a, b = norm(ours), norm(gold)
    if not a or not b:
        return False
    na, nb = numbers(ours), numbers(gold)
    if na and nb and re.fullmatch(r"[\d,.\s]+|[a-z]+", a) and len(na) == 1:
        return any(abs(na[0] - y) <= abs(y) * 0.01 for y in nb)
    if near(a, b):
        return True
    # One contains the other, on whole words, and the contained part is not trivial.
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 3 and f" {short} " in f" {long_} "


def covered(ref: dict, questions: list[qt.GeneratedQuestion], ex: Extraction) -> str | None:
    for q in questions:
        if q.passage is None or norm(ref["passage"]) not in norm(ex.passages[q.passage].text):
            continue
        for candidate in [q.answer, *q.accepted]:
            if answers_match(candidate, ref["answer"]):
                return q.prompt
    return None


def distractor_check(questions: list[qt.GeneratedQuestion], ex: Extraction) -> dict[str, Any]:
    by_name: dict[str, list] = {}
    for e in ex.entities:
        for n in [e.name, *e.aliases]:
            by_name.setdefault(norm(n), []).append(e)
    mc = [q for q in questions if q.type == qt.MULTIPLE_CHOICE]
    ok, bad = 0, []
    for q in mc:
        others = [c for c in q.choices if c != q.answer]
        if re.fullmatch(r"-?\d{3,4}", q.answer):
            good = len(others) == 3 and all(re.fullmatch(r"-?\d{3,4}", c) for c in others)
        else:
            owners = by_name.get(norm(q.answer), [])
            kind = owners[0].kind if owners else None
            names = {norm(n) for e in owners for n in [e.name, *e.aliases]}
            good = len(others) == 3 and kind is not None and all(
                any(e.kind == kind for e in by_name.get(norm(c), [])) and norm(c) not in names
                for c in others)
        ok += good
        if not good:
            bad.append(f"{q.prompt} | {q.answer} | {q.choices}")
    return {"multiple_choice": len(mc), "fraction_ok": round(ok / len(mc), 3) if mc else None,
            "failures": bad}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("doc")
    parser.add_argument("gold")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--verdicts", default=None)
    args = parser.parse_args(argv)
    doc_path = Path(args.doc)
    text = doc_path.read_text(encoding="utf-8")
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    stem = doc_path.stem
    out_dir = ROOT / "bench" / "results"
    verdicts_path = (Path(args.verdicts) if args.verdicts
                     else out_dir / f"questions_{stem}_verdicts.json")
    verdicts = (json.loads(verdicts_path.read_text(encoding="utf-8"))
                if verdicts_path.exists() else {})

    get_nlp()  # the model load is a one-off per process, not part of an import
    t0 = time.perf_counter()
    ex = extract(text, doc_path.name)
    t_extract = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = generate(ex, seed=args.seed)
    t_generate = time.perf_counter() - t0
    questions = result.questions

    refs = gold.get("reference_questions", [])
    rows = [(r, covered(r, questions, ex)) for r in refs]
    coverage = sum(1 for _, c in rows if c) / len(refs) if refs else None
    distractors = distractor_check(questions, ex)
    per_type = Counter(q.type for q in questions)
    rejections = Counter(r.reason for r in result.rejections)
    sample = random.Random(1234).sample(questions, min(args.sample, len(questions)))
    judged = [verdicts.get(q.key) for q in sample]
    n_judged = sum(1 for v in judged if v is not None)
    acceptable = (sum(1 for v in judged if v and v[0]) / n_judged) if n_judged else None

    lines = [
        f"# Questions: {doc_path.name} (generator {GENERATOR_VERSION}, seed {args.seed})", "",
        f"- reference coverage: **{coverage:.3f}** ({sum(1 for _, c in rows if c)}/{len(refs)})"
        if refs else "- reference coverage: no reference questions",
        f"- multiple-choice distractor check: **{distractors['fraction_ok']}** "
        f"over {distractors['multiple_choice']} questions",
        f"- acceptable (judged sample): **{acceptable:.3f}** ({n_judged} judged)"
        if acceptable is not None else "- acceptable (judged sample): not judged yet",
        f"- extraction {t_extract:.3f} s, generation {t_generate:.3f} s, "
        f"ratio **{t_generate / t_extract:.2f}**",
        f"- questions: {len(questions)}; rejected candidates: {len(result.rejections)}", "",
        "| type | count |", "|---|---|",
        *[f"| {t} | {n} |" for t, n in sorted(per_type.items())], "",
        "| rejection reason | count |", "|---|---|",
        *[f"| {r} | {n} |" for r, n in rejections.most_common()], "",
        "## Reference questions", "",
        "| type | reference | answer | covered by |", "|---|---|---|---|",
        *[f"| {r['type']} | {_cell(r['question'])} | {_cell(r['answer'])} | "
          f"{_cell(c) if c else '**missed**'} |" for r, c in rows], "",
        f"## {len(sample)} random questions (fixed seed) for judging", "",
        "| # | type | prompt | answer | choices | ok? | reason |", "|---|---|---|---|---|---|---|",
    ]
    for i, (q, v) in enumerate(zip(sample, judged, strict=True), 1):
        ok = "" if v is None else ("yes" if v[0] else "no")
        reason = "" if v is None else v[1]
        lines.append(f"| {i} | {q.type} | {_cell(q.prompt)} | {_cell(q.answer)} | "
                     f"{_cell(' / '.join(q.choices))} | {ok} | {_cell(reason)} |")
    if distractors["failures"]:
        lines += ["", "## Distractor failures", "", *[f"- {_cell(f)}" for f in
                                                       distractors["failures"]]]
    md = "\n".join(lines) + "\n"
    print(md)

    out_dir.mkdir(parents=True, exist_ok=True)
    payload = {
        "document": doc_path.name,
        "version": GENERATOR_VERSION,
        "seed": args.seed,
        "coverage": round(coverage, 3) if coverage is not None else None,
        "acceptable": round(acceptable, 3) if acceptable is not None else None,
        "judged": n_judged,
        "distractors": distractors,
        "per_type": dict(per_type),
        "rejections": dict(rejections),
        "timing": {"extract_s": round(t_extract, 3), "generate_s": round(t_generate, 3),
                   "ratio": round(t_generate / t_extract, 2)},
        "references": [{**r, "covered_by": c} for r, c in rows],
        "sample": [{"key": q.key, "type": q.type, "prompt": q.prompt, "answer": q.answer,
                    "choices": q.choices, "verdict": v} for q, v in zip(sample, judged,
                                                                       strict=True)],
    }
    (out_dir / f"questions_{stem}.json").write_text(
        json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    (out_dir / f"questions_{stem}.md").write_text(md, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
