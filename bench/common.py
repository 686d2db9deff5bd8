"""Shared helpers for the issue-7 benchmarks: Django setup, percentiles,
markdown tables, results files, study-page parsing, and a bench-only urlconf.

Every script prints one markdown table and writes bench/results/<name>.md and
<name>.json. Scripts take ``--scale`` only to label results and pick sample
sizes; the data is whatever ``manage.py seed_bench`` last built.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PING_PATH = "bench-ping/"


def setup_django() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def collect_static() -> None:
    """Production serves hashed static names from collectstatic's manifest
    (the Procfile's release step); without it every page fails to render."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--scale", choices=("XS", "S", "M", "L"), default="S")
    return p


# Statistics ---------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def summary(samples_ms: list[float]) -> dict[str, float]:
    return {
        "n": len(samples_ms),
        "p50_ms": round(percentile(samples_ms, 50), 2),
        "p95_ms": round(percentile(samples_ms, 95), 2),
        "p99_ms": round(percentile(samples_ms, 99), 2),
        "mean_ms": round(statistics.fmean(samples_ms), 2) if samples_ms else float("nan"),
    }


def timed_ms(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t0) * 1000, result


def verdict(value: float, target: float) -> str:
    return "✅" if value <= target else "❌"


# Output -------------------------------------------------------------------


def md_table(headers: list[str], rows: Iterable[Iterable[Any]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def environment() -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection

    return {
        "database": connection.vendor,
        "db_name": settings.DATABASES["default"].get("NAME"),
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "when": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def write_results(name: str, title: str, table: str, payload: dict, notes: str = "") -> None:
    """Print the table and store it with its raw numbers."""
    md = f"# {title}\n\n{table}\n"
    if notes:
        md += f"\n{notes.strip()}\n"
    print(md)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.md").write_text(md, encoding="utf-8")
    payload = {"name": name, "environment": _safe_environment(), **payload}
    (RESULTS / f"{name}.json").write_text(
        json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )


def _safe_environment() -> dict[str, Any]:
    try:
        return environment()
    except Exception:  # Django not set up (the HTTP client side): the caller adds its own
        return {"python": platform.python_version(), "cpus": os.cpu_count()}


def seeded_scale() -> str | None:
    """The scale seed_bench built, from the bench document's marker."""
    from content.models import Document

    doc = Document.objects.filter(title="Bench corpus").first()
    return doc.source_name.removeprefix("bench-") if doc else None


def busiest_students(count: int, *, scan: int | None = None) -> dict[int, int]:
    """``count`` bench students with the most cards to study now, each with that deck.

    Histories run up to now, so many students have finished today's reviews
    already, and a load test of "All done" pages measures little. ``scan``
    caps how many (student, deck) rows are read to find them.
    """
    from datetime import timedelta

    from django.db.models import Count, F, Q
    from django.utils import timezone

    from quizzes.models import Card

    soon = timezone.now() + timedelta(days=1)
    rows = (
        Card.objects.filter(user__username__startswith="bench-s-0")
        .filter(Q(last_review__isnull=True) | Q(due__lte=soon))
        .values("user_id", deck=F("question__deck_entries__deck_id"))
        .annotate(n=Count("id"))
        .order_by("-n", "user_id")
    )
    decks: dict[int, int] = {}
    for row in rows[:scan] if scan else rows:
        if len(decks) < count:
            decks.setdefault(row["user_id"], row["deck"])
    return decks


def require_seed(scale: str) -> None:
    built = seeded_scale()
    if built is None:
        raise SystemExit(f"No bench data: run `manage.py seed_bench --scale {scale}` first.")
    if built != scale:
        print(f"warning: asked for scale {scale} but the database holds scale {built}")


def count_queries(captured: list[dict]) -> int:
    """Queries a request made, leaving out the savepoints the bench's own
    rollback wrapper turns each inner transaction into."""
    skip = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
    return sum(1 for q in captured if not q["sql"].lstrip().upper().startswith(skip))


# Study pages --------------------------------------------------------------

_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_ANSWER_ACTION = re.compile(r'action="(/decks/\d+/study/\d+/answer/)"')
_RATE_ACTION = re.compile(r'action="(/decks/\d+/study/\d+/rate/)"')
_RATING_BUTTON = re.compile(r'<button type="submit" name="rating" value="(\d)"[^>]*>')
_CHOICE = re.compile(r'<button type="submit" name="answer" value="([^"]*)"')
_ORDER_ITEM = re.compile(r'<input type="hidden" name="item" value="([^"]*)"')


def _hidden(page: str, name: str) -> str | None:
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def parse_front(page: str) -> dict | None:
    """The answer form of a study page, or None when no card is shown."""
    action = _ANSWER_ACTION.search(page)
    if not action:
        return None
    start = action.start()
    form = page[start : page.index("</form>", start)]
    data: dict[str, Any] = {
        "version": _hidden(form, "version"),
        "shown_at": _hidden(form, "shown_at"),
    }
    choices = [html.unescape(c) for c in _CHOICE.findall(form)]
    items = [html.unescape(c) for c in _ORDER_ITEM.findall(form)]
    if items:
        data["item"] = items
        data["position"] = [str(i + 1) for i in range(len(items))]
    elif choices:
        data["answer"] = choices[0]
    else:
        data["answer"] = "1800"
    token = _CSRF.search(page)
    if token:
        data["csrfmiddlewaretoken"] = token.group(1)
    return {"url": action.group(1), "data": data}


def parse_back(page: str) -> dict | None:
    """The rating form of an answered card, rating as the page suggests."""
    action = _RATE_ACTION.search(page)
    if not action:
        return None
    start = action.start()
    form = page[start : page.index("</form>", start)]
    rating = "3"
    for button in _RATING_BUTTON.finditer(form):
        if "data-suggested" in button.group(0):
            rating = button.group(1)
    data = {
        "version": _hidden(form, "version"),
        "answer": _hidden(form, "answer") or "",
        "correct": _hidden(form, "correct") or "unknown",
        "duration_ms": _hidden(form, "duration_ms") or "0",
        "rating": rating,
    }
    token = _CSRF.search(page)
    if token:
        data["csrfmiddlewaretoken"] = token.group(1)
    return {"url": action.group(1), "data": data}


# A bench-only urlconf (ROOT_URLCONF="bench.common"): the project's URLs plus
# a trivial view, so the baseline passes through the same middleware, session
# and user lookup as the pages it is compared with. Built lazily because the
# project's urls import models, which needs django.setup() first.


def _ping(request):
    from django.http import HttpResponse

    # Touch the user so the session and user queries happen, as on a real page.
    return HttpResponse("ok" if request.user.is_authenticated else "anonymous")


def __getattr__(name: str):
    if name == "urlpatterns":
        from django.contrib.auth.decorators import login_required
        from django.urls import path

        from config.urls import urlpatterns as project

        return [path(PING_PATH, login_required(_ping), name="bench_ping"), *project]
    raise AttributeError(name)


def start_request_bench(description: str, argv: list[str] | None) -> argparse.Namespace:
    """Arguments, Django, the seeded data and static files: what every
    in-process request benchmark needs before it times anything."""
    parser_ = parser(description)
    parser_.add_argument("--iterations", type=int, default=None)
    args = parser_.parse_args(argv)
    setup_django()
    require_seed(args.scale)
    collect_static()
    return args

