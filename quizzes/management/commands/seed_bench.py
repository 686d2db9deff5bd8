"""Fill the database with a district-sized benchmark dataset (issue 7).

    python manage.py seed_bench --scale S|M|L [--reset]

Review histories come from simulating each student day by day with the real
scheduler (``quizzes.scheduling.review``, fuzzed with the card id exactly as
``services.review_submit`` does), so every interval, lapse and state in the
logs is one FSRS would have produced; nothing is a vectorised approximation.
A card's stored state is its last log's ``state_after``.

Everything this writes is recognisable and removable: usernames start with
``bench-``, the one document is titled "Bench corpus", deck titles start with
"Bench deck". ``--reset`` deletes all of it first; without it a second run at
the same scale does nothing.

On PostgreSQL the two big tables (cards, review logs) go in with COPY, fed by
two simulation processes; elsewhere (SQLite in tests) everything is
``bulk_create`` in one process.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import multiprocessing
import random
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, connections, transaction
from django.utils import timezone

from accounts.models import User
from content.models import Document, Passage, Question
from quizzes import scheduling
from quizzes.models import Card, Deck, DeckQuestion, Enrollment, ReviewLog
from teaching.models import Assignment, Classroom, Membership

PREFIX = "bench-"
STUDENT = PREFIX + "s-"
TEACHER = PREFIX + "t-"
HEAVY = PREFIX + "s-heavy"
LIGHT = PREFIX + "s-light"
PASSWORD = "bench-password"
DOC_TITLE = "Bench corpus"
DECK_TITLE = "Bench deck"
FLAGSHIP = 40  # the first class: the teacher benchmark's 40-student class
HEAVY_LOGS = 20_000
LIGHT_LOGS = 10
CLASSES_PER_TEACHER = 3
RETENTION = 0.9
SEED = 7


@dataclass(frozen=True)
class Scale:
    students: int
    classes: int
    questions: int
    decks: int
    decks_per_student: int
    history_days: int


SCALES = {
    # XS exists for the test suite: a few seconds even on SQLite.
    "XS": Scale(12, 2, 24, 2, 2, 20),
    "S": Scale(200, 6, 200, 4, 2, 32),
    "M": Scale(500, 15, 400, 8, 4, 32),
    "L": Scale(5000, 150, 2000, 40, 4, 32),
}

# FSRS-6's forgetting curve, to draw ratings the way a real memory would.
_SCHED = scheduling._scheduler(RETENTION, False)
DECAY = -_SCHED.parameters[20]
FACTOR = 0.9 ** (1 / DECAY) - 1
LEARNING = (int(Card.State.LEARNING), int(Card.State.RELEARNING))
REVIEW = int(Card.State.REVIEW)


# Simulation (pure Python, runs in worker processes) -------------------------


@dataclass
class Profile:
    history_days: float
    p_active: float
    hour: float
    new_per_session: int
    ability: float
    max_logs: int | None = None


def _profile(rng: random.Random, days: int) -> Profile:
    return Profile(
        history_days=days * rng.uniform(0.3, 1.0),
        p_active=rng.uniform(0.15, 0.9),
        hour=min(22.0, max(7.0, rng.gauss(17, 3))),
        new_per_session=rng.choice((4, 6, 8, 10)),
        ability=rng.gauss(0, 0.06),
    )


def _state_json(st: scheduling.CardState, reps: int, lapses: int) -> dict:
    # Same keys and formats as services._state_json, so undo works on bench logs.
    return {
        "state": st.state,
        "step": st.step,
        "stability": st.stability,
        "difficulty": st.difficulty,
        "due": st.due.isoformat(),
        "last_review": st.last_review.isoformat() if st.last_review else None,
        "reps": reps,
        "lapses": lapses,
    }


class _Card:
    __slots__ = (
        "id",
        "question_id",
        "deck",
        "position",
        "qdiff",
        "st",
        "reps",
        "lapses",
        "version",
        "attempts",
        "first_at",
        "first_ok",
    )

    def __init__(self, card_id, question_id, deck, position, qdiff, start):
        self.id = card_id
        self.question_id = question_id
        self.deck = deck
        self.position = position
        self.qdiff = qdiff
        self.st = scheduling.new_card_state(start)
        self.reps = 0
        self.lapses = 0
        self.version = 0
        # What review_submit keeps on a card for item analysis.
        self.attempts = 0
        self.first_at = None
        self.first_ok = None


def simulate_student(user_id: int, cards: list[tuple], profile: Profile, now: datetime, seed: int):
    """One student's whole history: (final cards, logs) as plain tuples.

    Each day the student is active with probability ``p_active``; a session
    per deck takes due learning cards, then due reviews, then a few new cards,
    and waits for learning steps due within 15 minutes, as a person does.
    Daily limits are the enrolment defaults (20 new, 200 reviews per deck).
    """
    rng = random.Random(seed)
    start = now - timedelta(days=profile.history_days)
    state = [_Card(*c, start) for c in cards]
    decks: dict[int, list[_Card]] = {}
    for card in state:
        decks.setdefault(card.deck, []).append(card)
    for deck_cards in decks.values():
        deck_cards.sort(key=lambda c: c.position)
    logs: list[tuple] = []
    first_day = start.replace(hour=0, minute=0, second=0, microsecond=0)
    n_days = (now - first_day).days
    for day in range(n_days + 1):
        if rng.random() > profile.p_active:
            continue
        t = first_day + timedelta(days=day, hours=profile.hour + rng.uniform(-1, 1))
        if t < start or t >= now:
            continue
        for deck_cards in decks.values():
            t = _session(rng, user_id, deck_cards, profile, t, now, logs)
            if profile.max_logs and len(logs) >= profile.max_logs:
                del logs[profile.max_logs :]
                return _final(user_id, state, logs), logs
    return _final(user_id, state, logs), logs


def _session(rng, user_id, deck_cards, profile, t, now, logs) -> datetime:
    reviewed = [c for c in deck_cards if c.st.last_review is not None and c.st.due <= t]
    learning = [(c.st.due, c.id, c) for c in reviewed if c.st.state in LEARNING]
    heapq.heapify(learning)
    due = deque(sorted((c for c in reviewed if c.st.state == REVIEW), key=lambda c: c.st.due))
    new = deque([c for c in deck_cards if c.st.last_review is None][: profile.new_per_session])
    reviews = 0
    while t < now and (not profile.max_logs or len(logs) < profile.max_logs):
        if learning and learning[0][0] <= t:
            card = heapq.heappop(learning)[2]
        elif due and reviews < 200:
            card = due.popleft()
        elif new:
            card = new.popleft()
        elif learning and learning[0][0] - t <= timedelta(minutes=15):
            t = learning[0][0]
            continue
        else:
            break
        _review(rng, user_id, card, profile, t, logs)
        reviews += 1
        if card.st.state in LEARNING and card.st.due - t <= timedelta(minutes=15):
            heapq.heappush(learning, (card.st.due, card.id, card))
        t += timedelta(seconds=rng.uniform(4, 20))
    return t


def _review(rng, user_id, card: _Card, profile: Profile, t: datetime, logs: list) -> None:
    st = card.st
    if st.last_review is None:
        p = 0.8 + profile.ability - card.qdiff
    elif st.state in LEARNING or not st.stability:
        p = 0.85 + profile.ability - card.qdiff / 2
    else:
        elapsed = max(0.0, (t - st.last_review).total_seconds() / 86400)
        p = (1 + FACTOR * elapsed / st.stability) ** DECAY + profile.ability - card.qdiff / 2
    success = rng.random() < min(0.99, max(0.05, p))
    if not success:
        rating = 1
    else:
        roll = rng.random()
        rating = 2 if roll < 0.15 else 4 if roll > 0.9 else 3
    before = _state_json(st, card.reps, card.lapses)
    was_new = st.last_review is None
    if rating == 1 and st.state == REVIEW:
        card.lapses += 1
    card.st = scheduling.review(st, rating, t, desired_retention=RETENTION, fuzz_seed=card.id)
    card.reps += 1
    token = f"{card.id}:{card.version}"
    card.version += 1
    card.attempts += 1
    if card.first_ok is None:
        card.first_ok, card.first_at = success, t
    logs.append(
        (
            user_id,
            card.id,
            rating,
            "",
            success,
            int(rng.lognormvariate(8.8, 0.5)),
            was_new,
            t,
            before,
            _state_json(card.st, card.reps, card.lapses),
            token,
        )
    )


def _final(user_id: int, state: list[_Card], logs) -> list[tuple]:
    return [
        (
            c.id,
            user_id,
            c.question_id,
            c.st.state,
            c.st.step,
            c.st.stability,
            c.st.difficulty,
            c.st.due,
            c.st.last_review,
            c.reps,
            c.lapses,
            c.version,
            c.attempts,
            c.first_at,
            c.first_ok,
        )
        for c in state
    ]


CARD_COLUMNS = (
    "id",
    "user_id",
    "question_id",
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
    "version",
    "attempts",
    "first_attempt_at",
    "first_attempt_correct",
)
LOG_COLUMNS = (
    "user_id",
    "card_id",
    "rating",
    "answer",
    "correct",
    "duration_ms",
    "was_new",
    "reviewed_at",
    "state_before",
    "state_after",
    "token",
)


def _copy_value(value) -> str:
    # COPY text format; no bench value holds a tab, newline or backslash.
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return json.dumps(value)
    return str(value)


def _copy_text(rows: list[tuple]) -> str:
    return "".join("\t".join(map(_copy_value, row)) + "\n" for row in rows)


def _simulate_chunk(task):
    """Worker entry point: several students, already formatted for COPY if asked."""
    students, now, as_copy = task
    cards_out, logs_out = [], []
    for user_id, cards, profile, seed in students:
        final, logs = simulate_student(user_id, cards, profile, now, seed)
        cards_out.extend(final)
        logs_out.extend(logs)
    if as_copy:
        return _copy_text(cards_out), _copy_text(logs_out), len(cards_out), len(logs_out)
    return cards_out, logs_out, len(cards_out), len(logs_out)


# The command -------------------------------------------------------------


class Command(BaseCommand):
    help = "Fill the database with bench data (students, classes, FSRS review histories)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="S")
        parser.add_argument("--reset", action="store_true", help="Delete bench rows first.")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Simulation processes (default: 2 on PostgreSQL, 0 = in-process elsewhere).",
        )
        parser.add_argument(
            "--students", type=int, default=None, help="Override the scale's student count."
        )

    def handle(self, *args, scale, reset, workers, students, **options):
        spec = SCALES[scale]
        if students is not None:
            spec = Scale(
                students,
                max(1, min(spec.classes, students // 2)),
                spec.questions,
                spec.decks,
                spec.decks_per_student,
                spec.history_days,
            )
        self.postgres = connection.vendor == "postgresql"
        if workers is None:
            workers = 2 if self.postgres else 0
        self.timings: list[tuple[str, int, float]] = []
        t_all = time.perf_counter()
        existing = Document.objects.filter(title=DOC_TITLE).first()
        if existing and not reset:
            if existing.source_name == f"bench-{scale}":
                self.stdout.write(
                    f"Bench data for scale {scale} is already there; --reset rebuilds."
                )
                return
            raise CommandError(
                f"Bench data of another scale ({existing.source_name}) is present; use --reset."
            )
        if reset:
            self._timed("delete previous bench rows", self._delete)
        self.now = timezone.now().astimezone(UTC).replace(microsecond=0)
        self._build(spec, scale, workers)
        if self.postgres:
            self._timed("ANALYZE", self._analyze)
        total = time.perf_counter() - t_all
        self.stdout.write("")
        self.stdout.write("| step | rows | seconds |")
        self.stdout.write("|---|---:|---:|")
        for name, rows, seconds in self.timings:
            self.stdout.write(f"| {name} | {rows:,} | {seconds:.1f} |")
        self.stdout.write(f"| **total** (scale {scale}) | | **{total:.1f}** |")

    def _timed(self, name, fn, *args):
        """Run ``fn``, which returns (result, rows written), and record its time."""
        t0 = time.perf_counter()
        result, rows = fn(*args)
        seconds = time.perf_counter() - t0
        self.timings.append((name, rows, seconds))
        self.stdout.write(f"{name}: {rows:,} rows in {seconds:.1f}s")
        self.stdout.flush()
        return result

    # Deleting ------------------------------------------------------------

    def _delete(self) -> int:
        users = f"SELECT id FROM {User._meta.db_table} WHERE username LIKE %s"
        like = [PREFIX + "%"]
        deleted = 0
        with transaction.atomic(), connection.cursor() as cur:
            # Raw deletes: the ORM would load a million cards to cascade them.
            for model in (ReviewLog, Card):
                cur.execute(f"DELETE FROM {model._meta.db_table} WHERE user_id IN ({users})", like)
                deleted += cur.rowcount
            deleted += User.objects.filter(username__startswith=PREFIX).delete()[0]
            deleted += Deck.objects.filter(title__startswith=DECK_TITLE).delete()[0]
            deleted += Document.objects.filter(title=DOC_TITLE).delete()[0]
        return None, deleted

    def _analyze(self) -> int:
        with connection.cursor() as cur:
            for model in (User, Membership, Enrollment, Card, ReviewLog, Question, DeckQuestion):
                cur.execute(f"ANALYZE {model._meta.db_table}")
        return None, 0

    # Building ------------------------------------------------------------

    def _build(self, spec: Scale, scale: str, workers: int) -> None:
        rng = random.Random(SEED)
        password = make_password(PASSWORD)  # hashed once: PBKDF2 is slow on purpose
        with transaction.atomic():
            teachers, students, heavy, light = self._timed("users", self._users, spec, password)
            self.users = (teachers, students, heavy, light)
            document, decks, questions = self._timed_content(spec, scale, teachers[0], rng)
            classes = self._timed("classrooms + memberships", self._classes, spec, rng)
            self._timed("assignments", self._assignments, classes, decks, spec, rng)
            plan = self._timed("enrollments", self._enrollments, spec, classes, decks)
        self._timed("cards + review logs (FSRS simulation)", self._histories, plan, spec, workers)

    def _users(self, spec: Scale, password: str):
        n_teachers = math.ceil(spec.classes / CLASSES_PER_TEACHER)
        rows = [
            User(
                username=f"{TEACHER}{i:03d}",
                first_name="Teacher",
                last_name=f"{i:03d}",
                role=User.Role.TEACHER,
                password=password,
                email=f"{TEACHER}{i:03d}@bench.invalid",
            )
            for i in range(1, n_teachers + 1)
        ]
        rows += [
            User(
                username=f"{STUDENT}{i:05d}",
                first_name="Student",
                last_name=f"{i:05d}",
                role=User.Role.STUDENT,
                password=password,
                email=f"{STUDENT}{i:05d}@bench.invalid",
            )
            for i in range(1, spec.students + 1)
        ]
        rows += [
            User(username=name, role=User.Role.STUDENT, password=password)
            for name in (HEAVY, LIGHT)
        ]
        User.objects.bulk_create(rows, batch_size=2000)
        # bulk_create returns no ids on SQLite, so read them back in order.
        ids = dict(User.objects.filter(username__startswith=PREFIX).values_list("username", "id"))
        teachers = [ids[f"{TEACHER}{i:03d}"] for i in range(1, n_teachers + 1)]
        students = [ids[f"{STUDENT}{i:05d}"] for i in range(1, spec.students + 1)]
        return (teachers, students, ids[HEAVY], ids[LIGHT]), len(rows)

    def _timed_content(self, spec, scale, owner_id, rng):
        t0 = time.perf_counter()
        text = "\n\n".join(
            f"Bench passage {i}: in {1700 + i % 300} the bench event {i} happened."
            for i in range(spec.questions)
        )
        document = Document.objects.create(
            title=DOC_TITLE,
            source_name=f"bench-{scale}",
            format="bench",
            raw_text=text,
            sha256=hashlib.sha256(b"recall bench corpus").hexdigest(),
            status=Document.Status.DONE,
            progress=100,
        )
        passages = Passage.objects.bulk_create(
            [
                Passage(
                    document=document,
                    key=f"bench{i}",
                    kind=Passage.Kind.SENTENCE,
                    text=f"In {1700 + i % 300}, bench event {i} changed the course of the war.",
                    order=i,
                )
                for i in range(spec.questions)
            ],
            batch_size=2000,
        )
        passage_ids = list(
            Passage.objects.filter(document=document).order_by("order").values_list("id", flat=True)
        )
        questions = [self._question(document, i, passage_ids[i], rng) for i in range(len(passages))]
        Question.objects.bulk_create(questions, batch_size=2000)
        qids = list(
            Question.objects.filter(document=document).order_by("key").values_list("id", flat=True)
        )
        Deck.objects.bulk_create(
            [
                Deck(
                    title=f"{DECK_TITLE} {d + 1:02d}",
                    description="Benchmark deck.",
                    owner_id=owner_id,
                    document=document,
                    visibility=Deck.Visibility.PUBLIC,
                )
                for d in range(spec.decks)
            ]
        )
        decks = list(
            Deck.objects.filter(title__startswith=DECK_TITLE)
            .order_by("title")
            .values_list("id", flat=True)
        )
        per_deck = spec.questions // spec.decks
        entries = [
            DeckQuestion(deck_id=decks[d], question_id=qids[d * per_deck + p], position=p + 1)
            for d in range(spec.decks)
            for p in range(per_deck)
        ]
        DeckQuestion.objects.bulk_create(entries, batch_size=5000)
        self.deck_questions = {
            decks[d]: [(qids[d * per_deck + p], p + 1) for p in range(per_deck)]
            for d in range(spec.decks)
        }
        # Hard questions are failed more often: per-question difficulty for the simulation.
        self.qdiff = {qid: rng.uniform(-0.05, 0.15) for qid in qids}
        rows = 1 + len(passages) + len(questions) + spec.decks + len(entries)
        self.timings.append(
            ("document, passages, questions, decks", rows, time.perf_counter() - t0)
        )
        self.stdout.write(f"content: {rows:,} rows in {time.perf_counter() - t0:.1f}s")
        return document, decks, qids

    @staticmethod
    def _question(document, i: int, passage_id: int, rng: random.Random) -> Question:
        year = 1700 + i % 300
        kind = i % 4
        common = {"document": document, "passage_id": passage_id, "key": f"bench-{i:05d}"}
        if kind == 0:
            return Question(
                type=Question.Type.YEAR,
                prompt=f"In which year did bench event {i} happen?",
                answer=str(year),
                **common,
            )
        if kind == 1:
            names = [f"Commander {chr(65 + j)}{i}" for j in range(4)]
            return Question(
                type=Question.Type.MULTIPLE_CHOICE,
                prompt=f"Who led the side that won bench event {i}?",
                answer=names[0],
                choices=rng.sample(names, 4),
                **common,
            )
        if kind == 2:
            return Question(
                type=Question.Type.TRUE_FALSE,
                prompt=f"True or false: bench event {i} happened in {year}.",
                answer="True",
                choices=["True", "False"],
                **common,
            )
        return Question(
            type=Question.Type.WHERE,
            prompt=f"Where did bench event {i} take place?",
            answer=f"Benchtown {i}",
            **common,
        )

    def _classes(self, spec: Scale, rng: random.Random) -> list[tuple[int, list[int]]]:
        teachers, students, _, _ = self.users
        flagship = min(FLAGSHIP, len(students) // 2) if spec.classes > 1 else len(students)
        members: list[list[int]] = [students[:flagship]] + [[] for _ in range(spec.classes - 1)]
        for i, sid in enumerate(students[flagship:]):
            members[1 + i % (spec.classes - 1)].append(sid)
        Classroom.objects.bulk_create(
            [
                Classroom(
                    teacher_id=teachers[c // CLASSES_PER_TEACHER],
                    name=f"Bench class {c + 1:03d}",
                    code=f"BENCH{c + 1:03d}",
                )
                for c in range(spec.classes)
            ]
        )
        ids = list(
            Classroom.objects.filter(code__startswith="BENCH")
            .order_by("code")
            .values_list("id", flat=True)
        )
        Membership.objects.bulk_create(
            [
                Membership(classroom_id=ids[c], student_id=s)
                for c in range(spec.classes)
                for s in members[c]
            ],
            batch_size=5000,
        )
        return list(zip(ids, members, strict=True)), len(ids) + len(students)

    def _assignments(self, classes, decks, spec: Scale, rng: random.Random) -> int:
        rows = []
        for c, (class_id, _) in enumerate(classes):
            for j in range(rng.randint(1, min(3, spec.decks_per_student))):
                rows.append(
                    Assignment(
                        classroom_id=class_id,
                        deck_id=decks[self._class_decks(c, spec)[j]],
                        due_at=self.now + timedelta(days=rng.randint(-3, 21)),
                        goal=rng.choice(list(Assignment.Goal.values)),
                        goal_percent=rng.choice((60, 70, 80, 90)),
                        created_by_id=self.users[0][c // CLASSES_PER_TEACHER],
                    )
                )
        Assignment.objects.bulk_create(rows)
        # created_at is auto_now_add: backdate it so "behind" and "on track" both occur.
        Assignment.objects.filter(classroom_id__in=[c for c, _ in classes]).update(
            created_at=self.now - timedelta(days=14)
        )
        return None, len(rows)

    @staticmethod
    def _class_decks(c: int, spec: Scale) -> list[int]:
        return [
            (c * spec.decks_per_student + j) % spec.decks for j in range(spec.decks_per_student)
        ]

    def _enrollments(self, spec: Scale, classes, decks) -> list[tuple[int, list[int], str]]:
        _, _, heavy, light = self.users
        plan = []
        for c, (_, members) in enumerate(classes):
            deck_ids = [decks[d] for d in self._class_decks(c, spec)]
            plan += [(sid, deck_ids, "student") for sid in members]
        plan.append((heavy, list(decks), "heavy"))
        plan.append((light, [decks[d] for d in self._class_decks(0, spec)], "light"))
        Enrollment.objects.bulk_create(
            [Enrollment(user_id=uid, deck_id=d) for uid, deck_ids, _ in plan for d in deck_ids],
            batch_size=5000,
        )
        return plan, sum(len(d) for _, d, _ in plan)

    # Histories -----------------------------------------------------------

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
            profile = _profile(rng, spec.history_days)
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
        self._sim_seconds = 0.0
        if workers > 0:
            # Forked children must not inherit live database sockets.
            connections.close_all()
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(workers) as pool:
                for result in pool.imap_unordered(_simulate_chunk, jobs):
                    total_cards, total_logs = self._store(result, as_copy, total_cards, total_logs)
        else:
            for job in jobs:
                total_cards, total_logs = self._store(
                    _simulate_chunk(job), as_copy, total_cards, total_logs
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
