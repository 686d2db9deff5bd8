from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

DESCRIPTION_MAX = 2000


class Deck(models.Model):
    class Visibility(models.TextChoices):
        PRIVATE = "private", "Private"
        PUBLIC = "public", "Public"

    title = models.CharField(max_length=200)
    # Bounded: a description is a sentence or two, and every deck list shows it.
    description = models.TextField(blank=True, max_length=DESCRIPTION_MAX)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decks",
    )
    document = models.ForeignKey(
        "content.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="decks"
    )
    topic = models.ForeignKey(
        "content.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="decks"
    )
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    questions = models.ManyToManyField(
        "content.Question", through="DeckQuestion", related_name="decks"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "topic"],
                condition=models.Q(owner__isnull=True),
                name="one_generated_deck_per_topic",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("quizzes:deck", args=[self.pk])


class DeckQuestion(models.Model):
    deck = models.ForeignKey(Deck, on_delete=models.CASCADE, related_name="entries")
    question = models.ForeignKey(
        "content.Question", on_delete=models.CASCADE, related_name="deck_entries"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["deck", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["deck", "question"], name="unique_deck_question")
        ]

    def __str__(self) -> str:
        return f"{self.deck} #{self.position}"


class Enrollment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    deck = models.ForeignKey(Deck, on_delete=models.CASCADE, related_name="enrollments")
    new_per_day = models.PositiveSmallIntegerField(
        default=20, validators=[MinValueValidator(0), MaxValueValidator(500)]
    )
    max_reviews_per_day = models.PositiveSmallIntegerField(
        default=200, validators=[MinValueValidator(0), MaxValueValidator(9999)]
    )
    desired_retention = models.FloatField(
        default=0.90, validators=[MinValueValidator(0.70), MaxValueValidator(0.97)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "deck"], name="unique_enrollment"),
            models.CheckConstraint(
                condition=models.Q(desired_retention__gte=0.70, desired_retention__lte=0.97),
                name="retention_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.deck}"


class Card(models.Model):
    """One user's FSRS memory state for one question."""

    class State(models.IntegerChoices):
        LEARNING = 1, "Learning"
        REVIEW = 2, "Review"
        RELEARNING = 3, "Relearning"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cards"
    )
    question = models.ForeignKey("content.Question", on_delete=models.CASCADE, related_name="cards")
    state = models.PositiveSmallIntegerField(choices=State.choices, default=State.LEARNING)
    step = models.PositiveSmallIntegerField(null=True, blank=True, default=0)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    # Bumped on every review: a second post of the same version is a duplicate.
    version = models.PositiveIntegerField(default=0)
    # Item analysis reads these instead of scanning review logs: graded answers
    # (study or quiz) and the student's first one, kept as they happen.
    attempts = models.PositiveIntegerField(default=0, db_default=0)
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    first_attempt_correct = models.BooleanField(null=True, blank=True)
    # The student's own hand on the queue (the card browser): a suspended card
    # is never shown, a buried one not before ``buried_until``, a flag is a note.
    suspended = models.BooleanField(default=False, db_default=False)
    buried_until = models.DateTimeField(null=True, blank=True)
    flagged = models.BooleanField(default=False, db_default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="unique_card_per_user")
        ]
        indexes = [
            models.Index(fields=["user", "due"]),
            # Item analysis (issue 17): the answered cards of a deck's questions,
            # read from the index alone (buffers 25,207 -> 416 at scale L).
            models.Index(
                fields=["question", "user"],
                include=["id", "first_attempt_correct", "attempts", "state", "due", "last_review"],
                condition=models.Q(first_attempt_correct__isnull=False),
                name="card_answered_by_question",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.question}"

    @property
    def is_new(self) -> bool:
        return self.last_review is None


class ReviewLog(models.Model):
    """Append-only: undo marks a log, it never deletes one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_logs"
    )
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="logs")
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    answer = models.CharField(max_length=500, blank=True)
    correct = models.BooleanField(null=True)
    duration_ms = models.PositiveIntegerField(default=0)
    # The card's first ever review: counts against the daily new-card limit.
    was_new = models.BooleanField(default=False)
    reviewed_at = models.DateTimeField()
    state_before = models.JSONField()
    state_after = models.JSONField()
    # "<card id>:<card version>": the unique review a given card state allows.
    token = models.CharField(max_length=64, unique=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reviewed_at"]
        indexes = [
            models.Index(fields=["user", "reviewed_at"]),
            models.Index(fields=["card", "reviewed_at"]),
            # The dashboard's charts read a student's standing logs by day from
            # the index alone (issue 17: 20,000 logs, buffers 2,124 -> 150).
            models.Index(
                fields=["user", "reviewed_at"],
                include=["id", "card", "rating", "was_new"],
                condition=models.Q(undone_at__isnull=True),
                name="reviewlog_standing_by_user",
            ),
            # hard_q asks of each card whether its latest review was a standing
            # fail: answered from this small index alone (dashboard at L, 2,000
            # cards: 8 µs -> 1 µs a card, no heap visits).
            models.Index(
                fields=["card", "reviewed_at"],
                condition=models.Q(rating=1, undone_at__isnull=True),
                name="reviewlog_standing_fail",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} rated {self.rating} at {self.reviewed_at:%Y-%m-%d %H:%M}"


class QuizAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    deck = models.ForeignKey(Deck, on_delete=models.CASCADE, related_name="quiz_attempts")
    questions = models.JSONField(default=list, help_text="Question ids, in the order asked.")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    correct = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "started_at"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.deck} ({self.correct}/{self.total})"

    @property
    def score(self) -> float:
        return self.correct / self.total if self.total else 0.0


class QuizAnswer(models.Model):
    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        "content.Question", on_delete=models.CASCADE, related_name="quiz_answers"
    )
    given = models.CharField(max_length=500, blank=True)
    correct = models.BooleanField(default=False)
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["attempt", "id"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="unique_quiz_answer")
        ]

    def __str__(self) -> str:
        return f"{self.attempt}: {self.question_id} {'✓' if self.correct else '✗'}"


class MemoryModel(models.Model):
    """A student's personal FSRS parameters, fitted to their own reviews.

    ``in_use`` is set only when the fit beat the default parameters on the
    held-out (latest) reviews; otherwise the row records why the defaults stay.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memory_model"
    )
    parameters = models.JSONField(default=list, help_text="The 21 FSRS-6 weights.")
    fitted_at = models.DateTimeField()
    reviews = models.PositiveIntegerField(help_text="Reviews the fit saw.")
    log_loss_before = models.FloatField(help_text="Default parameters, held-out reviews.")
    log_loss_after = models.FloatField(help_text="Fitted parameters, held-out reviews.")
    rmse_before = models.FloatField()
    rmse_after = models.FloatField()
    in_use = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.user}: {self.reviews} reviews ({'in use' if self.in_use else 'defaults'})"
