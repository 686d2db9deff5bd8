from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

# Join codes skip characters that read alike on a projector (0/O, 1/I/L).
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


class Classroom(models.Model):
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classrooms"
    )
    name = models.CharField(max_length=120)
    code = models.CharField(max_length=12, unique=True)
    archived = models.BooleanField(default=False)
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="joined_classrooms"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The tables predate the teaching app (they began in accounts): names stay.
        db_table = "accounts_classroom"
        ordering = ["archived", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("teaching:class_detail", args=[self.pk])


class Membership(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "accounts_membership"
        ordering = ["student__last_name", "student__first_name", "student__username"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "student"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.classroom}"


class Assignment(models.Model):
    """A deck a teacher gives a class, with a due date and a goal."""

    class Goal(models.TextChoices):
        STUDIED = "studied", "Study every card at least once"
        MASTERY = "mastery", "Reach a mastery of at least X%"
        QUIZ = "quiz", "Score at least X% in a quiz"

    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="assignments"
    )
    deck = models.ForeignKey("quizzes.Deck", on_delete=models.PROTECT, related_name="assignments")
    due_at = models.DateTimeField()
    note = models.TextField(blank=True, max_length=2000)
    goal = models.CharField(max_length=10, choices=Goal.choices, default=Goal.STUDIED)
    goal_percent = models.PositiveSmallIntegerField(
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="For mastery and quiz goals.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set until the members' notice has gone out: a notice the broker could not
    # take (Redis down) is sent by the periodic resend, never lost.
    notice_pending = models.BooleanField(default=False)

    class Meta:
        db_table = "quizzes_assignment"
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "deck"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_assignment_per_deck",
            )
        ]
        indexes = [
            models.Index(fields=["classroom", "due_at"], name="quizzes_ass_classro_692814_idx")
        ]

    def __str__(self) -> str:
        return f"{self.deck} for {self.classroom}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def goal_text(self) -> str:
        if self.goal == self.Goal.STUDIED:
            return "Study every card once"
        if self.goal == self.Goal.MASTERY:
            return f"Mastery ≥ {self.goal_percent}%"
        return f"Quiz score ≥ {self.goal_percent}%"


class Announcement(models.Model):
    """A short post from a teacher to a class, shown on its students' dashboards."""

    MAX_LENGTH = 500

    classroom = models.ForeignKey(
        Classroom, on_delete=models.CASCADE, related_name="announcements"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["classroom", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.classroom}: {self.body[:40]}"
