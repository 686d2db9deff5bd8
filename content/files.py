"""Files an import writes through Django's storage, kept only if its rows are.

Pictures and original uploads live in storage (``MEDIA_ROOT`` today, S3-style
later), outside the database transaction. ``import_files()`` collects the
files one import writes; if the import fails, they are deleted again, so a
rolled-back import leaves no file behind. Nested uses share the outermost
collection, so an inner success whose outer transaction fails still cleans up.

Paths are content-addressed: the same bytes always land at the same path, and
a file already there is never written again (nor deleted by a failing import
that did not write it).
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from content.models import Document, Figure

logger = logging.getLogger(__name__)

_written: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "import_files", default=None
)


@contextmanager
def import_files() -> Iterator[list[str]]:
    """Collect the files written inside; delete them if the block raises.

    Put it outside the ``transaction.atomic()`` it guards: the clean-up then
    runs once the rows are rolled back and can see which files are still used.
    """
    outer = _written.get()
    if outer is not None:  # an enclosing import owns the clean-up
        yield outer
        return
    written: list[str] = []
    token = _written.set(written)
    try:
        yield written
    except BaseException:
        _discard(written)
        raise
    finally:
        _written.reset(token)


def store(path: str, data: bytes) -> str:
    """Save ``data`` at ``path`` unless a file is there already; return the path."""
    if default_storage.exists(path):
        return path
    name = default_storage.save(path, ContentFile(data))
    written = _written.get()
    if written is not None:
        written.append(name)
    return name


def _discard(names: list[str]) -> None:
    for name in names:
        # Another import may have committed a row that uses the same picture
        # since this one wrote it; its file stays.
        if (
            Figure.objects.filter(image=name).exists()
            or Figure.objects.filter(thumbnail=name).exists()
            or Document.objects.filter(original=name).exists()
        ):
            continue
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("could not delete %s after a failed import", name, exc_info=True)
