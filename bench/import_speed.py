"""Import and question-generation throughput against spaCy's nlp.pipe alone.

    python bench/import_speed.py [--scale S] [--copies 50] [--repeat 3]

For the seed document and for ``--copies`` concatenated copies of it, as
bench/eval_extraction.py does: the bare model is timed with ``nlp.pipe`` over
the passages the parser produces from that text (repeated passages merge, so
the comparison is like for like), then

- extract(): the whole ingest pipeline in memory,
- import: ``content.services.document_process`` on a stored document, i.e.
  extract() plus writing passages, entities and facts (rolled back after),
- generate(): ``content.generation.generate`` on the extraction.

Throughput is words of those passages per second; each stage is the best of
``--repeat`` runs so a stray pause does not decide the ratio. Target (issue 7):
import + generation <= 1.5x the bare nlp.pipe time.
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

SEED_DOC = common.ROOT / "demo" / "second_sino_japanese_war.txt"


def _best(fn, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def distinct_copies(text: str, copies: int) -> str:
    """``copies`` copies whose years are shifted by the copy number.

    Plain repeats merge into the same passages in the parser, so they say
    nothing about how the cost grows; shifted years keep every passage new
    while the language stays the same.
    """
    year = re.compile(r"\b(1[5-9]\d\d|20[0-2]\d)\b")
    return "\n\n".join(
        year.sub(lambda m, k=k: str(int(m.group()) - k), text) for k in range(copies)
    )


def measure(text: str, name: str, copies: int, repeat: int, distinct: bool = False) -> dict:
    from django.db import transaction

    from content.generation import generate
    from content.ingest.nlp import get_nlp
    from content.ingest.parse import parse_document
    from content.ingest.pipeline import extract
    from content.models import Document
    from content.services import document_process

    nlp = get_nlp()
    if distinct:
        big = distinct_copies(text, copies)
    else:
        big = "\n\n".join([text] * copies) if copies > 1 else text
    passages = [p.text for p in parse_document(big, name).passages]
    words = sum(len(p.split()) for p in passages)
    list(nlp.pipe(passages[:5]))  # warm-up: lazy model parts load on first use

    bare, _ = _best(lambda: list(nlp.pipe(passages, batch_size=64)), repeat)
    extract_s, extraction = _best(lambda: extract(big, name), repeat)
    generate_s, generated = _best(lambda: generate(extraction, seed=1), repeat)

    def import_once():
        with transaction.atomic():
            digest = hashlib.sha256(f"bench-import-{time.time_ns()}".encode()).hexdigest()
            document = Document.objects.create(
                title="Bench import", source_name=name, raw_text=big, sha256=digest
            )
            document_process(document=document)
            transaction.set_rollback(True)

    import_s, _ = _best(import_once, repeat)
    return {
        "copies": copies,
        "distinct": distinct,
        "input_words": len(big.split()),
        "passages": len(passages),
        "words": words,
        "bare_nlp_pipe_s": round(bare, 3),
        "extract_s": round(extract_s, 3),
        "import_s": round(import_s, 3),
        "generate_s": round(generate_s, 3),
        "questions": len(generated.questions),
        "bare_words_per_s": round(words / bare),
        "extract_words_per_s": round(words / extract_s),
        "import_words_per_s": round(words / import_s),
        "import_generate_words_per_s": round(words / (import_s + generate_s)),
        "ratio_extract": round(extract_s / bare, 2),
        "ratio_import": round(import_s / bare, 2),
        "ratio_import_generate": round((import_s + generate_s) / bare, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__)
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--distinct-copies", type=int, default=20)
    parser.add_argument("--doc", type=Path, default=SEED_DOC)
    args = parser.parse_args(argv)
    common.setup_django()

    text = args.doc.read_text(encoding="utf-8")
    runs = [
        measure(text, args.doc.name, 1, args.repeat),
        measure(text, args.doc.name, args.copies, max(1, args.repeat - 1)),
        measure(text, args.doc.name, args.distinct_copies, 1, distinct=True),
    ]
    rows = [
        [
            f"×{r['copies']}{' distinct' if r['distinct'] else ''}",
            r["passages"],
            r["words"],
            r["bare_words_per_s"],
            r["extract_words_per_s"],
            r["import_words_per_s"],
            r["import_generate_words_per_s"],
            r["ratio_extract"],
            r["ratio_import"],
            r["ratio_import_generate"],
            f"{r['generate_s'] * 1000:.0f} ms ({r['questions']} q)",
            common.verdict(r["ratio_import_generate"], 1.5),
        ]
        for r in runs
    ]
    table = common.md_table(
        [
            "text",
            "passages",
            "words",
            "nlp.pipe w/s",
            "extract() w/s",
            "import w/s",
            "import+generate w/s",
            "extract ×",
            "import ×",
            "import+generate ×",
            "generate()",
            "target ≤1.5×",
        ],
        rows,
    )
    notes = (
        f"Document {args.doc.name}; × columns are time relative to bare nlp.pipe over the same "
        f"passages. Import = document_process (extract + DB writes, rolled back) on "
        f"{common.environment()['database']}. Best of {args.repeat} runs (×1) and "
        f"{max(1, args.repeat - 1)} (×{args.copies}). Repeated passages merge in the parser, "
        f"so ×{args.copies} analyses {runs[1]['words']:,} of {runs[1]['input_words']:,} input "
        f"words; ×{args.distinct_copies} distinct shifts every year by the copy number so "
        f"{runs[2]['words']:,} words are analysed, once each (one run): that row shows how "
        "the cost grows."
    )
    common.write_results(
        f"import_speed_{args.scale}",
        f"Import and generation throughput (scale {args.scale})",
        table,
        {"scale": args.scale, "document": args.doc.name, "runs": runs},
        notes,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
