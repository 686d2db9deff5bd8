"""Writes that concern accounts."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User


@transaction.atomic
def user_set_role(*, user: User, role: str) -> User:
    """Give a user a role and the Django flags that go with it.

    Admins curate content in the Django admin, so they need ``is_staff``;
    teachers and students never do.
    """
    if role not in User.Role.values:
        raise ValueError(f"Unknown role {role!r}; choose one of {', '.join(User.Role.values)}.")
    user.role = role
    user.is_staff = user.is_admin
    user.save(update_fields=["role", "is_staff"])
    return user


@transaction.atomic
def user_sign_up(*, username: str, email: str, password: str, first_name: str = "") -> User:
    """Self sign-up always makes a student; teachers are made by an admin."""
    return User.objects.create_user(
        username=username,
        email=email,
        password=password,
        first_name=first_name,
        role=User.Role.STUDENT,
    )
