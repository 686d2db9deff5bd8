"""Safe decoding of the pictures found in documents.

Every picture is decoded by Pillow from its real format (found from its bytes, not
its name), refused when it would be a decompression bomb, and re-encoded to WebP:
what is kept is only pixels, never the original file with its EXIF, comments or
whatever else was appended to it. Icons and spacers are skipped, and so is SVG
(a program, not a picture).
"""

from __future__ import annotations

import hashlib
import io
import warnings

from PIL import Image, ImageOps

from content.ingest.types import ImageData

# Pillow warns above this many pixels and raises above twice as many; the warning
# is turned into a refusal below, so this is the real limit (50 Mpx: a 8,000 x
# 6,000 photograph passes, a crafted 60,000 x 60,000 one-colour PNG does not).
MAX_IMAGE_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MIN_SIDE = 64  # icons, bullets, spacers and tracking pixels are smaller
MAX_SIDE = 1600  # long side of the stored picture
THUMBNAIL_SIDE = 320
OUTPUT_FORMAT = "webp"
QUALITY = 82

# Raster formats accepted, by the magic bytes that start them.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_CLAIMS = {
    "png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "jpe": "JPEG", "gif": "GIF", "bmp": "BMP",
    "tif": "TIFF", "tiff": "TIFF", "webp": "WEBP", "svg": "SVG", "svgz": "SVG",
}  # fmt: skip


class ImageSkipped(Exception):  # noqa: N818 - a skip, not a failure of the document
    """A picture that is not kept; ``str(error)`` says why, for the warnings."""

    def __init__(self, reason: str, *, icon: bool = False) -> None:
        super().__init__(reason)
        self.icon = icon


def sniff_format(data: bytes) -> str | None:
    """The raster format the bytes really are, "SVG" for SVG, or None."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    head = data[:1024].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "SVG"
    return None


def claimed_format(name: str = "", mime: str = "") -> str | None:
    """The format a file name's extension or a MIME type claims."""
    if mime:
        sub = mime.lower().split(";")[0].split("/")[-1].split("+")[0]
        return _CLAIMS.get(sub)
    ext = name.lower().rsplit("?", 1)[0].rsplit(".", 1)
    return _CLAIMS.get(ext[-1]) if len(ext) == 2 else None


def _encode(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # method 2: as small as the default (4) within a few per cent, and 3-4 times faster.
    image.save(out, format=OUTPUT_FORMAT, quality=QUALITY, method=2)
    return out.getvalue()


def decode_image(data: bytes, name: str = "", mime: str = "") -> ImageData:
    """Decode, check and re-encode a picture; raise :class:`ImageSkipped` if it is not kept."""
    label = name or "an image"
    if not data:
        raise ImageSkipped(f"{label} is empty")
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageSkipped(f"{label} is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
    real = sniff_format(data)
    claimed = claimed_format(name, mime)
    if real == "SVG" or (real is None and claimed == "SVG"):
        raise ImageSkipped(f"{label} is an SVG drawing; SVG pictures are not imported")
    if real is None:
        what = f"claims to be {claimed}" if claimed else "has no known picture format"
        raise ImageSkipped(f"{label} {what} but is not a picture")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[real]) as probe:
                width, height = probe.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ImageSkipped(
                        f"{label} is {width} x {height} pixels, too large to decode safely "
                        "(a decompression bomb?)"
                    )
                if min(width, height) < MIN_SIDE:
                    raise ImageSkipped(f"{label} is an icon or spacer ({width} x {height})",
                                       icon=True)
                probe.seek(0)  # the first frame of an animation
                image = ImageOps.exif_transpose(probe)
                image.load()
    except ImageSkipped:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageSkipped(f"{label} is too large to decode safely (a decompression bomb?)") \
            from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageSkipped(f"{label} is damaged and cannot be decoded ({exc})") from None
    if image.mode not in ("RGB", "RGBA"):
        has_alpha = image.mode in ("LA", "PA") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    image.info.clear()
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    encoded = _encode(image)
    thumb = image.copy()
    thumb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    return ImageData(
        data=encoded,
        width=image.width,
        height=image.height,
        format=OUTPUT_FORMAT,
        sha256=hashlib.sha256(encoded).hexdigest(),
        thumbnail=_encode(thumb),
        thumbnail_width=thumb.width,
        thumbnail_height=thumb.height,
    )
