"""Reads for teachers: what they may assign, copy and browse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from content.models import Document, Entity, Mention, Passage, Question, Topic, live_q
from content.selectors import shared_documents_q
from quizzes.models import Deck, DeckQuestion
from teaching.models import Announcement, Assignment, Classroom, Membership


def decks_assignable_by(user: User) -> QuerySet[Deck]:
    """What a teacher may assign or copy: their own decks and public ones."""
    if user.is_admin:
        return Deck.objects.all()
    return Deck.objects.filter(Q(owner=user) | Q(visibility=Deck.Visibility.PUBLIC))


def questions_visible_to(user: User) -> QuerySet[Question]:
    """Live questions a teacher may browse: shared content, their own uploads,
    and anything in a public deck. Another teacher's unpublished drafts stay theirs."""
    live = Question.objects.live()
    if user.is_admin:
        return live
    shared = shared_documents_q("document__")
    in_public_deck = Q(
        pk__in=DeckQuestion.objects.filter(deck__visibility=Deck.Visibility.PUBLIC).values(
            "question_id"
        )
    )
    return live.filter(shared | Q(document__created_by=user) | in_public_deck)


@dataclass(frozen=True)
class BuilderChoices:
    documents: QuerySet[Document]
    topics: QuerySet[Topic]
    entities: QuerySet[Entity]


def builder_choices(user: User) -> BuilderChoices:
    """The deck builder's filter options: only what the user's visible questions come from."""
    visible = questions_visible_to(user)
    passages = visible.values("passage_id")
    return BuilderChoices(
        documents=Document.objects.filter(pk__in=visible.values("document_id")).order_by("title"),
        topics=Topic.objects.filter(pk__in=visible.values("passage__topic_id")).order_by("name"),
        entities=Entity.objects.filter(
            Q(pk__in=Mention.objects.filter(passage_id__in=passages).values("entity_id"))
            | Q(pk__in=visible.values("fact__subject_id"))
            | Q(pk__in=visible.values("fact__object_id"))
        ).order_by("name"),
    )


def open_assignments_by_deck(student) -> dict[int, Assignment]:
    """Each deck's soonest-due open assignment in the student's classes (one query)."""
    assigned: dict[int, Assignment] = {}
    for assignment in (
        Assignment.objects.filter(classroom__memberships__student=student, closed_at__isnull=True)
        .select_related("classroom")
        .order_by("-due_at")
    ):
        assigned[assignment.deck_id] = assignment  # the earliest due date wins
    return assigned


def questions_matching(user: User, filters: dict) -> QuerySet[Question]:
    """The deck builder's search: live questions the teacher may use, filtered."""
    qs = questions_visible_to(user).select_related("passage__topic")
    data = filters
    if data.get("q"):
        qs = qs.filter(Q(prompt__icontains=data["q"]) | Q(answer__icontains=data["q"]))
    if data.get("document"):
        qs = qs.filter(document=data["document"])
    if data.get("topic"):
        qs = qs.filter(passage__topic=data["topic"])
    if data.get("entity"):
        entity = data["entity"]
        qs = qs.filter(
            Q(fact__subject=entity) | Q(fact__object=entity) | Q(passage__mentions__entity=entity)
        ).distinct()
    if data.get("type"):
        qs = qs.filter(type=data["type"])
    return qs.order_by("document_id", "passage__order", "id")


def decks_of_teacher(teacher: User) -> tuple[QuerySet[Deck], QuerySet[Deck]]:
    """The teacher's own decks and other teachers' public ones, with their sizes."""
    size = Count("entries", filter=live_q("entries__question__"))
    own = Deck.objects.filter(owner=teacher).annotate(size=size)
    public = (
        Deck.objects.filter(visibility=Deck.Visibility.PUBLIC)
        .exclude(owner=teacher)
        .annotate(size=size)
        .select_related("owner")
    )
    return own, public


def classrooms_of_teacher(teacher: User) -> QuerySet[Classroom]:
    return Classroom.objects.filter(teacher=teacher).annotate(
        n_students=Count("memberships", distinct=True),
        n_assignments=Count("assignments", filter=Q(assignments__closed_at=None), distinct=True),
    )


def student_ids(*, classroom: Classroom | None = None, teacher: User | None = None) -> list[int]:
    """Members of one class, or of all of a teacher's classes."""
    memberships = Membership.objects.all()
    if classroom is not None:
        memberships = memberships.filter(classroom=classroom)
    if teacher is not None:
        memberships = memberships.filter(classroom__teacher=teacher)
    return list(memberships.values_list("student_id", flat=True))


def classrooms_of_student(student) -> list[Classroom]:
    """The classes a student is in, by name, for their dashboard."""
    return list(
        Classroom.objects.filter(memberships__student=student, archived=False).order_by("name")
    )


ANNOUNCEMENTS_SHOWN = 3
ANNOUNCEMENTS_FOR = timedelta(days=14)


def announcements_for_student(student) -> list[Announcement]:
    """The latest announcements of the student's classes, for their dashboard."""
    since = timezone.now() - ANNOUNCEMENTS_FOR
    return list(
        Announcement.objects.filter(
            classroom__memberships__student=student, created_at__gte=since
        )
        .select_related("classroom", "author")
        .order_by("-created_at")[:ANNOUNCEMENTS_SHOWN]
    )


DRAFTS_PER_PAGE = 20


@dataclass(frozen=True)
class DocumentReview:
    """What a teacher reviews for an imported document: one page of drafts at a time."""

    published: list[Question]
    drafts: Page
    withheld: QuerySet[Passage]


def _reviewed(questions: QuerySet[Question]) -> QuerySet[Question]:
    # Each draft shows its source sentence (passage, fact) or picture (figure).
    return questions.select_related("passage__topic", "fact", "figure__passage").order_by(
        "-score", "id"
    )


def document_review(document: Document, *, page: str | int | None = 1) -> DocumentReview:
    """The document's published questions, and one page of its drafts, best first.

    A page number that is not one (or past the end) gives the nearest page.
    """
    drafts = Paginator(
        _reviewed(document.questions.filter(status=Question.Status.DRAFT)), DRAFTS_PER_PAGE
    )
    return DocumentReview(
        published=list(_reviewed(document.questions.live())),
        drafts=drafts.get_page(page),
        withheld=document.passages.filter(sensitive=True).order_by("order"),
    )


def drafts_counts(document_id: int) -> dict[str, int]:
    """How many drafts of the document still wait for the teacher, and how many
    of its questions are published, in one query."""
    return Question.objects.filter(document_id=document_id).aggregate(
        drafts_left=Count("pk", filter=Q(status=Question.Status.DRAFT)),
        published_count=Count("pk", filter=live_q()),
    )


def drafts_scoring(document: Document, min_score: float) -> int:
    """How many drafts a bulk publish at ``min_score`` would publish, for its confirmation."""
    return document.questions.filter(status=Question.Status.DRAFT, score__gte=min_score).count()
