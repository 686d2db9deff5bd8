import zoneinfo
from functools import lru_cache

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower


@lru_cache(maxsize=1)
def known_timezones() -> frozenset[str]:
    # available_timezones() walks the tz database on disk at every call.
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value not in known_timezones():
        raise ValidationError(f"“{value}” is not a known time zone, such as Europe/London.")


def admins_q(prefix: str = "") -> Q:
    """Admins, as a filter: the database twin of ``User.is_admin``."""
    return Q(**{f"{prefix}role": User.Role.ADMIN}) | Q(**{f"{prefix}is_superuser": True})


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
    email_announcements = models.BooleanField(
        default=True,
        db_default=True,
        help_text="Email me my teachers' class announcements.",
    )

    class Meta(AbstractUser.Meta):
        constraints = [
            # One account per address, whatever its case: the address resets
            # the password, so two owners would be one account too many.
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="unique_user_email_ci"
            )
        ]

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
        """The one "is an admin" check: the admin role, or a superuser whatever its role."""
        return self.role == self.Role.ADMIN or self.is_superuser

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
