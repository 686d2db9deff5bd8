"""An Anki collection's review history (``revlog``), by imported card.

Each revlog row is one answer: ``id`` is its time in milliseconds since the
epoch, ``cid`` the card, ``ease`` the button (1 Again .. 4 Easy, the same four
ratings as Recall), ``time`` how long the answer took (ms) and ``type`` the
kind of review (0 learning, 1 review, 2 relearning, 3 filtered deck, 4 manual,
5 rescheduled). Manual and rescheduled rows have ease 0: a due date set by hand
is no recall, so they are not replayed. "Forget" (a manual row with factor 0)
resets the card, so its earlier answers are dropped, as Anki's FSRS does.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import UTC, datetime

from quizzes.interop.apkg.notes import CardOrigin
from quizzes.interop.cards import CardData, PastReview

MANUAL = 4
RATINGS = (1, 2, 3, 4)
# Anki was first released in 2006; a review "from" before then, or after the
# year 2200, is a damaged row, not a date.
EARLIEST_MS = int(datetime(2006, 1, 1, tzinfo=UTC).timestamp() * 1000)
LATEST_MS = int(datetime(2200, 1, 1, tzinfo=UTC).timestamp() * 1000)
MAX_DURATION_MS = 3_600_000


def read_history(
    db: sqlite3.Connection, cards: list[CardData], origins: list[CardOrigin]
) -> dict[str, list[PastReview]]:
    """Each imported card's answers, oldest first, keyed by the card's key."""
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not {"revlog", "cards"} <= tables:
        return {}
    key_of = {origin: card.key for origin, card in zip(origins, cards, strict=True)}
    history: dict[str, list[PastReview]] = defaultdict(list)
    rows = db.execute(
        "SELECT r.id, c.nid, c.ord, r.ease, r.time, r.type, r.factor "
        "FROM revlog r JOIN cards c ON c.id = r.cid ORDER BY r.id"
    )
    for rid, nid, ord_, ease, took, kind, factor in rows:
        key = key_of.get((int(nid), int(ord_)))
        if key is None or not EARLIEST_MS <= int(rid) < LATEST_MS:
            continue
        if kind == MANUAL and ease == 0 and factor == 0:
            history[key].clear()  # "Forget": the card starts again as new
            continue
        if ease not in RATINGS:
            continue
        history[key].append(PastReview(
            source_id=int(rid),
            reviewed_at=datetime.fromtimestamp(int(rid) / 1000, tz=UTC),
            rating=int(ease),
            duration_ms=max(0, min(int(took or 0), MAX_DURATION_MS)),
        ))
    return {key: reviews for key, reviews in history.items() if reviews}
