"""Role checks for views.

Anonymous users are sent to the login page; signed-in users of the wrong role
get a 403, so they learn the page exists but is not theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def role_required(*roles: str) -> Callable:
    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            allowed = user.role in roles or ("admin" in roles and user.is_admin)
            if not allowed:
                raise PermissionDenied("This page is for another role.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


teacher_required = role_required("teacher", "admin")
