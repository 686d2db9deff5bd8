"""The request type views see once django-htmx's middleware has run.

It lives in the lowest app so the views of every app share one definition.
"""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it, for type checkers."""

    htmx: HtmxDetails
