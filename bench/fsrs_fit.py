"""Personal FSRS fit time against simply reading the review logs from the database.

    python bench/fsrs_fit.py [--sizes 1000,10000,100000] [--repeat 3] [--project-db]

For each size, one student's simulated history (cards reviewed nine times at
FSRS intervals by a student who forgets faster than the defaults say) is
written as ReviewLog rows, then timed:

- read: the query ``quizzes.services.memory_model.memory_model_fit`` runs, into Review tuples,
- fit: ``quizzes.memory_model.fit`` on them (fsrs-rs-python's compute_parameters
  on the earliest 80% of items, plus evaluating defaults and fit on the rest).

The ratio is fit / read. By default the data goes to a scratch SQLite file
(migrated first); ``--project-db`` uses the configured database instead,
inside a transaction that is rolled back. Each timing is the best of
``--repeat`` runs.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

REVIEWS_PER_CARD = 9


def simulated(parameters: list[float], reviews: int, seed: int = 7) -> list[tuple]:
    """(card, reviewed_at, rating) rows of a student whose memory follows ``parameters``."""
    from fsrs_rs_python import FSRS

    rng = random.Random(seed)
    model = FSRS(parameters)
    decay = parameters[20]
    factor = 0.9 ** (-1 / decay) - 1
    start = datetime(2025, 1, 1, 12, tzinfo=UTC)
    rows = []
    for card in range(reviews // REVIEWS_PER_CARD):
        day = rng.randrange(365)
        rows.append((card, start + timedelta(days=day), 3))
        memory = model.next_states(None, 0.9, 0).good.memory
        for _ in range(REVIEWS_PER_CARD - 1):
            interval = max(1, round(rng.uniform(0.5, 1.5) * memory.stability))
            day += interval
            recalled = rng.random() < (1 + factor * interval / memory.stability) ** -decay
            rows.append((card, start + timedelta(days=day), 3 if recalled else 1))
            states = model.next_states(memory, 0.9, interval)
            memory = (states.good if recalled else states.again).memory
    return rows


def forgetful() -> list[float]:
    from fsrs_rs_python import DEFAULT_PARAMETERS

    parameters = list(DEFAULT_PARAMETERS)
    parameters[0:4] = [w * 0.25 for w in parameters[0:4]]
    parameters[8] *= 0.6
    return parameters


def store(rows: list[tuple], size: int):
    """A student with ``rows`` as review logs, one question and card per simulated card."""
    from accounts.models import User
    from content.models import Document, Passage, Question
    from quizzes.models import Card, ReviewLog

    user = User.objects.create(username=f"fsrs-bench-{size}")
    document = Document.objects.create(
        title=f"FSRS bench {size}", source_name="bench.txt", raw_text="", sha256=f"{size:064x}"
    )
    passage = Passage.objects.create(document=document, key="p", kind="paragraph",
                                     text="", order=0)
    count = max(card for card, _, _ in rows) + 1
    questions = Question.objects.bulk_create(
        (Question(document=document, passage=passage, type="year", prompt=f"q{i}",
                  answer=str(i), key=f"fsrs-bench-{size}-{i}", status="approved")
         for i in range(count)),
        batch_size=2000,
    )
    cards = Card.objects.bulk_create(
        (Card(user=user, question=q, due=rows[0][1]) for q in questions), batch_size=2000
    )
    ReviewLog.objects.bulk_create(
        (ReviewLog(user=user, card=cards[card], rating=rating, reviewed_at=at, state_before={},
                   state_after={}, token=f"b{size}:{i}")
         for i, (card, at, rating) in enumerate(rows)),
        batch_size=5000,
    )
    return user


def read(user) -> list:
    from quizzes import memory_model
    from quizzes.models import ReviewLog

    rows = (
        ReviewLog.objects.filter(user=user, undone_at__isnull=True)
        .values_list("card_id", "reviewed_at", "rating")
        .iterator(chunk_size=5000)
    )
    return [memory_model.Review(card, at, rating) for card, at, rating in rows]


def best(fn, repeat: int):
    fastest, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        fastest = min(fastest, time.perf_counter() - t0)
    return fastest, result


def measure(size: int, repeat: int) -> dict:
    from django.db import connection, transaction

    from quizzes import memory_model

    rows = simulated(forgetful(), size)
    with transaction.atomic():
        user = store(rows, size)
        read_s, reviews = best(lambda: read(user), repeat)
        fit_s, result = best(lambda: memory_model.fit(reviews, min_reviews=1), repeat)
        transaction.set_rollback(True)
    return {
        "reviews": len(reviews), "database": connection.vendor, "read_s": read_s,
        "fit_s": fit_s, "ratio": fit_s / read_s, "log_loss_before": result.log_loss_before,
        "log_loss_after": result.log_loss_after, "rmse_before": result.rmse_before,
        "rmse_after": result.rmse_after,
    }


def main(argv: list[str] | None = None) -> int:
    parser = common.parser(__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--project-db", action="store_true")
    args = parser.parse_args(argv)
    if not args.project_db:
        scratch = Path(tempfile.mkdtemp()) / "fsrs_bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}"
    common.setup_django()
    if not args.project_db:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    runs = [measure(int(size), args.repeat) for size in args.sizes.split(",")]
    table = common.md_table(
        ["reviews", "database", "read", "fit", "fit / read", "log loss before → after",
         "RMSE before → after"],
        [
            [r["reviews"], r["database"], f"{r['read_s'] * 1000:.0f} ms",
             f"{r['fit_s'] * 1000:.0f} ms", f"{r['ratio']:.1f}×",
             f"{r['log_loss_before']:.4f} → {r['log_loss_after']:.4f}",
             f"{r['rmse_before']:.4f} → {r['rmse_after']:.4f}"]
            for r in runs
        ],
    )
    common.write_results(
        "fsrs_fit", "Personal FSRS fit time against reading the review logs", table,
        {"runs": runs, "repeat": args.repeat},
        notes="Command: `python bench/fsrs_fit.py` (scratch SQLite; `--project-db` for the "
        "configured database). Read: the logs query into Review tuples; fit: "
        "quizzes.memory_model.fit (compute_parameters on 80%, evaluation of defaults and fit "
        "on the latest 20%). Best of --repeat runs.",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
