"""The class pages: classes, their join codes, members and assignments."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.htmx import HtmxHttpRequest
from accounts.permissions import teacher_required
from teaching import classrooms, services
from teaching.forms import AnnouncementForm, AssignmentForm, ClassroomForm
from teaching.models import Classroom, Membership
from teaching.selectors import classrooms_of_teacher, decks_assignable_by
from teaching.views.access import (
    get_announcement_for_user,
    get_assignment_for_user,
    get_classroom_for_user,
)


@require_http_methods(["GET", "POST"])
@teacher_required
def class_list(request: HtmxHttpRequest):
    form = ClassroomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        classroom = classrooms.classroom_create(
            teacher=request.user, name=form.cleaned_data["name"]
        )
        messages.success(request, f"{classroom.name} is ready. Share the code {classroom.code}.")
        return redirect("teaching:class_detail", classroom.pk)
    owned = classrooms_of_teacher(request.user)
    return render(request, "teaching/class_list.html", {"classes": owned, "form": form})


def _join_url(request, classroom: Classroom) -> str:
    return request.build_absolute_uri(reverse("teaching:join_link", args=[classroom.code]))


@require_GET
@teacher_required
def class_detail(request: HtmxHttpRequest, class_id: int):
    classroom = get_classroom_for_user(request, class_id)
    return _class_page(request, classroom, _assignment_form(request))


def _assignment_form(request, data=None) -> AssignmentForm:
    return AssignmentForm(data, decks=decks_assignable_by(request.user).order_by("title"))


def _class_page(
    request,
    classroom: Classroom,
    form: AssignmentForm,
    status: int = 200,
    announce_form: AnnouncementForm | None = None,
):
    """The class page, with the assignment form as posted (errors) or fresh."""
    join_url = _join_url(request, classroom)
    # Dark on white in both colour schemes: phone cameras read that best.
    qr = segno.make(join_url, error="m").svg_inline(scale=4, dark="#111111", light="#ffffff")
    return render(
        request,
        "teaching/class_detail.html",
        {
            "classroom": classroom,
            "join_url": join_url,
            "qr": qr,
            "members": classroom.memberships.select_related("student"),
            "assignments": classroom.assignments.select_related("deck").order_by(
                "closed_at", "due_at"
            ),
            "form": form,
            "announce_form": announce_form or AnnouncementForm(),
            "announcements": classroom.announcements.order_by("-created_at")[:5],
        },
        status=status,
    )


@require_POST
@teacher_required
def class_rotate_code(request: HtmxHttpRequest, class_id: int):
    classroom = get_classroom_for_user(request, class_id)
    classroom = classrooms.classroom_rotate_code(classroom=classroom)
    messages.success(
        request, f"The new code is {classroom.code}. The old code and link no longer work."
    )
    return redirect("teaching:class_detail", classroom.pk)


@require_POST
@teacher_required
def class_archive(request: HtmxHttpRequest, class_id: int):
    classroom = get_classroom_for_user(request, class_id)
    archived = request.POST.get("archived", "1") == "1"
    classrooms.classroom_set_archived(classroom=classroom, archived=archived)
    messages.success(request, f"{classroom.name} is {'archived' if archived else 'active again'}.")
    return redirect("teaching:class_detail", classroom.pk)


@require_POST
@teacher_required
def class_remove_student(request: HtmxHttpRequest, class_id: int, student_id: int):
    classroom = get_classroom_for_user(request, class_id)
    membership = get_object_or_404(Membership, classroom=classroom, student_id=student_id)
    name = membership.student.display_name
    classrooms.membership_remove(classroom=classroom, student_id=student_id)
    messages.success(request, f"{name} was removed from {classroom.name}.")
    return redirect("teaching:class_detail", classroom.pk)


@require_POST
@teacher_required
def assignment_create(request: HtmxHttpRequest, class_id: int):
    classroom = get_classroom_for_user(request, class_id)
    form = _assignment_form(request, request.POST)
    if form.is_valid():
        try:
            assignment = services.assignment_create(
                teacher=request.user, classroom=classroom, **form.cleaned_data
            )
        except (ValueError, PermissionError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, f"“{assignment.deck.title}” is assigned, due {assignment.due_at:%d %b %Y}."
            )
        return redirect("teaching:class_detail", classroom.pk)
    return _class_page(request, classroom, form, status=400)


@require_http_methods(["GET", "POST"])
@teacher_required
def assignment_edit(request: HtmxHttpRequest, assignment_id: int):
    assignment = get_assignment_for_user(request, assignment_id)
    initial = {
        "due_at": timezone.localtime(assignment.due_at),
        "note": assignment.note,
        "goal": assignment.goal,
        "goal_percent": assignment.goal_percent,
    }
    form = AssignmentForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        services.assignment_update(assignment=assignment, **form.cleaned_data)
        messages.success(request, "The assignment is updated.")
        return redirect("teaching:class_detail", assignment.classroom_id)
    return render(
        request, "teaching/assignment_edit.html", {"assignment": assignment, "form": form}
    )


@require_POST
@teacher_required
def assignment_close(request: HtmxHttpRequest, assignment_id: int):
    assignment = get_assignment_for_user(request, assignment_id)
    assignment = services.assignment_close(assignment=assignment)
    messages.success(request, f"“{assignment.deck.title}” is closed. Progress is kept.")
    return redirect("teaching:class_detail", assignment.classroom_id)


@require_POST
@teacher_required
def class_announce(request: HtmxHttpRequest, class_id: int):
    classroom = get_classroom_for_user(request, class_id)
    form = AnnouncementForm(request.POST)
    if form.is_valid():
        try:
            services.announcement_post(
                teacher=request.user, classroom=classroom, body=form.cleaned_data["body"]
            )
        except ValueError as exc:
            form.add_error("body", str(exc))
        else:
            messages.success(request, f"Your announcement is posted to {classroom.name}.")
            return redirect("teaching:class_detail", classroom.pk)
    return _class_page(
        request, classroom, _assignment_form(request), status=400, announce_form=form
    )


@require_POST
@teacher_required
def announcement_edit(request: HtmxHttpRequest, announcement_id: int):
    announcement = get_announcement_for_user(request, announcement_id)
    classroom = announcement.classroom
    form = AnnouncementForm(request.POST)
    if form.is_valid():
        try:
            services.announcement_update(
                announcement=announcement, body=form.cleaned_data["body"]
            )
        except ValueError as exc:
            form.add_error("body", str(exc))
        else:
            messages.success(request, "Your announcement is updated. It is not emailed again.")
            return redirect("teaching:class_detail", classroom.pk)
    messages.error(request, f"The announcement was not changed: {form.errors['body'][0]}")
    return _class_page(request, classroom, _assignment_form(request), status=400)


@require_POST
@teacher_required
def announcement_delete(request: HtmxHttpRequest, announcement_id: int):
    announcement = get_announcement_for_user(request, announcement_id)
    services.announcement_delete(announcement=announcement)
    messages.success(request, "The announcement is deleted; students no longer see it.")
    return redirect("teaching:class_detail", announcement.classroom_id)
