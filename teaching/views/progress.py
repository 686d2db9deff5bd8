"""What a teacher reads: the progress grid, one student, and item analysis."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.htmx import HtmxHttpRequest
from accounts.permissions import teacher_required
from accounts.redirects import safe_next
from content import reports
from quizzes import charts, scheduling
from quizzes.forms import ReportForm
from quizzes.interop.tabular import defuse
from quizzes.models import Deck
from teaching import progress
from teaching.models import Membership
from teaching.selectors import questions_visible_to, student_ids
from teaching.views.access import (
    get_assignment_for_user,
    get_classroom_for_user,
    get_own_deck_for_user,
)


@require_GET
@teacher_required
def class_progress(request: HtmxHttpRequest, class_id: int):
    classroom = get_classroom_for_user(request, class_id)
    grid = progress.progress_grid(classroom, timezone.now())
    sort = request.GET.get("sort", "name")
    descending = request.GET.get("dir") == "desc"
    rows = progress.sort_rows(grid, sort, descending)
    if request.GET.get("format") == "csv":
        return _grid_csv(grid, rows)
    context = {
        "grid": grid,
        "rows": rows,
        "columns": _columns(grid, sort, descending),
        "sort": sort,
        "descending": descending,
        "classroom": classroom,
    }
    template = "teaching/progress.html"
    if request.htmx:
        template += "#grid"
    return render(request, template, context)


def _columns(grid: progress.Grid, sort: str, descending: bool) -> list[dict]:
    """Header cells: clicking a sorted column flips its direction."""
    spec = [("name", "Student", None), ("active", "Last active", None)]
    spec += [(f"a{i}", a.deck.title, a) for i, a in enumerate(grid.assignments)]
    spec.append(("behind", "Behind", None))
    columns = []
    for key, label, assignment in spec:
        current = key == sort
        link = f"?sort={key}" + ("&dir=desc" if current and not descending else "")
        aria = ("descending" if descending else "ascending") if current else "none"
        columns.append({"label": label, "link": link, "aria": aria, "assignment": assignment})
    return columns


class _DefusingWriter:
    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row: list) -> None:
        self.writer.writerow([defuse(v) if isinstance(v, str) else v for v in row])


def _grid_csv(grid: progress.Grid, rows: list[progress.Row]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"progress-{grid.classroom.code}-{timezone.now():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Names and deck titles are typed by users: a cell a spreadsheet would read
    # as a formula (=HYPERLINK(...)) is defused, per OWASP's CSV-injection advice.
    writer = _DefusingWriter(csv.writer(response))
    header = ["student", "username", "last active"]
    for a in grid.assignments:
        header += [f"{a.deck.title}: studied", "total", "mastery %", "status"]
    writer.writerow(header)
    for row in rows:
        line = [
            row.student.display_name,
            row.student.username,
            row.last_active.isoformat() if row.last_active else "",
        ]
        for cell in row.cells:
            line += [cell.studied, cell.total, cell.mastery_pct, cell.status]
        writer.writerow(line)
    return response


@require_GET
@teacher_required
def student_detail(request: HtmxHttpRequest, class_id: int, student_id: int):
    classroom = get_classroom_for_user(request, class_id)
    membership = get_object_or_404(
        Membership.objects.select_related("student"), classroom=classroom, student_id=student_id
    )
    deck_ids = list(classroom.assignments.values_list("deck_id", flat=True))
    now = timezone.now()
    report = progress.student_report(student=membership.student, deck_ids=deck_ids, now=now)
    per_day = {day: n for day, n, _ in report.reviews_per_day}
    # Twelve weeks is a term: long enough to see habits, short enough to read.
    today = scheduling.local_today(now, membership.student.timezone)
    activity = charts.heatmap_svg(per_day, end=today, days=84)
    return render(
        request,
        "teaching/student.html",
        {"classroom": classroom, "report": report, "activity": activity},
    )


def _items_page(request, *, deck: Deck, students, title: str, back: str):
    items = progress.item_analysis(deck_id=deck.pk, students=students)
    flagged = sum(1 for i in items if i.flags)
    return render(
        request,
        "teaching/items.html",
        {
            "deck": deck,
            "items": items,
            "title": title,
            "back": back,
            "flagged": flagged,
            "report_form": ReportForm(),
            "min_responses": progress.MIN_RESPONSES,
            "here": request.get_full_path(),
        },
    )


@require_GET
@teacher_required
def assignment_items(request: HtmxHttpRequest, assignment_id: int):
    assignment = get_assignment_for_user(request, assignment_id)
    students = student_ids(classroom=assignment.classroom)
    return _items_page(
        request,
        deck=assignment.deck,
        students=students,
        title=f"{assignment.deck.title} · {assignment.classroom.name}",
        back=reverse("teaching:class_detail", args=[assignment.classroom_id]),
    )


@require_GET
@teacher_required
def deck_items(request: HtmxHttpRequest, deck_id: int):
    deck = get_own_deck_for_user(request, deck_id)
    # A teacher sees only their own students' answers, never the whole school's.
    students = None
    if not request.user.is_admin:
        students = student_ids(teacher=request.user)
    return _items_page(
        request,
        deck=deck,
        students=students,
        title=deck.title,
        back=reverse("teaching:builder", args=[deck.pk]),
    )


@require_POST
@teacher_required
def question_report(request: HtmxHttpRequest, question_id: int):
    question = get_object_or_404(questions_visible_to(request.user), pk=question_id)
    form = ReportForm(request.POST)
    if form.is_valid():
        reports.question_report(
            question=question, reporter=request.user, reason=form.cleaned_data["reason"]
        )
        message = "Thank you. The admins will review this question."
    else:
        message = "Say what is wrong with the question, so an admin can fix it."
    if request.htmx:
        return render(request, "teaching/_notice.html", {"message": message})
    messages.info(request, message)
    return redirect(safe_next(request) or "teaching:teacher_decks")
