"""Students joining a class, by code or by link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from accounts.htmx import HtmxHttpRequest
from accounts.permissions import role_required
from teaching import classrooms
from teaching.forms import JoinForm
from teaching.models import Classroom

# Six-character codes are guessable by brute force, so each student gets a
# class's worth of tries an hour (typos included) across both join pages.
JOIN_RATE = "20/h"


@ratelimit(key="user", rate=JOIN_RATE, method="POST", group="teaching:join")
@require_http_methods(["GET", "POST"])
@role_required("student")
def join(request: HtmxHttpRequest):
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _join(request, form.cleaned_data["code"]) or render(
            request, "teaching/join.html", {"form": form}, status=400
        )
    return render(request, "teaching/join.html", {"form": form})


@ratelimit(key="user", rate=JOIN_RATE, method="POST", group="teaching:join")
@require_http_methods(["GET", "POST"])
@login_required
def join_link(request: HtmxHttpRequest, code: str):
    if not request.user.is_student:
        raise PermissionDenied("Only student accounts can join a class.")
    classroom = Classroom.objects.filter(code=classrooms.normalize_code(code)).first()
    if request.method == "POST":
        return _join(request, code) or redirect("teaching:join")
    return render(request, "teaching/join_confirm.html", {"classroom": classroom, "code": code})


def _join(request, code: str):
    try:
        membership, created = classrooms.classroom_join(student=request.user, code=code)
    except classrooms.JoinError as exc:
        messages.error(request, str(exc))
        return None
    name = membership.classroom.name
    messages.success(request, f"You joined {name}." if created else f"You are already in {name}.")
    return redirect("quizzes:dashboard")
