"""Uploaded bytes become text, or a message that says what to do."""

import pytest

from content.ingest.errors import IngestError, decode_upload

TEXT = "The Treaty of Example was signed in 1648.\nIt ended a long war.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_it_reads_utf16_with_a_byte_order_mark(encoding):
    data = TEXT.encode(encoding)
    if encoding != "utf-16":
        bom = "\ufeff".encode(encoding)
        data = bom + data
    assert decode_upload(data, 10_000) == TEXT


def test_it_asks_for_utf8_when_utf16_has_no_byte_order_mark():
    with pytest.raises(IngestError, match="UTF-16 .* Save it as UTF-8"):
        decode_upload(TEXT.encode("utf-16-le") * 20, 100_000)


def test_it_refuses_a_nul_byte_far_past_the_start_with_a_message():
    data = ("A plain line of history text.\n" * 400).encode() + b"\x00" + b"more text\n"
    assert len(data) > 8192
    with pytest.raises(IngestError, match="binary"):
        decode_upload(data, 1_000_000)


def test_it_still_reads_plain_utf8():
    assert decode_upload(TEXT.encode(), 10_000) == TEXT
