"""Refuse oversized requests before Django reads them.

The CSRF check parses a multipart body to find its token, so a form's own
size check comes too late: a 2 GB "document" would already be on disk. The
limit is the largest upload we accept plus room for the form's other fields.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        largest = max(settings.MAX_DOCUMENT_BYTES, settings.MAX_IMAGE_BYTES)
        limit = largest + 1024 * 1024
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return render(request, "413.html", {"largest": largest}, status=413)
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Keep signed-in pages out of every cache.

    A student's queue, a teacher's grid or a CSV export must not be stored by
    a shared proxy or shown again from the browser's history after logout.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
