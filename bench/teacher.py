"""Teacher pages at district scale: class list, progress grid, item analysis.

    python bench/teacher.py [--scale S] [--iterations N]

- class list: the teacher of the largest class (all of the district's classes
  are in the table; the page lists the teacher's own);
- progress grid and item analysis (its first open assignment) for the largest
  class (most members; seed_bench's BENCH001, 40 students);
- item analysis for the most-answered deck (most cards with a graded first
  attempt), district-wide, as an admin sees it (``bench-admin``, created here
  if missing).

The grid caches its costly figures for a minute, keyed by the class's latest
reviews (teaching.progress._class_figures): a repeat view reads the cache. The
"cache cold" row recomputes them on every request, as the first view after a
student's review does.

Requests go through the full middleware stack with the Django test Client,
logged in with force_login; the baseline is a trivial login-required view
under the same middleware and session, in the same run, interleaved.
Target (issue 17): p50 <= 5x baseline; query counts are reported.
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

ITERATIONS = {"XS": 20, "S": 100, "M": 100, "L": 100}
WARMUP = 5
TARGET = 5
BASELINE = "baseline (trivial view)"
COLD_GRID = "progress grid (largest class, cache cold)"


def main(argv: list[str] | None = None) -> int:
    args = common.start_request_bench(__doc__, argv)

    from unittest import mock

    from django.core.cache.backends.dummy import DummyCache
    from django.db import connection
    from django.db.models import Count
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from quizzes.models import Card, DeckQuestion, ReviewLog
    from teaching.models import Assignment, Classroom

    n = args.iterations or ITERATIONS[args.scale]
    classroom = (
        Classroom.objects.filter(code__startswith="BENCH")
        .annotate(n=Count("memberships"))
        .select_related("teacher")
        .order_by("-n", "code")[0]
    )
    assignment = Assignment.objects.filter(classroom=classroom, closed_at=None).order_by("id")[0]
    students = classroom.memberships.count()
    logs = ReviewLog.objects.filter(user__memberships__classroom=classroom).count()
    # The most-answered deck: most cards with a graded first attempt (untimed).
    answered = (
        DeckQuestion.objects.filter(deck__title__startswith="Bench deck")
        .values("deck_id")
        .annotate(n=Count("id"))
    )
    per_deck: dict[int, int] = {}
    for row in (
        Card.objects.filter(first_attempt_correct__isnull=False)
        .values("question__deck_entries__deck_id")
        .annotate(n=Count("id"))
    ):
        deck_id = row["question__deck_entries__deck_id"]
        if deck_id is not None:
            per_deck[deck_id] = row["n"]
    assert answered, "no bench decks"
    top_deck = max(per_deck, key=lambda d: (per_deck[d], -d))
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"role": User.Role.ADMIN, "first_name": "Admin"}
    )
    classes_total = Classroom.objects.count()
    teacher_classes = Classroom.objects.filter(teacher=classroom.teacher).count()

    grid_url = f"/teach/classes/{classroom.pk}/progress/"
    teacher_pages = {
        BASELINE: "/" + common.PING_PATH,
        "class list": "/teach/classes/",
        "progress grid (largest class)": grid_url,
        COLD_GRID: grid_url,
        "item analysis (class assignment)": f"/teach/assignments/{assignment.pk}/items/",
    }
    admin_pages = {
        "item analysis (most-answered deck, district)": f"/teach/decks/{top_deck}/items/",
    }
    names = [*teacher_pages, *admin_pages]
    samples: dict[str, list[float]] = {name: [] for name in names}
    queries: dict[str, int] = {}
    with override_settings(ROOT_URLCONF="bench.common"):
        teacher = Client(SERVER_NAME="localhost")
        teacher.force_login(classroom.teacher)
        admin_client = Client(SERVER_NAME="localhost")
        admin_client.force_login(admin)
        plan = [(teacher, name, url) for name, url in teacher_pages.items()]
        plan += [(admin_client, name, url) for name, url in admin_pages.items()]
        for _ in range(WARMUP):
            for client, _name, url in plan:
                assert client.get(url).status_code == 200, url
        cold_cache = DummyCache("cold", {})
        for _ in range(n):
            for client, name, url in plan:
                cold = mock.patch("teaching.progress.cache", cold_cache)
                with cold if name == COLD_GRID else nullcontext(), CaptureQueriesContext(
                    connection
                ) as ctx:
                    ms, response = common.timed_ms(lambda c=client, u=url: c.get(u))
                assert response.status_code == 200, (url, response.status_code)
                samples[name].append(ms)
                queries[name] = max(queries.get(name, 0), len(ctx.captured_queries))

    base = common.summary(samples[BASELINE])
    rows, results = [], {}
    for name in names:
        s = common.summary(samples[name])
        ratio = s["p50_ms"] / base["p50_ms"]
        results[name] = {**s, "ratio_p50": round(ratio, 2), "queries": queries[name]}
        target = "" if name == BASELINE else common.verdict(ratio, TARGET)
        rows.append([name, s["p50_ms"], s["p99_ms"], round(ratio, 2), queries[name], target])
    table = common.md_table(
        ["page", "p50 ms", "p99 ms", "× baseline p50", "queries", f"target ≤{TARGET}×"], rows
    )
    notes = (
        f"Largest class {classroom.code}: {students} students, {logs:,} review logs between "
        f"them; assignment {assignment.pk} (deck {assignment.deck_id}). Class list: teacher "
        f"{classroom.teacher.username} with {teacher_classes} classes of {classes_total} in the "
        f"district. Most-answered deck {top_deck}: {per_deck[top_deck]:,} graded first attempts, "
        f"read as an admin (every student). {n} requests per page after {WARMUP} warm-up, "
        f"interleaved, {common.environment()['database']}."
    )
    common.write_results(
        f"teacher_{args.scale}",
        f"Teacher pages (scale {args.scale})",
        table,
        {
            "scale": args.scale,
            "iterations": n,
            "class": classroom.code,
            "students": students,
            "class_review_logs": logs,
            "classes_in_district": classes_total,
            "most_answered_deck": top_deck,
            "most_answered_deck_first_attempts": per_deck[top_deck],
            "pages": results,
        },
        notes,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
