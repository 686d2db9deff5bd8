"""Teacher pages for a 40-student class: progress grid and item analysis.

    python bench/teacher.py [--scale S] [--iterations N]

The class is seed_bench's first class (BENCH001, 40 students) and its first
open assignment. Requests go through the full middleware stack with the
Django test Client, the teacher logged in with force_login; the baseline is
a trivial login-required view under the same middleware and session, in the
same run. Targets (issue 7): p50 <= 3x baseline; query counts are reported.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

ITERATIONS = {"XS": 20, "S": 100, "M": 100, "L": 100}
WARMUP = 5


def main(argv: list[str] | None = None) -> int:
    args = common.start_request_bench(__doc__, argv)

    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from quizzes.models import ReviewLog
    from teaching.models import Assignment, Classroom

    n = args.iterations or ITERATIONS[args.scale]
    classroom = Classroom.objects.select_related("teacher").get(code="BENCH001")
    assignment = Assignment.objects.filter(classroom=classroom, closed_at=None).order_by("id")[0]
    students = classroom.memberships.count()
    logs = ReviewLog.objects.filter(user__memberships__classroom=classroom).count()
    pages = {
        "progress grid": f"/teach/classes/{classroom.pk}/progress/",
        "item analysis": f"/teach/assignments/{assignment.pk}/items/",
        "baseline (trivial view)": "/" + common.PING_PATH,
    }

    samples: dict[str, list[float]] = {name: [] for name in pages}
    queries: dict[str, int] = {}
    with override_settings(ROOT_URLCONF="bench.common"):
        client = Client(SERVER_NAME="localhost")
        client.force_login(classroom.teacher)
        for _ in range(WARMUP):
            for url in pages.values():
                assert client.get(url).status_code == 200, url
        for _ in range(n):
            for name, url in pages.items():
                with CaptureQueriesContext(connection) as ctx:
                    ms, response = common.timed_ms(lambda url=url: client.get(url))
                assert response.status_code == 200, (url, response.status_code)
                samples[name].append(ms)
                queries[name] = max(queries.get(name, 0), len(ctx.captured_queries))

    base = common.summary(samples["baseline (trivial view)"])
    rows, results = [], {}
    for name in pages:
        s = common.summary(samples[name])
        ratio = s["p50_ms"] / base["p50_ms"]
        results[name] = {**s, "ratio_p50": round(ratio, 2), "queries": queries[name]}
        target = "" if name.startswith("baseline") else common.verdict(ratio, 3)
        rows.append([name, s["p50_ms"], s["p99_ms"], round(ratio, 2), queries[name], target])
    table = common.md_table(
        ["page", "p50 ms", "p99 ms", "× baseline p50", "queries", "target ≤3×"], rows
    )
    notes = (
        f"Class {classroom.code}: {students} students, {logs:,} review logs between them; "
        f"assignment {assignment.pk} (deck {assignment.deck_id}). {n} requests per page after "
        f"{WARMUP} warm-up, interleaved, {common.environment()['database']}."
    )
    common.write_results(
        f"teacher_{args.scale}",
        f"Teacher pages, {students}-student class (scale {args.scale})",
        table,
        {
            "scale": args.scale,
            "iterations": n,
            "class": classroom.code,
            "students": students,
            "class_review_logs": logs,
            "pages": results,
        },
        notes,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
