"""Fill the database with a district-sized benchmark dataset (issue 7).

    python manage.py seed_bench --scale S|M|L [--reset]

Everything this writes is recognisable and removable: usernames start with
``bench-``, the one document is titled "Bench corpus", deck titles start with
"Bench deck". ``reset`` deletes all of it first; without it a second run at
the same scale does nothing. A card's stored state is its last log's
``state_after`` (see ``bench.simulation``).

On PostgreSQL the two big tables (cards, review logs) go in with COPY, fed by
two simulation processes; elsewhere (SQLite in tests) everything is
``bulk_create`` in one process.
"""

from __future__ import annotations

import hashlib
import math
import random
import time
from datetime import UTC, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from bench.histories import SEED, HistoryWriter
from bench.simulation import SCALES, Scale
from content.models import Document, Passage, Question
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
CLASSES_PER_TEACHER = 3


class BenchDataPresent(Exception):
    """Bench data of another scale is in the database; ``reset`` rebuilds it."""


class Seeder(HistoryWriter):
    """Builds the dataset; ``stdout`` gets the progress lines and the timing table."""

    def __init__(self, stdout):
        self.stdout = stdout

    def seed(self, *, scale: str, reset: bool, workers: int | None, students: int | None):
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
                # The marker is written before the histories: a run stopped
                # half-way leaves it without the heavy student's logs.
                if not ReviewLog.objects.filter(user__username=HEAVY).exists():
                    raise BenchDataPresent(
                        f"Bench data for scale {scale} is incomplete; use --reset."
                    )
                self.stdout.write(
                    f"Bench data for scale {scale} is already there; --reset rebuilds."
                )
                return
            raise BenchDataPresent(
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
            status=Document.Status.READY,
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
        # Published, as the questions students study are.
        common = {
            "document": document,
            "passage_id": passage_id,
            "key": f"bench-{i:05d}",
            "status": Question.Status.APPROVED,
        }
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
