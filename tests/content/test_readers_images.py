"""Pictures are decoded safely, re-encoded, capped, thumbnailed, deduplicated; bad ones skipped."""

import base64
import io
import struct
import zlib

import pytest
from PIL import Image

from content.ingest.images import ImageSkipped, decode_image
from content.ingest.readers import read_document
from tests.content import documents as D


def _bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A small PNG whose header claims an enormous picture."""
    data = bytearray(D.png(8, 8))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17])) & 0xFFFFFFFF
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", crc)
    return bytes(data)


def test_a_decompression_bomb_is_refused():
    with pytest.raises(ImageSkipped, match="too large"):
        decode_image(_bomb_png(), "bomb.png")


def test_a_file_that_claims_to_be_a_png_but_is_not_is_skipped_with_a_warning():
    with pytest.raises(ImageSkipped, match="claims to be PNG"):
        decode_image(b"<html>not a picture</html>" * 10, "photo.png")
    page = ("<html><body><h1>Yalta</h1><p>The conference met in 1945.</p><figure>"
            "<img src='data:image/png;base64," + base64.b64encode(b"GIF? no, text" * 20).decode()
            + "'><figcaption>The leaders at Yalta.</figcaption></figure></body></html>")
    doc = read_document(page.encode(), "yalta.html")
    assert doc.figures == []
    assert any("claims to be PNG" in w for w in doc.warnings)


def test_a_truncated_picture_is_skipped_as_damaged():
    data = D.png(300, 300, seed=4, fmt="JPEG")
    with pytest.raises(ImageSkipped, match="damaged"):
        decode_image(data[: len(data) // 3], "cut.jpg")


def test_it_reencodes_to_webp_and_strips_exif_and_appended_payloads():
    image = Image.new("RGB", (400, 300), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    data = out.getvalue() + b"<?php system($_GET['c']); ?>"
    decoded = decode_image(data, "photo.jpg")
    assert decoded.format == "webp"
    assert b"SecretCamera" not in decoded.data and b"php" not in decoded.data
    with Image.open(io.BytesIO(decoded.data)) as again:
        assert again.format == "WEBP"
        assert not again.getexif()


def test_it_caps_the_long_side_and_makes_a_thumbnail_and_a_hash():
    decoded = decode_image(D.png(3200, 1000, seed=1), "wide.png")
    assert (decoded.width, decoded.height) == (1600, 500)
    assert (decoded.thumbnail_width, decoded.thumbnail_height) == (320, 100)
    with Image.open(io.BytesIO(decoded.thumbnail)) as thumb:
        assert thumb.size == (320, 100)
    import hashlib

    assert decoded.sha256 == hashlib.sha256(decoded.data).hexdigest()


def test_icons_spacers_and_svg_are_skipped():
    with pytest.raises(ImageSkipped) as icon:
        decode_image(D.png(500, 20), "rule.png")
    assert icon.value.icon
    with pytest.raises(ImageSkipped, match="SVG"):
        decode_image(b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>",
                     "logo.svg")


def test_the_same_picture_under_two_captions_is_stored_once():
    data = base64.b64encode(D.png(seed=3)).decode()
    figure = ("<figure><img src='data:image/png;base64," + data + "'><figcaption>{}</figcaption>"
              "</figure>")
    page = ("<html><body><h1>Berlin</h1><p>The wall fell in 1989.</p>"
            + figure.format("The wall in 1989.") + figure.format("The same wall, later.")
            + "</body></html>")
    doc = read_document(page.encode(), "berlin.html")
    assert len(doc.figures) == 2
    assert doc.figures[0].image is doc.figures[1].image
