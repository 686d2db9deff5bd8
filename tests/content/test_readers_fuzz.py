"""Mutated and truncated documents of every format give a document or an IngestError."""

import random

import pytest

from content.ingest.errors import IngestError
from content.ingest.readers import read_document
from tests.content import documents as D

_ITEMS = [("h", "Berlin"), ("p", D.PROSE[1]), ("icon", D.icon(1)),
          ("fig", D.png(seed=1), "Figure 1. The wall in 1989.", "below")]
_BUILDERS = {
    "page.html": lambda: D.html_page(_ITEMS).encode(),
    "page.zip": lambda: D.saved_page_zip(_ITEMS),
    "handout.docx": lambda: D.docx_file(_ITEMS),
    "chapter.pdf": lambda: D.pdf_file(_ITEMS),
    "book.epub": lambda: D.epub_file([("Berlin", _ITEMS)]),
    "notes.zip": lambda: D.markdown_zip("# Berlin\n\nThe wall fell.\n\n![w](w.png)\n*The wall.*\n",
                                        {"w.png": D.png()}),
}


@pytest.mark.parametrize("filename", sorted(_BUILDERS))
def test_mutated_documents_never_crash_the_reader(filename):
    data = _BUILDERS[filename]()
    rng = random.Random(filename)
    for _ in range(40):
        mutated = bytearray(data)
        for _ in range(rng.choice((1, 3, 12))):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        if rng.random() < 0.3:
            mutated = mutated[: rng.randrange(1, len(mutated))]
        try:
            doc = read_document(bytes(mutated), filename)
        except IngestError as error:
            assert str(error).strip()
        else:
            assert doc.passages
            assert all(0 <= f.passage < len(doc.passages) for f in doc.figures)
