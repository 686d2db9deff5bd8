"""The teacher's big tables, cell by cell, written in Python.

A progress grid is students × assignments cells (200 at 40 × 5), each with a
count, a meter, mastery, a relative time and a badge; item analysis is four
figures for each of a deck's questions. Through the template engine each cell
cost about a dozen variable lookups, escapes and localisations, which was most
of those pages (issue 17); here each is one ``format_html``.
"""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.timezone import localtime

from teaching.progress import BEHIND, DONE, ON_TRACK, OVERDUE, Cell, Item

register = template.Library()

BADGES = {DONE: "badge-good", ON_TRACK: "badge-good", OVERDUE: "badge-bad", BEHIND: "badge-warn"}


@register.simple_tag
def relative_time(moment) -> SafeString:
    """``<time>`` with the machine-readable moment and "3 days ago" for people."""
    return format_html(
        '<time datetime="{}">{}</time>', localtime(moment).isoformat(), naturaltime(moment)
    )


@register.simple_tag
def progress_cell(cell: Cell) -> SafeString:
    studied = (
        format_html("<small>studied {}</small>", relative_time(cell.last_active))
        if cell.last_active
        else ""
    )
    return format_html(
        '<td class="cell status-{}"><span class="cell-count">{}/{}</span>'
        '<meter min="0" max="{}" value="{}" aria-hidden="true"></meter>'
        "<small>mastery {}%</small>{}"
        '<span class="badge {}">{}</span></td>',
        slugify(cell.status),
        cell.studied,
        cell.total,
        cell.total or 1,
        cell.studied,
        cell.mastery_pct,
        studied,
        BADGES.get(cell.status, ""),
        cell.status,
    )


# A constant, so safe as it is.
_MISSING = mark_safe('<span class="muted">–</span>')  # nosec B308


@register.simple_tag
def item_figures(item: Item) -> SafeString:
    """Attempts, facility, mastered share and discrimination of one question."""
    facility = _MISSING if item.facility is None else floatformat(item.facility, 2)
    mastered = _MISSING if item.mastery is None else f"{round(item.mastery * 100)}%"
    discrimination = (
        _MISSING if item.discrimination is None else floatformat(item.discrimination, 2)
    )
    return format_html(
        '<td data-label="Attempts">{}</td><td data-label="Facility">{}</td>'
        '<td data-label="Mastered">{}</td><td data-label="Discrimination">{}</td>',
        item.attempts,
        facility,
        mastered,
        discrimination,
    )
