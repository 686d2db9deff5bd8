from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError


def validate_image_file(file) -> None:
    """Reject files that only pretend to be images, and oversized ones."""
    from django.conf import settings

    if file.size and file.size > settings.MAX_IMAGE_BYTES:
        limit = settings.MAX_IMAGE_BYTES // (1024 * 1024)
        raise ValidationError(f"This image is larger than {limit} MB. Please upload a smaller one.")
    position = file.tell() if hasattr(file, "tell") else None
    try:
        with Image.open(file) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError(
            "This file is not a readable image. Upload a JPEG, PNG, GIF or WebP file."
        ) from exc
    finally:
        if position is not None:
            file.seek(position)
