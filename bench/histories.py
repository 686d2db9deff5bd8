"""Cards and review logs for the benchmark: simulated, then stored in bulk."""

from __future__ import annotations

import multiprocessing
import random

from django.core.management.color import no_style
from django.db import connection, connections, transaction

from bench.simulation import (
    CARD_COLUMNS,
    LOG_COLUMNS,
    Profile,
    Scale,
    random_profile,
    simulate_chunk,
    simulate_student,
)
from quizzes.models import Card, ReviewLog

HEAVY_LOGS = 20_000
LIGHT_LOGS = 10
SEED = 7


class HistoryWriter:
    """The seeder's last step; expects ``now``, ``postgres``, ``deck_questions``,
    ``qdiff`` and ``stdout`` on the instance."""

    def _card_ids(self, n: int) -> int:
        """The first of ``n`` consecutive card ids reserved for us.

        Ids are needed before insert: a log's token is "<card id>:<version>".
        """
        table = Card._meta.db_table
        with connection.cursor() as cur:
            if self.postgres:
                cur.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                    "GREATEST((SELECT COALESCE(MAX(id), 0) FROM " + table + "), "
                    "nextval(pg_get_serial_sequence(%s, 'id'))) + %s) - %s + 1",
                    [table, table, n, n],
                )
            else:
                cur.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
            return cur.fetchone()[0]

    def _histories(self, plan, spec: Scale, workers: int) -> int:
        n_cards = sum(len(self.deck_questions[d]) for _, decks, _ in plan for d in decks)
        next_id = self._card_ids(n_cards)
        rng = random.Random(SEED + 1)
        tasks, chunk = [], []
        special = []
        for uid, deck_ids, kind in plan:
            cards = []
            for d in deck_ids:
                for qid, position in self.deck_questions[d]:
                    cards.append((next_id, qid, d, position, self.qdiff[qid]))
                    next_id += 1
            seed = rng.randrange(2**32)
            profile = random_profile(rng, spec.history_days)
            if kind == "student":
                chunk.append((uid, cards, profile, seed))
                if len(chunk) == 25:
                    tasks.append(chunk)
                    chunk = []
            else:
                special.append((uid, cards, self._special_profile(kind, uid, cards, seed), seed))
        if chunk:
            tasks.append(chunk)
        tasks.append(special)
        as_copy = self.postgres
        jobs = [(t, self.now, as_copy) for t in tasks]
        total_cards = total_logs = 0
        if workers > 0:
            # Forked children must not inherit live database sockets.
            connections.close_all()
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(workers) as pool:
                for result in pool.imap_unordered(simulate_chunk, jobs):
                    total_cards, total_logs = self._store(result, as_copy, total_cards, total_logs)
        else:
            for job in jobs:
                total_cards, total_logs = self._store(
                    simulate_chunk(job), as_copy, total_cards, total_logs
                )
        if self.postgres:
            with connection.cursor() as cur:
                for sql in connection.ops.sequence_reset_sql(no_style(), [Card]):
                    cur.execute(sql)
        self.stdout.write(f"  {total_cards:,} cards, {total_logs:,} review logs")
        return None, total_cards + total_logs

    def _special_profile(self, kind: str, uid: int, cards, seed: int) -> Profile:
        if kind == "light":
            # Started yesterday: about ten reviews in all.
            return Profile(1.2, 1.0, 17.0, 4, 0.0, max_logs=LIGHT_LOGS)
        # A struggling daily student with a long history: intervals stay short,
        # so the log count is large. Scale the history to land near the target.
        probe = Profile(365, 1.0, 17.0, 10, -0.25)
        _, logs = simulate_student(uid, cards, probe, self.now, seed)
        days = min(3650, 365 * HEAVY_LOGS / max(1, len(logs)) * 1.1)
        return Profile(days, 1.0, 17.0, 10, -0.25, max_logs=HEAVY_LOGS)

    def _store(self, result, as_copy: bool, total_cards: int, total_logs: int):
        cards, logs, n_cards, n_logs = result
        # One transaction per chunk: bounded memory for deferred FK checks,
        # and a failed run leaves rows that --reset removes.
        with transaction.atomic():
            if as_copy:
                with connection.cursor() as cur:
                    columns = ", ".join(CARD_COLUMNS)
                    with cur.copy(f"COPY {Card._meta.db_table} ({columns}) FROM STDIN") as copy:
                        copy.write(cards)
                    columns = ", ".join(LOG_COLUMNS)
                    table = ReviewLog._meta.db_table
                    with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        copy.write(logs)
            else:
                Card.objects.bulk_create(
                    [Card(**dict(zip(CARD_COLUMNS, row, strict=True))) for row in cards],
                    batch_size=5000,
                )
                ReviewLog.objects.bulk_create(
                    [ReviewLog(**dict(zip(LOG_COLUMNS, row, strict=True))) for row in logs],
                    batch_size=5000,
                )
        return total_cards + n_cards, total_logs + n_logs
