"""Demo accounts for local development only (``make run``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from accounts.services import user_set_role


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    first_name: str


DEMO_ACCOUNTS = (
    DemoAccount("admin", "recall-admin", User.Role.ADMIN, "Ada Admin"),
    DemoAccount("teacher", "recall-teacher", User.Role.TEACHER, "Tom Teacher"),
    DemoAccount("student", "recall-student", User.Role.STUDENT, "Sam Student"),
)


@transaction.atomic
def demo_accounts_create() -> list[DemoAccount]:
    """Create or reset the demo accounts; running it twice changes nothing."""
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(
            username=account.username,
            defaults={"email": f"{account.username}@example.com", "first_name": account.first_name},
        )
        user.set_password(account.password)
        user.is_superuser = account.role == User.Role.ADMIN
        user.save()
        user_set_role(user=user, role=account.role)
    return list(DEMO_ACCOUNTS)
