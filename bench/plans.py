"""EXPLAIN (ANALYZE, BUFFERS) of every query on the pages issue 17 measures.

    python bench/plans.py [--scale L] [--out plans_L_all.md] [--page NAME ...]

Each page is requested once through the full middleware stack (test Client,
as the benchmarks do, after one warm-up request); every query it runs is
captured with its parameters and explained with ANALYZE and BUFFERS inside a
transaction that is rolled back, so writes (the rating) change nothing.
Writes bench/results/<out>: a summary table (page, query, execution ms,
buffers) and every plan in full. PostgreSQL only.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

SKIP = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK", "BEGIN", "COMMIT", "SET ")


class _Rollback(Exception):
    pass


def _explain(connection, transaction, options: str, sql: str, params) -> list:
    """EXPLAIN one query in a transaction that is rolled back (writes too)."""
    rows: list = []
    try:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(f"EXPLAIN ({options}) " + sql, params)
            rows = cur.fetchall()
            raise _Rollback
    except _Rollback:
        pass
    return rows


def main(argv: list[str] | None = None) -> int:
    p = common.parser(__doc__)
    p.add_argument("--out", default=None)
    p.add_argument("--page", action="append", default=None)
    args = p.parse_args(argv)
    common.setup_django()
    common.require_seed(args.scale)
    common.collect_static()

    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client, override_settings

    from accounts.models import User
    from quizzes.models import Card, Enrollment
    from teaching.models import Assignment, Classroom

    classroom = (
        Classroom.objects.filter(code__startswith="BENCH")
        .annotate(n=Count("memberships"))
        .select_related("teacher")
        .order_by("-n", "code")[0]
    )
    assignment = Assignment.objects.filter(classroom=classroom, closed_at=None).order_by("id")[0]
    per_deck = (
        Card.objects.filter(first_attempt_correct__isnull=False)
        .values("question__deck_entries__deck_id")
        .annotate(n=Count("id"))
        .order_by("-n")
    )
    top_deck = next(
        r["question__deck_entries__deck_id"]
        for r in per_deck
        if r["question__deck_entries__deck_id"] is not None
    )
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"role": User.Role.ADMIN, "first_name": "Admin"}
    )
    heavy = User.objects.get(username="bench-s-heavy")
    deck_id = (
        Enrollment.objects.filter(user__username="bench-s-light")
        .order_by("deck__title")
        .values_list("deck_id", flat=True)[0]
    )

    captured: list[tuple[str, object]] = []

    def capture(execute, sql, params, many, context):
        if not sql.lstrip().upper().startswith(SKIP):
            captured.append((sql, params))
        return execute(sql, params, many, context)

    def client_for(user):
        c = Client(SERVER_NAME="localhost")
        c.force_login(user)
        return c

    sections, summary = [], []

    def explain_page(name, client, method, url, data=None):
        if args.page and name not in args.page:
            return None
        fn = (lambda: client.get(url)) if method == "GET" else (lambda: client.post(url, data))
        captured.clear()
        # The request's own writes are rolled back, then each query is replayed.
        with transaction.atomic(), connection.execute_wrapper(capture):
            response = fn()
            transaction.set_rollback(True)
        queries = list(captured)
        total = 0.0
        body = [f"## {name}\n\n`{method} {url}` → {response.status_code}, {len(queries)} queries\n"]
        for i, (sql, params) in enumerate(queries, 1):
            plan = _explain(connection, transaction, "ANALYZE, BUFFERS, FORMAT JSON", sql, params)
            plan = plan[0][0]
            text = "\n".join(
                r[0] for r in _explain(connection, transaction, "ANALYZE, BUFFERS", sql, params)
            )
            if isinstance(plan, str):
                plan = json.loads(plan)
            top = plan[0]
            ms = top.get("Execution Time", 0.0)
            total += ms
            node = top["Plan"]
            hit = node.get("Shared Hit Blocks", 0)
            read = node.get("Shared Read Blocks", 0)
            short = re.sub(r"\s+", " ", sql)[:110]
            summary.append([name, i, round(ms, 2), hit, read, node["Node Type"], short])
            body.append(f"### {name}, query {i}: {ms:.2f} ms\n\n```sql\n{sql}\n```\n")
            body.append(f"params: `{params!r}`\n\n```\n{text}\n```\n")
        summary.append([f"**{name} total**", "", round(total, 2), "", "", "", ""])
        sections.append("\n".join(body))
        return response

    with override_settings(ROOT_URLCONF="bench.common"):
        student = client_for(heavy)
        teacher = client_for(classroom.teacher)
        admin_client = client_for(admin)
        study_url = f"/decks/{deck_id}/study/"
        pages = [
            ("trivial view", teacher, "/" + common.PING_PATH),
            ("study GET (heavy)", student, study_url),
            ("dashboard (heavy)", student, "/dashboard/"),
            ("class list", teacher, "/teach/classes/"),
            ("progress grid", teacher, f"/teach/classes/{classroom.pk}/progress/"),
            ("item analysis (class)", teacher, f"/teach/assignments/{assignment.pk}/items/"),
            ("item analysis (deck, district)", admin_client, f"/teach/decks/{top_deck}/items/"),
        ]
        for name, client, url in pages:
            client.get(url)  # warm-up: connection, prepared statements, caches
            explain_page(name, client, "GET", url)
        # The answer and the rating, explained (and rolled back) on the heavy student.
        page = student.get(study_url).content.decode()
        front = common.parse_front(page)
        posts = {"POST answer (heavy)", "POST rate (heavy)"}
        if front and (not args.page or posts & set(args.page)):
            r = student.post(front["url"], front["data"])
            back = common.parse_back(r.content.decode())
            explain_page("POST answer (heavy)", student, "POST", front["url"], front["data"])
            if back:
                explain_page("POST rate (heavy)", student, "POST", back["url"], back["data"])

    table = common.md_table(
        ["page", "#", "exec ms", "shared hit", "shared read", "top node", "query"], summary
    )
    out = args.out or f"plans_{args.scale}_all"
    text = (
        f"# EXPLAIN (ANALYZE, BUFFERS) of every query, scale {args.scale}\n\n"
        f"Largest class {classroom.code} (assignment {assignment.pk}), most-answered deck "
        f"{top_deck}, heavy student deck {deck_id}.\n\n{table}\n\n" + "\n\n".join(sections)
    )
    (common.RESULTS / f"{out}.md").write_text(text, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
