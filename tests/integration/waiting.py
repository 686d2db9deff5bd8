"""Waiting on a real worker, the one way every integration test does it."""

from __future__ import annotations

import time

from content.models import Document


def wait_until_imported(document_id: int, timeout: float = 120.0) -> Document:
    """Poll until the import is ready or failed; a worker runs in another thread or process."""
    deadline = time.monotonic() + timeout
    document = Document.objects.get(pk=document_id)
    while time.monotonic() < deadline:
        document = Document.objects.get(pk=document_id)
        if document.status in (Document.Status.READY, Document.Status.FAILED):
            return document
        time.sleep(0.25)
    raise AssertionError(f"the import did not finish within {timeout}s: {document.status}")
