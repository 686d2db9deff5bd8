"""How blind judges' verdicts fall across the current publishing line.

Usage: python bench/blind_by_score.py [ROUND=FOLDER ...]

For each blind round (``bench/results/judging/<ROUND>``, judged on the held-out folder
``bench/data/<FOLDER>``), regenerates every judged document with the current code, finds
each judged question again by its type, prompt and answer, and counts the judges' ok by
where the current code puts it: at or over the ranker's threshold, between the floor's
line and the threshold, under it, vetoed, or no longer asked. Duplicates are left out (they
say the sample drew one fact twice, not that the question is bad).

A round whose folder the ranker is fitted to (``bench/fit_ranker.py``'s SPENT) measures the
fit, not the future; a round whose judges' reasons led to a veto counts that veto's
questions as "vetoed". Neither is an unseen figure: this tells where the line should be,
not how good the questions are.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from content.generation import generate, warm_up  # noqa: E402
from content.generation.publishing import FLOOR_THRESHOLD, publishing_threshold  # noqa: E402
from content.ingest.pipeline import extract  # noqa: E402

JUDGING = ROOT / "bench" / "results" / "judging"
ROUNDS = {"gen212": "heldout10", "gen214": "heldout11", "gen215": "heldout12",
          "gen217": "heldout13", "gen219": "heldout14", "gen224": "heldout15",
          "gen227": "heldout16", "gen229": "heldout17"}


def _key(kind: str, prompt: str, answer: object) -> tuple[str, str, str]:
    return kind, " ".join(prompt.split()), " ".join(str(answer).split())


def _band(question, threshold: float) -> str:  # noqa: ANN001
    if question is None:
        return "no longer asked"
    if any(name.startswith("veto: ") for name in question.features):
        return "vetoed"
    if question.score >= threshold:
        return f">= {threshold:.2f}"
    if question.score >= FLOOR_THRESHOLD:
        return f"{FLOOR_THRESHOLD:.2f}-{threshold:.2f}"
    return f"< {FLOOR_THRESHOLD:.2f}"


def tally(rounds: dict[str, str]) -> Counter[tuple[str, str, bool]]:
    warm_up()
    threshold = publishing_threshold()
    counts: Counter[tuple[str, str, bool]] = Counter()
    for rnd, folder in rounds.items():
        for judged in sorted((JUDGING / rnd).glob("*/verdicts.json")):
            name = judged.parent.name
            docs = [p for p in (ROOT / "bench" / "data" / folder).glob(f"{name}.*")
                    if p.suffix in (".md", ".txt")]
            if not docs:
                continue
            result = generate(extract(docs[0].read_text(encoding="utf-8"), docs[0].name))
            now = {_key(q.type, q.prompt, q.answer): q for q in result.all_questions}
            sample = json.loads((judged.parent / "sample.json").read_text(encoding="utf-8"))
            verdicts = {v["n"]: v for v in json.loads(judged.read_text(encoding="utf-8"))}
            for row in sample:
                verdict = verdicts.get(row["n"])
                if verdict is None or verdict.get("category") == "duplicate":
                    continue
                question = now.get(_key(row["type"], row["prompt"], row["answer"]))
                counts[rnd, _band(question, threshold), bool(verdict["ok"])] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    rounds = dict(arg.split("=", 1) for arg in args) if args else ROUNDS
    counts = tally(rounds)
    print("| round | where the current code puts it | ok | judged | share |")
    print("|---|---|---|---|---|")
    for rnd in rounds:
        for band in sorted({b for r, b, _ in counts if r == rnd}):
            ok, bad = counts[rnd, band, True], counts[rnd, band, False]
            print(f"| {rnd} | {band} | {ok} | {ok + bad} | {ok / (ok + bad):.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
