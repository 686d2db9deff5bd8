"""Refuse oversized requests before Django reads them.

The CSRF check parses a multipart body to find its token, so a form's own
size check comes too late: a 2 GB "document" would already be on disk. The
limit is the largest upload we accept plus room for the form's other fields.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import render, resolve_url
from django.utils.cache import patch_cache_control
from django_htmx.http import HttpResponseClientRedirect


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


class HtmxLoginRedirectMiddleware:
    """Send the whole page to the login form when an htmx request needs a login.

    After a logout in another tab, ``login_required`` answers an htmx request
    with a redirect; htmx would follow it and swap the login page into the
    study card. ``HX-Redirect`` makes the browser navigate instead, with
    ``next`` kept so the student comes back where they were.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and response.status_code == 302
            and response["Location"].startswith(resolve_url(settings.LOGIN_URL))
        ):
            return HttpResponseClientRedirect(_login_with_next(request, response["Location"]))
        return response


def _login_with_next(request, location: str) -> str:
    # For an htmx request the page to come back to is the one the user was on,
    # not the fragment URL (often a POST-only endpoint).
    current = request.htmx.current_url_abs_path
    if not current:
        return location
    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({REDIRECT_FIELD_NAME: current})}"


class AdminInlineStylesMiddleware:
    """The Django admin's own templates and scripts set inline styles (the change
    list's <style>, widgets' style attributes), which the site-wide CSP
    (style-src 'self') blocks. Under /admin/ only, inline *styles* are allowed,
    as django-csp's ``csp_update`` decorator would do for a view; scripts stay
    'self' only. Listed after CSPMiddleware, so this runs first on the response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.prefix is None:
            from django.urls import reverse

            self.prefix = reverse("admin:index")
        if request.path.startswith(self.prefix):
            from csp.constants import UNSAFE_INLINE

            response._csp_update = {"style-src": [UNSAFE_INLINE]}
        return response
