"""HTTP load: 50 students studying against gunicorn, PostgreSQL and Redis.

    python bench/http_load.py [--scale S] [--users 50] [--duration 60] [--quick]

Starts gunicorn (2 sync workers, config.wsgi, a free local port) with the
current DATABASE_URL (PostgreSQL required) and REDIS_URL as cache and broker.
Simulated students are threads with a ``requests`` session each:

1. login: GET the login page, POST the real form with its CSRF token
   (PBKDF2 by design, so logins are their own phase and table row);
2. study, for ``--duration`` seconds: GET the deck's study page, parse the
   card form, POST an answer, POST the suggested rating, with a 0.5-2 s think
   time before every action, as a person clicking through;
3. baseline, same users and think times: GET /healthz for the same duration;
4. capacity (``--saturate`` seconds each, no think time): the study loop and
   /healthz, for requests/s ratios at full load.

Afterwards the review logs stored for the load students are counted and
compared with the rate POSTs the server acknowledged (302 to the next card):
they must be equal. Before the run the load students' enrolments get
new_per_day=500 so nobody runs out of cards mid-run.
"""

from __future__ import annotations

import random
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.processes import free_port, run_threads, start_gunicorn, stop  # noqa: E402

LOGIN = "/accounts/login/"


class Stats:
    """Latencies and outcomes per request kind, shared by all user threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.error_samples: list[str] = []
        self.acked = 0
        self.no_card = 0

    def record(self, kind: str, ms: float, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.latency[kind].append(ms)
            if not ok:
                self.errors[kind] += 1
                if len(self.error_samples) < 10:
                    self.error_samples.append(f"{kind}: {detail}")

    def total(self, kinds=None) -> tuple[int, list[float], int]:
        kinds = kinds or list(self.latency)
        samples = [ms for k in kinds for ms in self.latency.get(k, [])]
        return len(samples), samples, sum(self.errors.get(k, 0) for k in kinds)


def _call(stats: Stats, kind: str, session, method: str, url: str, expect: int, **kw):
    t0 = time.perf_counter()
    try:
        response = session.request(method, url, allow_redirects=False, timeout=60, **kw)
    except Exception as exc:  # connection refused, reset, timeout: all are errors
        stats.record(kind, (time.perf_counter() - t0) * 1000, False, repr(exc))
        return None
    ms = (time.perf_counter() - t0) * 1000
    ok = response.status_code == expect
    stats.record(kind, ms, ok, f"{response.status_code} {url}")
    return response if ok else None


def login(base: str, username: str, password: str, stats: Stats):
    import requests

    session = requests.Session()
    page = _call(stats, "login page", session, "GET", base + LOGIN, 200)
    if page is None:
        return None
    token = common._CSRF.search(page.text)
    data = {"username": username, "password": password, "next": ""}
    if token:
        data["csrfmiddlewaretoken"] = token.group(1)
    done = _call(stats, "login POST", session, "POST", base + LOGIN, 302, data=data)
    return session if done is not None else None


def study_user(base, session, deck_id, stats, deadline, think, rng, kinds):
    """The study loop until ``deadline``; ``think`` is (min, max) seconds or None."""

    def pause():
        if think:
            time.sleep(rng.uniform(*think))

    get_kind, answer_kind, rate_kind = kinds
    study_url = f"{base}/decks/{deck_id}/study/"
    while time.monotonic() < deadline:
        pause()
        page = _call(stats, get_kind, session, "GET", study_url, 200)
        if page is None:
            continue
        front = common.parse_front(page.text)
        if front is None:
            # "All done for today": a student carries on with "Study ahead".
            page = _call(stats, get_kind, session, "GET", study_url + "?ahead=1", 200)
            front = common.parse_front(page.text) if page is not None else None
        if front is None:
            with stats.lock:
                stats.no_card += 1
            continue
        pause()
        back_page = _call(
            stats, answer_kind, session, "POST", base + front["url"], 200, data=front["data"]
        )
        back = common.parse_back(back_page.text) if back_page is not None else None
        if back is None:
            continue
        pause()
        rated = _call(stats, rate_kind, session, "POST", base + back["url"], 302, data=back["data"])
        if rated is not None and rated.headers.get("Location", "").endswith(
            f"/decks/{deck_id}/study/"
        ):
            # The server's acknowledgement. A stale-card rejection redirects the
            # same way, so the stored-log count, not this, proves nothing was lost.
            with stats.lock:
                stats.acked += 1


def health_user(base, session, stats, deadline, think, rng, kind):
    while time.monotonic() < deadline:
        if think:
            time.sleep(rng.uniform(*think))
        _call(stats, kind, session, "GET", base + "/healthz", 200)


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--quick", action="store_true", help="15 s phases")
    parser.add_argument("--saturate", type=float, default=15.0, help="0 skips the capacity runs")
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 2.0))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if args.quick:
        args.duration = 15.0
        args.saturate = min(args.saturate, 10.0)
    common.setup_django()

    from django.conf import settings
    from django.db import connection

    from accounts.models import User
    from quizzes.models import Enrollment, ReviewLog

    if connection.vendor != "postgresql":
        raise SystemExit("http_load needs PostgreSQL: set DATABASE_URL=postgres://...")
    if not settings.REDIS_URL:
        print("warning: REDIS_URL is not set; cache is local memory and there is no broker")
    common.require_seed(args.scale)
    common.collect_static()

    decks = common.busiest_students(args.users)
    users = list(User.objects.filter(pk__in=decks).order_by("username"))
    if len(users) < args.users:
        raise SystemExit(f"only {len(users)} bench students with cards; seed a larger scale")
    Enrollment.objects.filter(user__in=users).update(new_per_day=500)
    logs_before = ReviewLog.objects.filter(user__in=users).count()
    connection.close()  # idle during the run; the server has its own connections

    port = free_port()
    log = Path(tempfile.gettempdir()) / f"recall_http_load_{port}.log"
    base = f"http://127.0.0.1:{port}"
    proc = start_gunicorn(port, args.workers, log)
    phases: dict[str, dict] = {}
    think = tuple(args.think)
    try:
        # 1. Logins, all users at once, as a class starting a lesson.
        login_stats = Stats()
        sessions: dict[int, object] = {}

        def do_login(user):
            session = login(base, user.username, "bench-password", login_stats)
            if session is not None:
                sessions[user.pk] = session

        elapsed = run_threads([(do_login, (u,)) for u in users])
        phases["login"] = {"stats": login_stats, "elapsed": elapsed}
        active = [u for u in users if u.pk in sessions]

        # 2. Studying with think time.
        def study_phase(duration, pause, kinds):
            stats = Stats()
            deadline = time.monotonic() + duration
            targets = [
                (
                    study_user,
                    (
                        base,
                        sessions[u.pk],
                        decks[u.pk],
                        stats,
                        deadline,
                        pause,
                        random.Random(u.pk),
                        kinds,
                    ),
                )
                for u in active
            ]
            return {"stats": stats, "elapsed": run_threads(targets)}

        study_kinds = ("GET study", "POST answer", "POST rate")
        phases["study"] = study_phase(args.duration, think, study_kinds)

        # 3. /healthz, same users, same think times.
        def health_phase(duration, pause):
            stats = Stats()
            deadline = time.monotonic() + duration
            targets = [
                (
                    health_user,
                    (
                        base,
                        sessions[u.pk],
                        stats,
                        deadline,
                        pause,
                        random.Random(-u.pk),
                        "GET /healthz",
                    ),
                )
                for u in active
            ]
            return {"stats": stats, "elapsed": run_threads(targets)}

        phases["healthz"] = health_phase(args.duration, think)
        # 4. Capacity: no think time.
        if args.saturate > 0:
            phases["study, no think time"] = study_phase(args.saturate, None, study_kinds)
            phases["healthz, no think time"] = health_phase(args.saturate, None)
    finally:
        stop(proc)

    connection.connect()
    stored = ReviewLog.objects.filter(user__in=users).count() - logs_before
    acked = sum(p["stats"].acked for p in phases.values())
    no_card = sum(p["stats"].no_card for p in phases.values())

    rows, payload_phases = [], {}
    for name, phase in phases.items():
        stats = phase["stats"]
        n, samples, errors = stats.total()
        s = common.summary(samples)
        rps = n / phase["elapsed"]
        payload_phases[name] = {
            "requests": n,
            "seconds": round(phase["elapsed"], 2),
            "rps": round(rps, 2),
            **s,
            "errors": errors,
            "error_samples": stats.error_samples,
            "acked_rates": stats.acked,
            "by_kind": {k: common.summary(v) for k, v in stats.latency.items()},
        }
        rows.append([name, n, round(rps, 1), s["p50_ms"], s["p95_ms"], s["p99_ms"], errors])
        if len(stats.latency) > 1 and name != "login":
            for kind, values in stats.latency.items():
                k = common.summary(values)
                rows.append(
                    [
                        f"  {kind}",
                        len(values),
                        "",
                        k["p50_ms"],
                        k["p95_ms"],
                        k["p99_ms"],
                        stats.errors.get(kind, 0),
                    ]
                )

    def ratio(a, b, key="rps"):
        return round(payload_phases[a][key] / payload_phases[b][key], 2)

    comparisons = {
        "rps study / healthz (think time)": ratio("study", "healthz"),
        "p50 study / healthz (think time)": ratio("study", "healthz", "p50_ms"),
    }
    if args.saturate > 0:
        comparisons["rps study / healthz (no think time)"] = ratio(
            "study, no think time", "healthz, no think time"
        )
    total_errors = sum(p["errors"] for p in payload_phases.values())
    rows.append(
        [
            "**rate POSTs acknowledged / review logs stored**",
            acked,
            "",
            "",
            "",
            "",
            f"{stored} stored, {acked - stored} lost {common.verdict(abs(acked - stored), 0)}",
        ]
    )
    for label, value in comparisons.items():
        rows.append([f"**{label}**", "", value, "", "", "", ""])
    table = common.md_table(
        ["phase / request", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"], rows
    )
    notes = (
        f"gunicorn {args.workers} sync workers, {len(active)} users, {args.duration:.0f} s "
        f"phases with {think[0]}-{think[1]} s think time before every action, "
        f"{args.saturate:.0f} s capacity phases without. PostgreSQL, cache/broker: "
        f"{'Redis' if settings.REDIS_URL else 'none'}. Errors in all phases: {total_errors} "
        f"(target 0). Study pages with no card to show: {no_card}. The load generator "
        "runs on the same 2 cores as gunicorn and PostgreSQL."
    )
    common.write_results(
        f"http_load_{args.scale}",
        f"HTTP load on gunicorn + PostgreSQL + Redis (scale {args.scale})",
        table,
        {
            "scale": args.scale,
            "users": len(active),
            "duration_s": args.duration,
            "saturate_s": args.saturate,
            "think_s": think,
            "phases": payload_phases,
            "acked_rates": acked,
            "stored_review_logs": stored,
            "lost_reviews": acked - stored,
            "errors": total_errors,
            "no_card_pages": no_card,
            "comparisons": comparisons,
        },
        notes,
    )
    return 0 if acked == stored else 1


if __name__ == "__main__":
    raise SystemExit(main())
