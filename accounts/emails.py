"""Emails as templates: ``templates/emails/<name>-subject.txt``, ``-body.txt``, ``-body.html``."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_templated(name: str, *, to: str, context: dict) -> int:
    """Render one message from its three templates and send it; returns 1 if sent."""
    # A newline in a subject would let a header value inject another header.
    subject = " ".join(render_to_string(f"emails/{name}-subject.txt", context).split())
    text = render_to_string(f"emails/{name}-body.txt", context)
    html = render_to_string(f"emails/{name}-body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    return message.send()
