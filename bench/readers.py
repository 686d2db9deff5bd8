"""Document readers: image recall, caption pairing and reading speed (issue 13).

    python bench/readers.py [--figures 10] [--icons 6] [--paragraphs 6] [--repeat 3]

For each format a document is built in memory with ``--figures`` captioned
pictures (captions below, above and beside, in turn), ``--icons`` decoy icons
without caption, headings and prose; the answer is known. Then:

- recall: share of the captioned pictures that come out as figures with their
  image (matched by pixel size, unique per picture);
- pairing: share of the captioned pictures whose figure has the right caption;
- decoys: icons that came out as figures (should be 0);
- pages/s: pages of the document (its PDF rendering's page count) read per second;
- x text: read time over ``parse_document`` on the plain text of the same document;
- x NLP: the format's own cost (read time minus the plain-text parse) over spaCy's
  ``nlp.pipe`` on the same passages (issue 13's target: <= 0.5).

Each time is the best of ``--repeat`` runs. Writes bench/results/readers.md and .json.
Targets: recall >= 0.95, pairing >= 0.9.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from content.ingest.parse import parse_document  # noqa: E402
from content.ingest.readers import read_document  # noqa: E402
from content.ingest.readers.common import strip_caption_label  # noqa: E402
from tests.content import documents as D  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def _best(fn, repeat: int):
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def _plain_text(items, title: str) -> str:
    lines = [f"# {title}", ""]
    for item in items:
        if item[0] == "h":
            lines += [f"## {item[1]}", ""]
        elif item[0] == "p":
            lines += [item[1], ""]
        elif item[0] == "fig":
            lines += [item[2], ""]
    return "\n".join(lines)


def _score(doc, expected) -> dict:
    sizes = {}
    for data, caption in expected:
        with Image.open(io.BytesIO(data)) as image:
            sizes[image.size] = strip_caption_label(caption)
    found = paired = 0
    seen = set()
    decoys = 0
    for figure in doc.figures:
        if figure.image is None:
            continue
        size = (figure.image.width, figure.image.height)
        if size not in sizes:
            decoys += 1
            continue
        if size in seen:
            continue
        seen.add(size)
        found += 1
        paired += doc.passages[figure.passage].text == sizes[size]
    n = len(expected)
    return {"recall": found / n, "pairing": paired / n, "decoys": decoys}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--figures", type=int, default=10)
    p.add_argument("--icons", type=int, default=6)
    p.add_argument("--paragraphs", type=int, default=6)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()

    items, expected = D.figures_document(args.figures, args.icons, args.paragraphs)
    title = "The Cold War"
    pdf = D.pdf_file(items, title, header="Cold War History - Chapter Four")
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    text = _plain_text(items, title)
    text_time, text_doc = _best(lambda: parse_document(text, "cold-war.md"), args.repeat)

    from content.ingest.nlp import get_nlp

    nlp = get_nlp()
    passages = [passage.text for passage in text_doc.passages]
    nlp_time, _ = _best(lambda: list(nlp.pipe(passages)), args.repeat)

    def build(its):
        return {
            "HTML": ("cold-war.html", D.html_page(its, title).encode()),
            "HTML saved page (.zip)": ("cold-war.zip", D.saved_page_zip(its, title)),
            "DOCX": ("cold-war.docx", D.docx_file(its, title)),
            "PDF": ("cold-war.pdf", D.pdf_file(its, title,
                                               header="Cold War History - Chapter Four")),
            "EPUB": ("cold-war.epub", D.epub_file([(title, its)])),
        }

    # The same documents with their pictures' captions as plain paragraphs: text cost only.
    words_only = build([("p", i[2]) if i[0] == "fig" else i for i in items if i[0] != "icon"])
    rows = []
    for name, (filename, data) in build(items).items():
        seconds, doc = _best(lambda f=filename, d=data: read_document(d, f), args.repeat)
        text_only, _ = _best(lambda f=filename, d=words_only[name][1]: read_document(d, f),
                             args.repeat)
        score = _score(doc, expected)
        rows.append({
            "format": name, **score, "figures": len(doc.figures), "seconds": seconds,
            "text_only_seconds": text_only,
            "pages_per_s": pages / seconds, "x_text": seconds / text_time,
            "x_nlp": max(seconds - text_time, 0) / nlp_time,
            "text_x_nlp": max(text_only - text_time, 0) / nlp_time,
        })

    lines = [
        "# Readers: image recall, caption pairing, speed",
        "",
        f"`.venv/bin/python bench/readers.py --figures {args.figures} --icons {args.icons} "
        f"--paragraphs {args.paragraphs} --repeat {args.repeat}`",
        "",
        f"One document: {args.figures} captioned pictures (captions below, above, beside in "
        f"turn), {args.icons} decoy icons, {pages} pages as PDF. Plain text through "
        f"`parse_document`: {text_time * 1000:.1f} ms; spaCy `nlp.pipe` on its "
        f"{len(passages)} passages: {nlp_time * 1000:.0f} ms. Targets: recall >= 0.95, "
        "pairing >= 0.9, format cost <= 0.5x NLP.",
        "",
        "| format | recall | pairing | decoys kept | figures | read (ms) | pages/s | x text "
        "| format cost x NLP | without pictures: read (ms) | without pictures: cost x NLP |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['format']} | {r['recall']:.2f} | {r['pairing']:.2f} | {r['decoys']} | "
            f"{r['figures']} | {r['seconds'] * 1000:.1f} | {r['pages_per_s']:.0f} | "
            f"{r['x_text']:.0f}x | {r['x_nlp']:.2f} | {r['text_only_seconds'] * 1000:.1f} | "
            f"{r['text_x_nlp']:.2f} |"
        )
    lines += [
        "",
        "\"format cost\" is the read time minus the plain-text parse, over spaCy on the same "
        "passages. The columns without pictures read the same documents with the captions as "
        "plain paragraphs and no pictures: the rest of the time is decoding, checking and "
        "re-encoding the pictures (WebP, full size and thumbnail).",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "readers.md").write_text(report)
    (RESULTS / "readers.json").write_text(json.dumps(
        {"pages": pages, "text_seconds": text_time, "nlp_seconds": nlp_time, "rows": rows},
        indent=2))
    ok = all(r["recall"] >= 0.95 and r["pairing"] >= 0.9 for r in rows)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
