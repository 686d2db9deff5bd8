"""Study loop in process: next card, answer, rate, through the full middleware stack.

    python bench/study_loop.py [--scale S] [--iterations N]

A logged-in student (Django test Client, force_login, CSRF enforced) runs
GET study page -> POST answer -> POST rate, N times. Each request commits as
in production; between iterations (untimed) the review is undone and its log
removed, so every iteration sees the same history (the light student stays at
~10 logs, the heavy one at ~20,000). An earlier version rolled each iteration
back instead, which also threw away psycopg's prepared statements and made
every query plan again. The baseline is a trivial login-required view under
the same middleware and session (bench.common's urlconf), measured in the
same run.

Each iteration also loads the student's dashboard (GET /dashboard/), timed
apart from the loop. At L the heavy student has ~20,000 logs among 1 M cards
and 5 M logs.

Targets (issues 7, 17): study requests p50 <= 3x baseline, the dashboard <= 5x,
<= 10 queries per study request, heavy/light history-scaling factor <= 1.2x.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

ITERATIONS = {"XS": 30, "S": 200, "M": 200, "L": 300}
WARMUP = 10
STEPS = ("GET next card", "POST answer", "POST rate")


def main(argv: list[str] | None = None) -> int:
    args = common.start_request_bench(__doc__, argv)

    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from quizzes.models import Enrollment, ReviewLog
    from quizzes.services.reviews import review_undo

    n = args.iterations or ITERATIONS[args.scale]
    light = User.objects.get(username="bench-s-light")
    heavy = User.objects.get(username="bench-s-heavy")
    deck_id = (
        Enrollment.objects.filter(user=light)
        .order_by("deck__title")
        .values_list("deck_id", flat=True)
    )[0]
    study_url = f"/decks/{deck_id}/study/"

    def client_for(user):
        # Not "testserver": that host is only allowed under the test runner.
        client = Client(enforce_csrf_checks=True, SERVER_NAME="localhost")
        client.force_login(user)
        client.session_user = user
        return client

    def request(client, method, url, data=None):
        with CaptureQueriesContext(connection) as ctx:
            ms, response = common.timed_ms(
                lambda: client.get(url) if method == "GET" else client.post(url, data)
            )
        return ms, response, common.count_queries(ctx.captured_queries)

    def loop_once(client) -> list[tuple[float, int]]:
        ms1, r1, q1 = request(client, "GET", study_url)
        front = common.parse_front(r1.content.decode())
        if r1.status_code != 200 or front is None:
            raise SystemExit(f"no card to study at {study_url} ({r1.status_code})")
        ms2, r2, q2 = request(client, "POST", front["url"], front["data"])
        back = common.parse_back(r2.content.decode())
        if r2.status_code != 200 or back is None:
            raise SystemExit(f"answer failed ({r2.status_code})")
        ms3, r3, q3 = request(client, "POST", back["url"], back["data"])
        if r3.status_code != 302:
            raise SystemExit(f"rate failed ({r3.status_code})")
        # Put the card back, untimed, so every iteration studies the same state.
        # Not a rolled-back transaction: as in production each request commits,
        # and a rollback would also drop psycopg's prepared statements.
        user = client.session_user
        review_undo(user=user)
        ReviewLog.objects.filter(user=user, undone_at__isnull=False).delete()
        return [(ms1, q1), (ms2, q2), (ms3, q3)]

    def dashboard_once(client) -> tuple[float, int]:
        ms, response, queries = request(client, "GET", "/dashboard/")
        assert response.status_code == 200, response.status_code
        return ms, queries

    def ping_once(client) -> tuple[float, int]:
        ms, response, queries = request(client, "GET", "/" + common.PING_PATH)
        assert response.status_code == 200 and response.content == b"ok", response
        return ms, queries

    results = {}
    with override_settings(ROOT_URLCONF="bench.common"):
        clients = {"light": client_for(light), "heavy": client_for(heavy)}
        for client in clients.values():
            for _ in range(WARMUP):
                loop_once(client)
                dashboard_once(client)
                ping_once(client)
        samples = {
            who: {
                "steps": [[] for _ in STEPS],
                "queries": [[] for _ in STEPS],
                "loop": [],
                "dashboard": [],
                "dashboard_q": [],
            }
            for who in clients
        }
        baseline, baseline_q = [], []
        # Interleave students and baseline so drift (autovacuum, caches) hits all alike.
        for _ in range(n):
            for who, client in clients.items():
                steps = loop_once(client)
                for i, (ms, q) in enumerate(steps):
                    samples[who]["steps"][i].append(ms)
                    samples[who]["queries"][i].append(q)
                samples[who]["loop"].append(sum(ms for ms, _ in steps))
                ms, q = dashboard_once(client)
                samples[who]["dashboard"].append(ms)
                samples[who]["dashboard_q"].append(q)
                ms, q = ping_once(client)
                baseline.append(ms)
                baseline_q.append(q)

    base = common.summary(baseline)
    rows = [
        ["baseline (trivial view)", "–", base["p50_ms"], base["p99_ms"], 1.0, max(baseline_q), ""]
    ]
    logs = {
        "light": ReviewLog.objects.filter(user=light).count(),
        "heavy": ReviewLog.objects.filter(user=heavy).count(),
    }
    for who in clients:
        results[who] = {"logs": logs[who]}
        for i, step in enumerate(STEPS):
            s = common.summary(samples[who]["steps"][i])
            queries = max(samples[who]["queries"][i])
            ratio = s["p50_ms"] / base["p50_ms"]
            results[who][step] = {**s, "ratio_p50": round(ratio, 2), "queries": queries}
            ok = common.verdict(ratio, 3) + common.verdict(queries, 10)
            rows.append(
                [
                    f"{who}: {step}",
                    logs[who],
                    s["p50_ms"],
                    s["p99_ms"],
                    round(ratio, 2),
                    queries,
                    ok,
                ]
            )
        dash = common.summary(samples[who]["dashboard"])
        dash_q = max(samples[who]["dashboard_q"])
        dash_ratio = dash["p50_ms"] / base["p50_ms"]
        results[who]["dashboard"] = {**dash, "ratio_p50": round(dash_ratio, 2), "queries": dash_q}
        rows.append(
            [
                f"{who}: dashboard",
                logs[who],
                dash["p50_ms"],
                dash["p99_ms"],
                round(dash_ratio, 2),
                dash_q,
                common.verdict(dash_ratio, 5),
            ]
        )
        loop = common.summary(samples[who]["loop"])
        results[who]["loop"] = loop
        rows.append(
            [
                f"{who}: whole loop (3 requests)",
                logs[who],
                loop["p50_ms"],
                loop["p99_ms"],
                round(loop["p50_ms"] / base["p50_ms"], 2),
                "",
                "",
            ]
        )
    scaling = results["heavy"]["loop"]["p50_ms"] / results["light"]["loop"]["p50_ms"]
    per_step = {
        step: round(results["heavy"][step]["p50_ms"] / results["light"][step]["p50_ms"], 2)
        for step in STEPS
    }
    rows.append(
        [
            "history scaling (heavy/light, loop p50)",
            "",
            "",
            "",
            round(scaling, 2),
            "",
            common.verdict(scaling, 1.2),
        ]
    )
    table = common.md_table(
        ["request", "student logs", "p50 ms", "p99 ms", "× baseline p50", "queries", "target"],
        rows,
    )
    notes = (
        f"{n} iterations per student after {WARMUP} warm-up, deck {deck_id}, "
        f"{common.environment()['database']}. Targets: study requests ≤3× baseline and "
        "≤10 queries, the dashboard ≤5×, "
        f"history scaling ≤1.2× (per step: {per_step}). Each request commits; the review "
        "is undone between iterations, untimed."
    )
    common.write_results(
        f"study_loop_{args.scale}",
        f"Study loop in process (scale {args.scale})",
        table,
        {
            "scale": args.scale,
            "iterations": n,
            "baseline": {**base, "queries": max(baseline_q)},
            "students": results,
            "history_scaling": round(scaling, 2),
            "history_scaling_per_step": per_step,
        },
        notes,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
