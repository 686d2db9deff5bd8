"""Several nodes at once: two gunicorn instances and two Celery workers on one
PostgreSQL and one Redis, students balanced at random, one web node killed.

    python bench/scale_out.py [--users 100] [--duration 60] [--capacity 10]

Everything runs on loopback (127.0.0.1), is bounded in count and time, and
stops by itself; the processes it starts are stopped by their own process
groups at the end, whatever happens.

1. Two gunicorn instances (``--web-workers`` sync workers each) on two free
   ports and two Celery workers (concurrency 1 each), all with the current
   DATABASE_URL (PostgreSQL) and REDIS_URL (cache, broker).
2. ``--users`` students log in, each request going to a node chosen at random,
   as a load balancer without sticky sessions would (sessions live in the
   database, so any node serves any student).
3. Capacity: the study loop without think time for ``--capacity`` seconds
   against node A alone, then against both nodes: requests/s of the pair
   against one node.
4. The main phase, ``--duration`` seconds with 0.5-2 s think time: students
   study through both nodes at random while 5 teachers upload 5 documents
   (through the nodes too). Half-way, node B is killed (SIGKILL, its whole
   process group). As a load balancer does, a request that cannot connect is
   retried once on a live node and the dead node leaves the pool; retrying a
   rating is safe (the card's version makes it idempotent).
5. Checks: errors (target 0); rating POSTs acknowledged (distinct card and
   version) against review logs stored (equal); each document processed
   exactly once (one successful import per document across both workers'
   logs, status done); no question duplicated (per document: key, and type +
   prompt).
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402
from bench.http_load import Stats  # noqa: E402
from bench.processes import free_port, run_threads, start_gunicorn, start_worker, stop  # noqa: E402
from bench.scale_out_client import Pool, login, study, upload  # noqa: E402

DOCUMENTS = 5
DOC_SOURCE = common.ROOT / "demo" / "second_sino_japanese_war.txt"
WAIT_FOR_DOCUMENTS_S = 300
_DONE_LINE = re.compile(
    r"import_document\[[^\]]+\] succeeded .*'document': (\d+), 'status': 'done'"
)


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--capacity", type=float, default=10.0)
    parser.add_argument("--web-workers", type=int, default=2)
    args = parser.parse_args(argv)
    args.users = min(args.users, 200)  # bounded, whatever is asked
    args.duration = min(args.duration, 300.0)
    common.setup_django()

    from django.conf import settings
    from django.db import connection
    from django.db.models import Count

    from accounts.models import User
    from content.models import Document, Question
    from quizzes.models import Enrollment, ReviewLog

    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        raise SystemExit("scale_out needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    scale = common.seeded_scale()
    if scale is None:
        raise SystemExit("No bench data: run `manage.py seed_bench` first.")
    common.collect_static()

    decks = common.busiest_students(args.users, scan=args.users * 8)
    users = list(User.objects.filter(pk__in=decks).order_by("username"))
    teachers = list(
        User.objects.filter(username__startswith="bench-t-").order_by("username")[:DOCUMENTS]
    )
    Enrollment.objects.filter(user__in=users).update(new_per_day=500)
    logs_before = ReviewLog.objects.filter(user__in=users).count()
    stamp = time.strftime("%Y%m%dT%H%M%S")
    source = DOC_SOURCE.read_text(encoding="utf-8")
    bodies = [
        (
            f"scale-out-{stamp}-{i}.txt",
            f"{source}\n\nScale-out run {stamp}, copy {i}.\n".encode(),
        )
        for i in range(DOCUMENTS)
    ]
    connection.close()

    tmp = Path(tempfile.gettempdir())
    ports = [free_port(), free_port()]
    while ports[1] == ports[0]:
        ports[1] = free_port()
    bases = [f"http://127.0.0.1:{p}" for p in ports]
    worker_logs = [tmp / f"recall_scale_out_worker{i}_{stamp}.log" for i in (1, 2)]
    procs: dict[str, subprocess.Popen] = {}
    phases: dict[str, dict] = {}
    pool = Pool(bases)
    acked: set = set()
    uploaded: list[int] = []
    killed_at = None
    try:
        for i, port in enumerate(ports):
            procs[f"web{i + 1}"] = start_gunicorn(
                port, args.web_workers, tmp / f"recall_scale_out_web{i + 1}_{stamp}.log"
            )
        for i, log in enumerate(worker_logs):
            procs[f"worker{i + 1}"] = start_worker(f"scaleout{i + 1}-{stamp}", log)

        # Logins, at random across the nodes.
        login_stats = Stats()
        sessions: dict[int, object] = {}

        def do_login(user, rng):
            session = login(pool, user.username, login_stats, rng)
            if session is not None:
                sessions[user.pk] = session

        elapsed = run_threads([(do_login, (u, random.Random(u.pk))) for u in users])
        teacher_sessions = []
        for t in teachers:
            s = login(pool, t.username, login_stats, random.Random(t.pk))
            if s is not None:
                teacher_sessions.append(s)
        phases["login"] = {"stats": login_stats, "elapsed": elapsed}
        active = [u for u in users if u.pk in sessions]

        def study_phase(duration, think, extra=()):
            stats = Stats()
            deadline = time.monotonic() + duration
            targets = [
                (
                    study,
                    (
                        pool,
                        sessions[u.pk],
                        decks[u.pk],
                        stats,
                        deadline,
                        think,
                        random.Random(u.pk * 7 + len(phases)),
                        acked,
                    ),
                )
                for u in active
            ]
            targets += list(extra)
            return {"stats": stats, "elapsed": run_threads(targets)}

        if args.capacity > 0:
            pool.only(bases[:1])
            phases["capacity: node A alone, no think time"] = study_phase(args.capacity, None)
            pool.only(bases)
            phases["capacity: nodes A+B, no think time"] = study_phase(args.capacity, None)

        # The main phase: think time, uploads, node B killed half-way.
        main_stats_holder: dict = {}

        def uploads():
            stats = Stats()
            main_stats_holder["uploads"] = stats
            threads = [
                threading.Thread(
                    target=upload,
                    args=(pool, s, name, body, stats, random.Random(i), uploaded),
                    daemon=True,
                )
                for i, (s, (name, body)) in enumerate(zip(teacher_sessions, bodies, strict=False))
            ]
            for t in threads:
                t.start()
                time.sleep(2)
            for t in threads:
                t.join()

        def killer():
            nonlocal killed_at
            time.sleep(args.duration / 2)
            proc = procs["web2"]
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=20)
            killed_at = round(args.duration / 2, 1)

        pool.only(bases)
        pool.per_node.clear()
        phases["main: 2 nodes, node B killed half-way"] = study_phase(
            args.duration, (0.5, 2.0), extra=[(uploads, ()), (killer, ())]
        )
        upload_stats = main_stats_holder.get("uploads")
        names = {bases[0]: "A", bases[1]: "B"}
        per_node = {
            names[b]: n for b, n in sorted(pool.per_node.items(), key=lambda x: names[x[0]])
        }

        # Wait (bounded) for the workers to finish the documents.
        connection.connect()
        deadline = time.monotonic() + WAIT_FOR_DOCUMENTS_S
        while time.monotonic() < deadline:
            pending = Document.objects.filter(pk__in=uploaded).exclude(
                status__in=(Document.Status.READY, Document.Status.FAILED)
            )
            if not pending.exists():
                break
            time.sleep(2)
        time.sleep(3)  # let the workers log the task result
    finally:
        for proc in procs.values():
            stop(proc)

    connection.connect()
    stored = ReviewLog.objects.filter(user__in=users).count() - logs_before
    documents = list(Document.objects.filter(pk__in=uploaded).values("pk", "status", "sha256"))
    done_runs: Counter[int] = Counter()
    per_worker: Counter[str] = Counter()
    for i, log in enumerate(worker_logs):
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
        for found in _DONE_LINE.finditer(text):
            done_runs[int(found.group(1))] += 1
            per_worker[f"worker{i + 1}"] += 1
    once = sum(1 for d in documents if d["status"] == "ready" and done_runs[d["pk"]] == 1)
    processed_once = all(done_runs[d["pk"]] == 1 for d in documents) and len(documents) == len(
        set(d["sha256"] for d in documents)
    )
    questions = Question.objects.filter(document_id__in=uploaded)
    n_questions = questions.count()
    dup_keys = (
        questions.values("document_id", "key").annotate(n=Count("id")).filter(n__gt=1).count()
    )
    dup_prompts = (
        questions.values("document_id", "type", "prompt")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )

    rows, payload = [], {}
    for name, phase in phases.items():
        n, samples, errors = phase["stats"].total()
        s = common.summary(samples)
        rps = n / phase["elapsed"]
        payload[name] = {
            "requests": n,
            "seconds": round(phase["elapsed"], 2),
            "rps": round(rps, 2),
            **s,
            "errors": errors,
            "error_samples": phase["stats"].error_samples,
            "acked_rates": phase["stats"].acked,
        }
        rows.append([name, n, round(rps, 1), s["p50_ms"], s["p99_ms"], errors])
    if upload_stats is not None:
        n, samples, errors = upload_stats.total()
        payload["teacher uploads"] = {"requests": n, "errors": errors}
        rows.append(["teacher uploads (during main)", n, "", "", "", errors])
    a = "capacity: node A alone, no think time"
    b = "capacity: nodes A+B, no think time"
    pair_vs_one = round(payload[b]["rps"] / payload[a]["rps"], 2) if a in payload else None
    errors_total = sum(p["errors"] for p in payload.values())
    checks = [
        ["requests/s, two nodes against one (no think time)", pair_vs_one, ""],
        ["errors, all phases", errors_total, common.verdict(errors_total, 0)],
        [
            "ratings acknowledged (distinct card+version) / review logs stored",
            f"{len(acked)} / {stored}",
            "✅" if len(acked) == stored else "❌",
        ],
        [
            "requests retried on the live node after node B died",
            pool.retried,
            "",
        ],
        [
            "documents uploaded / processed exactly once (status done, one successful run)",
            f"{len(documents)} / {once}",
            "✅" if processed_once and len(documents) == DOCUMENTS else "❌",
        ],
        ["successful imports per worker", dict(per_worker), ""],
        [
            "questions generated / duplicated (same key, or same type+prompt, in a document)",
            f"{n_questions} / {dup_keys + dup_prompts}",
            common.verdict(dup_keys + dup_prompts, 0),
        ],
        ["main-phase requests per node", per_node, ""],
    ]
    table = (
        common.md_table(["phase", "requests", "req/s", "p50 ms", "p99 ms", "errors"], rows)
        + "\n\n"
        + common.md_table(["check", "value", "target"], checks)
    )
    notes = (
        f"Scale {scale} data. Two gunicorn instances ({args.web_workers} sync workers each) on "
        f"127.0.0.1:{ports[0]} (A) and :{ports[1]} (B), two Celery workers (concurrency 1), one "
        f"PostgreSQL, one Redis (cache, broker). {len(active)} students; each request to a node "
        f"chosen at random. Main phase {args.duration:.0f} s with 0.5-2 s think time; node B "
        f"killed (SIGKILL) at {killed_at} s; {DOCUMENTS} teachers uploaded a document each "
        "during it. Everything, the load generator included, shares the same 2 cores: two "
        "nodes have twice the gunicorn workers (sync workers wait on the database), not twice "
        "the CPU."
    )
    common.write_results(
        "scale_out",
        "Two web nodes and two workers on one PostgreSQL and Redis",
        table,
        {
            "scale": scale,
            "users": len(active),
            "phases": payload,
            "two_nodes_over_one_rps": pair_vs_one,
            "errors": errors_total,
            "acked_rates_distinct": len(acked),
            "stored_review_logs": stored,
            "retried_on_live_node": pool.retried,
            "documents": documents,
            "successful_runs_per_document": dict(done_runs),
            "runs_per_worker": dict(per_worker),
            "questions": n_questions,
            "duplicate_question_keys": dup_keys,
            "duplicate_question_prompts": dup_prompts,
            "killed_node_b_at_s": killed_at,
            "main_requests_per_node": per_node,
        },
        notes,
    )
    ok = errors_total == 0 and len(acked) == stored and processed_once and not dup_keys
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
