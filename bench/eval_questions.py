"""Score the question generator on one document.

Usage: python bench/eval_questions.py DOC [GOLD] [--qa QA.json] [--seed N]
       [--sample-out FILE] [--verdicts FILE]

Per document it reports the published and draft counts, published questions
per 100 words, the type mix and the true/false balance of the published set,
the generation/extraction time ratio, and:

* with GOLD (a ``seed_gold.json``-shaped file): reference coverage of the
  published set and of all questions (published and drafts);
* with ``--qa`` (SQuAD ``<Title>.qa.json``): SQuAD coverage, lenient and
  strict, of the published set, by ``shared/eval/squad_coverage.py``;
* ``--sample-out FILE``: the blind-judging sample, 40 published questions
  drawn with ``random.Random(20261201).sample`` (all if fewer), written as
  FILE (.json) and FILE with .md (``# | type | prompt | answer | choices``);
* ``--verdicts FILE``: a judge's table for that sample (markdown with
  ``# | type | prompt | answer | choices | ok? | category | reason`` or JSON
  ``[{"#": 1, "ok": true, ...}]``), giving acceptability with a 95% Wilson interval.

Legacy behaviour kept:

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
import math
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.eval_extraction import near, norm  # noqa: E402
from content.generation import (  # noqa: E402
    GENERATOR_VERSION,
    generate,
    questions_report,
    warm_up,
)
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


JUDGE_SEED = 20261201
SQUAD_COVERAGE = ROOT.parent / "shared" / "eval" / "squad_coverage.py"


def wilson(ok: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for ok/n."""
    if n == 0:
        return (0.0, 0.0)
    p = ok / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def judge_sample(published: list[qt.GeneratedQuestion], n: int = 40) -> list[qt.GeneratedQuestion]:
    return random.Random(JUDGE_SEED).sample(published, min(n, len(published)))


def sample_rows(sample: list[qt.GeneratedQuestion],
                passages: list | None = None) -> list[dict[str, Any]]:
    """The judge's rows; the source sentence lets the judge check the answer quickly."""
    def source(q: qt.GeneratedQuestion) -> str:
        if passages is None or q.passage is None:
            return ""
        return passages[q.passage].text

    return [{"#": i, "type": q.type, "prompt": q.prompt, "answer": q.answer,
             "choices": list(q.choices), "passage": source(q)}
            for i, q in enumerate(sample, 1)]


def read_verdicts(path: Path) -> dict[int, tuple[bool, str, str]]:
    """# → (ok, category, reason) from a judge's markdown table or JSON list."""
    text = path.read_text(encoding="utf-8")
    out: dict[int, tuple[bool, str, str]] = {}
    if path.suffix == ".json":
        for row in json.loads(text):
            ok = row.get("ok")
            ok = ok if isinstance(ok, bool) else str(ok).strip().lower() in ("yes", "y", "ok", "1",
                                                                            "true")
            out[int(row["#"])] = (ok, row.get("category", ""), row.get("reason", ""))
        return out
    header: list[str] = []
    for line in text.splitlines():
        if not line.strip().startswith("|"):
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if not header:
            header = [c.casefold() for c in cells]
            continue
        if set(line.replace("|", "").strip()) <= set("-: "):
            continue
        row = dict(zip(header, cells, strict=False))
        if not row.get("#", "").isdigit():
            continue
        ok = row.get("ok?", row.get("ok", "")).casefold() in ("yes", "y", "ok", "1", "true", "✓")
        out[int(row["#"])] = (ok, row.get("category", ""), row.get("reason", ""))
    return out


def squad(report: dict[str, Any], qa: Path, doc: Path) -> dict[str, Any] | None:
    if not SQUAD_COVERAGE.exists():
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(report, fh, ensure_ascii=False)
    done = subprocess.run([sys.executable, str(SQUAD_COVERAGE), fh.name, str(qa), str(doc)],
                          capture_output=True, text=True, check=False)
    Path(fh.name).unlink(missing_ok=True)
    if done.returncode != 0:
        return None
    data = json.loads(done.stdout)
    return {"lenient": data.get("coverage"), "strict": data.get("strict_coverage"),
            "questions": data.get("generated_questions")}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("doc")
    parser.add_argument("gold", nargs="?", default=None)
    parser.add_argument("--qa", default=None, help="SQuAD <Title>.qa.json for the document")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--sample-out", default=None, help="write the blind-judging sample here")
    parser.add_argument("--verdicts", default=None)
    args = parser.parse_args(argv)
    doc_path = Path(args.doc)
    text = doc_path.read_text(encoding="utf-8")
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8")) if args.gold else {}
    stem = doc_path.stem
    out_dir = ROOT / "bench" / "results"
    verdicts_path = (Path(args.verdicts) if args.verdicts
                     else out_dir / f"questions_{stem}_verdicts.json")
    verdicts = (json.loads(verdicts_path.read_text(encoding="utf-8"))
                if verdicts_path.exists() and verdicts_path.suffix == ".json"
                and not args.verdicts else {})

    get_nlp()  # the model load is a one-off per process, not part of an import
    warm_up()  # so are the word-frequency and inflection tables
    t0, c0 = time.perf_counter(), time.process_time()
    ex = extract(text, doc_path.name)
    t_extract, c_extract = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    result = generate(ex, seed=args.seed)
    t_generate, c_generate = time.perf_counter() - t0, time.process_time() - c0
    questions = result.questions  # published
    drafts = result.drafts
    words = len(re.findall(r"\w+", text))
    density = 100 * len(questions) / words if words else 0.0
    tf = Counter(q.answer for q in questions if q.type == qt.TRUE_FALSE)

    refs = gold.get("reference_questions", [])
    rows = [(r, covered(r, questions, ex)) for r in refs]
    coverage = sum(1 for _, c in rows if c) / len(refs) if refs else None
    coverage_all = (sum(1 for r in refs if covered(r, [*questions, *drafts], ex)) / len(refs)
                    if refs else None)
    report_all = questions_report(result, ex)
    squad_cov = None
    if args.qa:
        squad_cov = squad({"questions": [q for q in report_all if q["published"]]},
                          Path(args.qa), doc_path)
    blind = judge_sample(questions, args.sample)
    if args.sample_out:
        out = Path(args.sample_out)
        out.parent.mkdir(parents=True, exist_ok=True)
        srows = sample_rows(blind, ex.passages)
        out.with_suffix(".json").write_text(json.dumps(srows, ensure_ascii=False, indent=2),
                                            encoding="utf-8")
        out.with_suffix(".md").write_text("\n".join([
            f"# Blind-judging sample: {doc_path.name} ({len(srows)} published questions, "
            f"random.Random({JUDGE_SEED}))", "",
            "| # | type | prompt | answer | choices | ok? | category | reason |",
            "|---|---|---|---|---|---|---|---|",
            *[f"| {r['#']} | {r['type']} | {_cell(r['prompt'])} | {_cell(r['answer'])} | "
              f"{_cell(' / '.join(r['choices']))} |  |  |  |" for r in srows]]) + "\n",
            encoding="utf-8")
    blind_verdicts = read_verdicts(Path(args.verdicts)) if args.verdicts else {}
    blind_ok = sum(1 for v in blind_verdicts.values() if v[0])
    blind_n = len(blind_verdicts)
    distractors = distractor_check(questions, ex)
    per_type = Counter(q.type for q in questions)
    rejections = Counter(r.reason for r in result.rejections)
    sample = blind
    judged = [verdicts.get(q.key) for q in sample]
    n_judged = sum(1 for v in judged if v is not None)
    acceptable = (sum(1 for v in judged if v and v[0]) / n_judged) if n_judged else None

    lo, hi = wilson(blind_ok, blind_n)
    lines = [
        f"# Questions: {doc_path.name} (generator {GENERATOR_VERSION}, seed {args.seed})", "",
        f"- published: **{len(questions)}**, drafts: {len(drafts)}; {words} words, "
        f"**{density:.2f}** published per 100 words",
        f"- published type mix: {dict(sorted(Counter(q.type for q in questions).items()))}",
        f"- true/false (published): {tf.get('True', 0)} true, {tf.get('False', 0)} false",
        f"- reference coverage (published): **{coverage:.3f}** "
        f"({sum(1 for _, c in rows if c)}/{len(refs)}); all questions incl. drafts: "
        f"{coverage_all:.3f}"
        if refs else "- reference coverage: no reference questions",
        f"- SQuAD coverage of the published set: lenient **{squad_cov['lenient']}**, "
        f"strict **{squad_cov['strict']}**" if squad_cov else "- SQuAD coverage: not measured",
        f"- blind judge: **{blind_ok}/{blind_n} = {blind_ok / blind_n:.3f}** acceptable "
        f"(95% Wilson {lo:.2f}–{hi:.2f})" if blind_n else "- blind judge: no verdicts given",
        f"- multiple-choice distractor check: **{distractors['fraction_ok']}** "
        f"over {distractors['multiple_choice']} questions",
        f"- author's earlier verdicts that still match a sampled key: {acceptable:.3f} "
        f"({n_judged} of the sample; tune document, not an acceptability figure)"
        if acceptable is not None else "- author's earlier verdicts: none match this sample",
        f"- extraction {t_extract:.3f} s, generation {t_generate:.3f} s, "
        f"ratio **{t_generate / t_extract:.2f}** (CPU time: extraction {c_extract:.3f} s, "
        f"generation {c_generate:.3f} s, ratio {c_generate / c_extract:.2f})",
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
        "coverage_all": round(coverage_all, 3) if coverage_all is not None else None,
        "published": len(questions),
        "drafts": len(drafts),
        "words": words,
        "published_per_100_words": round(density, 2),
        "true_false": dict(tf),
        "squad": squad_cov,
        "blind": {"ok": blind_ok, "judged": blind_n,
                  "acceptable": round(blind_ok / blind_n, 3) if blind_n else None,
                  "wilson95": [round(lo, 3), round(hi, 3)] if blind_n else None},
        "acceptable": round(acceptable, 3) if acceptable is not None else None,
        "judged": n_judged,
        "distractors": distractors,
        "per_type": dict(per_type),
        "rejections": dict(rejections),
        "timing": {"extract_s": round(t_extract, 3), "generate_s": round(t_generate, 3),
                   "ratio": round(t_generate / t_extract, 2),
                   "cpu_ratio": round(c_generate / c_extract, 2)},
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
