import zoneinfo
from functools import lru_cache

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models


@lru_cache(maxsize=1)
def known_timezones() -> frozenset[str]:
    # available_timezones() walks the tz database on disk at every call.
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value not in known_timezones():
        raise ValidationError(f"“{value}” is not a known time zone, such as Europe/London.")


class User(AbstractUser):
    class Role(models.TextChoices):
        STUDENT = "student", "Student"
        TEACHER = "teacher", "Teacher"
        ADMIN = "admin", "Admin"

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.STUDENT)
    # Daily study limits roll over at the user's local midnight, not UTC's.
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    email_notifications = models.BooleanField(
        default=True, help_text="Assignment notices and the daily digest of due cards."
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_student(self) -> bool:
        return self.role == self.Role.STUDENT

    @property
    def is_teacher(self) -> bool:
        return self.role == self.Role.TEACHER

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN or self.is_superuser

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


# Join codes skip characters that read alike on a projector (0/O, 1/I/L).
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


class Classroom(models.Model):
    teacher = models.ForeignKey(User, on_delete=models.CASCADE, related_name="classrooms")
    name = models.CharField(max_length=120)
    code = models.CharField(max_length=12, unique=True)
    archived = models.BooleanField(default=False)
    students = models.ManyToManyField(
        User, through="Membership", related_name="joined_classrooms"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["archived", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("quizzes:class_detail", args=[self.pk])


class Membership(models.Model):
    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    student = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["student__last_name", "student__first_name", "student__username"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "student"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.classroom}"
