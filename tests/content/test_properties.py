"""Property-based tests of the text readers: any input is a document or a clear refusal.

Whatever bytes or text arrive, ``read_document``, ``decode_upload`` and
``parse_document`` return a parsed document or raise ``IngestError`` with a
message a person can read; never any other exception, and within a time bound.
"""

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.ingest.errors import IngestError, decode_upload
from content.ingest.parse import parse_document
from content.ingest.readers import read_document

# Small enough that the file runs in a few seconds; the deadline is the time
# bound for one input (generous: a shared machine, and spaCy is not involved).
FAST = settings(
    max_examples=60,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
)

TEXT_NAMES = st.sampled_from(["notes.txt", "chapter.md", "page.html", "page.htm", "", "README"])

# Text that looks like documents: headings, markup, blank lines, long runs.
_PIECES = st.one_of(
    st.text(max_size=80),
    st.sampled_from([
        "# Berlin\n", "## The wall\n", "\n\n", "The wall fell in 1989.", "<p>", "</p>",
        "<h1>Rome</h1>", "<script>alert(1)</script>", "* a list item\n", "{{cite}}",
        "=== Section ===\n", "\ufeff", "\x00", "\r\n", "*" * 300, "Mr. Smith went. ",
    ]),
)
DOCUMENT_TEXT = st.lists(_PIECES, max_size=12).map("".join)


def _assert_document_or_clear_error(call):
    try:
        doc = call()
    except IngestError as error:
        assert str(error).strip()
        return None
    assert doc.passages
    assert all(passage.text.strip() for passage in doc.passages)
    return doc


@FAST
@given(data=st.binary(max_size=2048), filename=TEXT_NAMES)
def test_any_bytes_read_as_a_document_or_a_clear_error(data, filename):
    doc = _assert_document_or_clear_error(lambda: read_document(data, filename))
    if doc is not None:
        assert all(0 <= figure.passage < len(doc.passages) for figure in doc.figures)


@FAST
@given(text=DOCUMENT_TEXT, filename=TEXT_NAMES,
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
def test_any_text_in_any_encoding_reads_as_a_document_or_a_clear_error(text, filename, encoding):
    data = text.encode(encoding, errors="replace")
    _assert_document_or_clear_error(lambda: read_document(data, filename))


@FAST
@given(data=st.binary(max_size=2048), max_bytes=st.sampled_from([0, 16, 1024, 10**6]))
def test_decoding_any_upload_gives_text_or_a_clear_error(data, max_bytes):
    try:
        text = decode_upload(data, max_bytes)
    except IngestError as error:
        assert str(error).strip()
    else:
        assert isinstance(text, str)
        assert text.strip()
        assert "\x00" not in text


@FAST
@given(text=st.text(max_size=400))
def test_decoding_any_utf8_text_gives_it_back_or_a_clear_error(text):
    try:
        decoded = decode_upload(text.encode("utf-8"), 0)
    except IngestError as error:
        assert str(error).strip()
    else:
        assert decoded == text.removeprefix("\ufeff")


@FAST
@given(text=DOCUMENT_TEXT, filename=TEXT_NAMES)
def test_any_text_parses_to_a_document_or_a_clear_error(text, filename):
    doc = _assert_document_or_clear_error(lambda: parse_document(text, filename))
    if doc is not None:
        assert [p.order for p in doc.passages] == list(range(len(doc.passages)))
        assert isinstance(doc.title, str)
