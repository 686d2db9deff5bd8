"""Error pages that are ours rather than Django's built-in handlers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def rate_limited(request: HttpRequest, exception: Exception) -> HttpResponse:
    """django-ratelimit's view for a refused request: say so, and when to retry."""
    return render(request, "429.html", status=429)
