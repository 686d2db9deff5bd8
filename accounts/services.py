"""Writes that concern accounts."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from accounts.emails import send_templated
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
    """Self sign-up always makes a student; teachers are made by an admin.

    An address that already has an account is not attached to the new one,
    and the page says nothing different: refusing would tell a stranger who
    is registered. The address's owner gets a note instead.
    """
    owner = User.objects.filter(email__iexact=email).first() if email else None
    user = User.objects.create_user(
        username=username,
        email="" if owner else email,
        password=password,
        first_name=first_name,
        role=User.Role.STUDENT,
    )
    if owner is not None:
        transaction.on_commit(
            lambda: send_templated(
                "signup-existing",
                to=owner.email,
                context={"user": owner, "login": settings.SITE_URL + reverse("accounts:login")},
            )
        )
    return user
