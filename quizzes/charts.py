"""Server-rendered SVG charts for the dashboard.

Plain SVG needs no JavaScript and works on any phone. Colours come from CSS
classes (static/css/charts.css), so light and dark themes both work; sizes
come from the viewBox, so the charts scale to their container.
"""

from __future__ import annotations

import html
import math
import re
from datetime import date, timedelta

from django.utils.safestring import SafeString, mark_safe

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _esc(text: object) -> str:
    # Control characters are not allowed in XML at all, escaped or not.
    return html.escape(_CONTROL.sub("", str(text)), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _svg(
    width: float, height: float, label: str, body: list[str], css_class: str, size: str = "100%"
) -> SafeString:
    # Safe: every text in a chart goes through _esc, numbers are formatted here,
    # and the body pieces are built only by this module's functions (with _esc).
    return mark_safe(  # nosec B308 B703
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg {css_class}" '
        f'viewBox="0 0 {width:g} {height:g}" width="{size}" role="img" '
        f'aria-label="{_esc(label)}">' + "".join(body) + "</svg>"
    )


def _empty(width: float, message: str = "No data yet") -> SafeString:
    body = [
        f'<text class="chart-label chart-empty" x="{width / 2:g}" y="24" '
        f'text-anchor="middle">{_esc(message)}</text>'
    ]
    return _svg(width, 40, message, body, "chart-none")


# -- heatmap ----------------------------------------------------------------

CELL = 10
GAP = 2
STEP = CELL + GAP
HEATMAP_SCALE = 1.6  # each day's square is 16 px on the page


def _level(n: int, peak: int) -> int:
    if n <= 0 or peak <= 0:
        return 0
    return min(4, max(1, math.ceil(4 * n / peak)))


def heatmap_svg(counts: dict[date, int], end: date, days: int = 365) -> SafeString:
    """A year of reviews as weekly columns of daily squares, GitHub style."""
    days = max(1, days)
    start = end - timedelta(days=days - 1)
    in_range = {d: int(n or 0) for d, n in counts.items() if start <= d <= end}
    total = sum(in_range.values())
    active = sum(1 for n in in_range.values() if n > 0)
    peak = max(in_range.values(), default=0)

    grid_start = start - timedelta(days=start.weekday())  # weeks run Monday to Sunday
    columns = (end - grid_start).days // 7 + 1
    left, top = 26, 14
    # Room on the right for a month label in the last column, and for the legend.
    width = max(left + columns * STEP + 14, 120)
    height = top + 7 * STEP + 18

    body = []
    for row in (0, 2, 4):
        y = top + row * STEP + CELL - 1
        body.append(f'<text class="chart-label" x="0" y="{y}">{WEEKDAYS[row]}</text>')
    last_label_column = -3
    for offset in range(days):
        day = start + timedelta(days=offset)
        column = (day - grid_start).days // 7
        if day.day == 1 and column - last_label_column >= 3:
            body.append(
                f'<text class="chart-label" x="{left + column * STEP}" y="{top - 4}">'
                f"{MONTHS[day.month - 1]}</text>"
            )
            last_label_column = column
        n = in_range.get(day, 0)
        x = left + column * STEP
        y = top + day.weekday() * STEP
        title = f"{_plural(n, 'review')} on {day.isoformat()}"
        body.append(
            f'<rect class="cell heat-{_level(n, peak)}" x="{x}" y="{y}" width="{CELL}" '
            f'height="{CELL}" rx="2" data-date="{day.isoformat()}" data-count="{n}">'
            f"<title>{_esc(title)}</title></rect>"
        )

    legend_y = top + 7 * STEP + 6
    legend_x = width - 5 * STEP - 26
    body.append(
        f'<text class="chart-label" x="{legend_x - 4}" y="{legend_y + CELL - 1}" '
        f'text-anchor="end">Less</text>'
    )
    for level in range(5):
        body.append(
            f'<rect class="legend heat-{level}" x="{legend_x + level * STEP}" y="{legend_y}" '
            f'width="{CELL}" height="{CELL}" rx="2"/>'
        )
    body.append(
        f'<text class="chart-label" x="{legend_x + 5 * STEP + 2}" '
        f'y="{legend_y + CELL - 1}">More</text>'
    )

    label = f"{_plural(total, 'review')} in the last {days:,} days"
    if total:
        label += f", on {_plural(active, 'day')}"
    # A fixed scale, not the container's width: twelve weeks of squares
    # stretched over a wide page would be blown up five times.
    css_class = "chart-heatmap chart-heatmap-long" if columns > 26 else "chart-heatmap"
    return _svg(width, height, label, body, css_class, size=f"{round(width * HEATMAP_SCALE)}")


# -- forecast ---------------------------------------------------------------


def _short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def forecast_svg(counts: dict[date, int], start: date, days: int = 30) -> SafeString:
    """Cards due per day over the next ``days``, as vertical bars."""
    days = max(1, days)
    series = [
        (start + timedelta(days=i), int(counts.get(start + timedelta(days=i)) or 0))
        for i in range(days)
    ]
    total = sum(n for _, n in series)
    peak = max((n for _, n in series), default=0)

    left, right, top, bottom = 34, 16, 10, 34  # right: the last date label overhangs
    bar_step = 12
    plot_h = 120
    width = left + days * bar_step + right
    height = top + plot_h + bottom
    base = top + plot_h

    body = [
        f'<line class="chart-axis" x1="{left}" y1="{base}" x2="{width - right}" y2="{base}"/>',
        f'<line class="chart-axis" x1="{left}" y1="{top}" x2="{left}" y2="{base}"/>',
        f'<text class="chart-label" x="{left - 4}" y="{base}" text-anchor="end">0</text>',
        f'<text class="chart-label" x="{left - 4}" y="{top + 8}" text-anchor="end">{peak:,}</text>',
        f'<text class="chart-label chart-axis-title" x="{left + days * bar_step / 2:g}" '
        f'y="{height - 2}" text-anchor="middle">Day</text>',
        f'<text class="chart-label chart-axis-title" x="10" y="{top + plot_h / 2:g}" '
        f'text-anchor="middle" transform="rotate(-90 10 {top + plot_h / 2:g})">Cards due</text>',
    ]
    for i, (day, n) in enumerate(series):
        x = left + i * bar_step + 2
        h = plot_h * n / peak if peak else 0
        when = "today" if i == 0 else f"on {day.isoformat()}"
        title = f"{_plural(n, 'card')} due {when}"
        body.append(
            f'<rect class="bar{"" if n else " bar-zero"}" x="{x}" y="{base - h:.1f}" '
            f'width="{bar_step - 3}" height="{h:.1f}" data-date="{day.isoformat()}" '
            f'data-count="{n}"><title>{_esc(title)}</title></rect>'
        )
        if i % 7 == 0:
            text = "Today" if i == 0 else _short_date(day)
            body.append(f'<text class="chart-label" x="{x}" y="{base + 14}">{_esc(text)}</text>')

    if total:
        busiest_day, busiest = max(series, key=lambda item: item[1])
        label = (
            f"{_plural(total, 'card')} due in the next {days:,} days; the busiest day is "
            f"{busiest_day.isoformat()} with {busiest:,}"
        )
    else:
        label = f"No cards due in the next {days:,} days"
    return _svg(width, height, label, body, "chart-forecast")


# -- horizontal bars --------------------------------------------------------


def _truncate(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_svg(items: list[tuple[str, float]]) -> SafeString:
    """One horizontal bar per (label, share) with share in 0..1, e.g. mastery per deck."""
    width = 320
    if not items:
        return _empty(width)
    row_h = 34
    bar_w = width - 44  # room for the percentage on the right
    body = []
    parts = []
    for i, (label, value) in enumerate(items):
        share = min(1.0, max(0.0, float(value or 0)))  # NaN falls to 0.0 here too
        percent = round(share * 100)
        y = i * row_h
        label = str(label)
        parts.append(f"{label} {percent}%")
        body.append(
            f"<g><title>{_esc(f'{label}: {percent}%')}</title>"
            f'<text class="chart-label" x="0" y="{y + 12}">{_esc(_truncate(label))}</text>'
            f'<rect class="bar-track" x="0" y="{y + 17}" width="{bar_w}" height="10" rx="3"/>'
            f'<rect class="bar" x="0" y="{y + 17}" width="{bar_w * share:.1f}" height="10" '
            f'rx="3"/>'
            f'<text class="chart-label" x="{width}" y="{y + 26}" text-anchor="end">'
            f"{percent}%</text></g>"
        )
    return _svg(width, len(items) * row_h, "; ".join(parts), body, "chart-bars")
