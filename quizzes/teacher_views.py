"""Teacher pages: classes, assignments, progress, item analysis, decks, uploads.

Views stay thin: they check ownership, validate a form, call a service in
``accounts.classrooms`` / ``quizzes.teaching`` or a selector in
``quizzes.progress``, and render. Objects that are not the teacher's give 404,
so ids in URLs reveal nothing about other classes.
"""

from __future__ import annotations

import csv
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts import classrooms
from accounts.models import Classroom, Membership
from accounts.permissions import role_required, teacher_required
from content import services as content_services
from content.forms import DocumentUploadForm
from content.models import Document
from content.tasks import import_document
from quizzes import charts, progress, teaching
from quizzes.forms import (
    AssignmentForm,
    ClassroomForm,
    DeckForm,
    DraftQuestionForm,
    JoinForm,
    QuestionFilterForm,
    ReportForm,
)
from quizzes.models import Assignment, Deck, Question
from quizzes.selectors import LIVE_STATUSES

PAGE_SIZE = 50


def _classroom(request, class_id: int) -> Classroom:
    qs = Classroom.objects.select_related("teacher")
    if not request.user.is_admin:
        qs = qs.filter(teacher=request.user)
    return get_object_or_404(qs, pk=class_id)


def _assignment(request, assignment_id: int) -> Assignment:
    qs = Assignment.objects.select_related("classroom", "deck")
    if not request.user.is_admin:
        qs = qs.filter(classroom__teacher=request.user)
    return get_object_or_404(qs, pk=assignment_id)


def _own_deck(request, deck_id: int) -> Deck:
    """A deck the teacher may edit: their own (admins: any teacher-made deck)."""
    qs = Deck.objects.all()
    if not request.user.is_admin:
        qs = qs.filter(owner=request.user)
    return get_object_or_404(qs, pk=deck_id)


def _document(request, document_id: int) -> Document:
    qs = Document.objects.all()
    if not request.user.is_admin:
        qs = qs.filter(created_by=request.user)
    return get_object_or_404(qs, pk=document_id)


def _safe_next(request) -> str:
    """The posted "next" page, if it is one of ours (never an open redirect)."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


# Classes ---------------------------------------------------------------


@teacher_required
def class_list(request):
    form = ClassroomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        classroom = classrooms.classroom_create(
            teacher=request.user, name=form.cleaned_data["name"]
        )
        messages.success(request, f"{classroom.name} is ready. Share the code {classroom.code}.")
        return redirect("quizzes:class_detail", classroom.pk)
    owned = Classroom.objects.filter(teacher=request.user).annotate(
        n_students=Count("memberships", distinct=True),
        n_assignments=Count("assignments", filter=Q(assignments__closed_at=None), distinct=True),
    )
    return render(request, "teaching/class_list.html", {"classes": owned, "form": form})


def _join_url(request, classroom: Classroom) -> str:
    return request.build_absolute_uri(reverse("quizzes:join_link", args=[classroom.code]))


@teacher_required
def class_detail(request, class_id: int):
    classroom = _classroom(request, class_id)
    return _class_page(request, classroom, _assignment_form(request))


def _assignment_form(request, data=None) -> AssignmentForm:
    return AssignmentForm(data, decks=teaching.decks_assignable_by(request.user).order_by("title"))


def _class_page(request, classroom: Classroom, form: AssignmentForm, status: int = 200):
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
        },
        status=status,
    )


@require_POST
@teacher_required
def class_rotate_code(request, class_id: int):
    classroom = classrooms.classroom_rotate_code(classroom=_classroom(request, class_id))
    messages.success(
        request, f"The new code is {classroom.code}. The old code and link no longer work."
    )
    return redirect("quizzes:class_detail", classroom.pk)


@require_POST
@teacher_required
def class_archive(request, class_id: int):
    classroom = _classroom(request, class_id)
    archived = request.POST.get("archived", "1") == "1"
    classrooms.classroom_set_archived(classroom=classroom, archived=archived)
    messages.success(request, f"{classroom.name} is {'archived' if archived else 'active again'}.")
    return redirect("quizzes:class_detail", classroom.pk)


@require_POST
@teacher_required
def class_remove_student(request, class_id: int, student_id: int):
    classroom = _classroom(request, class_id)
    membership = get_object_or_404(Membership, classroom=classroom, student_id=student_id)
    name = membership.student.display_name
    classrooms.membership_remove(classroom=classroom, student_id=student_id)
    messages.success(request, f"{name} was removed from {classroom.name}.")
    return redirect("quizzes:class_detail", classroom.pk)


# Assignments -----------------------------------------------------------


@require_POST
@teacher_required
def assignment_create(request, class_id: int):
    classroom = _classroom(request, class_id)
    form = _assignment_form(request, request.POST)
    if form.is_valid():
        try:
            assignment = teaching.assignment_create(
                teacher=request.user, classroom=classroom, **form.cleaned_data
            )
        except (ValueError, PermissionError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, f"“{assignment.deck.title}” is assigned, due {assignment.due_at:%d %b %Y}."
            )
        return redirect("quizzes:class_detail", classroom.pk)
    return _class_page(request, classroom, form, status=400)


@teacher_required
def assignment_edit(request, assignment_id: int):
    assignment = _assignment(request, assignment_id)
    initial = {
        "due_at": timezone.localtime(assignment.due_at),
        "note": assignment.note,
        "goal": assignment.goal,
        "goal_percent": assignment.goal_percent,
    }
    form = AssignmentForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        teaching.assignment_update(assignment=assignment, **form.cleaned_data)
        messages.success(request, "The assignment is updated.")
        return redirect("quizzes:class_detail", assignment.classroom_id)
    return render(
        request, "teaching/assignment_edit.html", {"assignment": assignment, "form": form}
    )


@require_POST
@teacher_required
def assignment_close(request, assignment_id: int):
    assignment = teaching.assignment_close(assignment=_assignment(request, assignment_id))
    messages.success(request, f"“{assignment.deck.title}” is closed. Progress is kept.")
    return redirect("quizzes:class_detail", assignment.classroom_id)


# Progress --------------------------------------------------------------


@teacher_required
def class_progress(request, class_id: int):
    classroom = _classroom(request, class_id)
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


def _grid_csv(grid: progress.Grid, rows: list[progress.Row]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"progress-{grid.classroom.code}-{timezone.now():%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
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


@teacher_required
def student_detail(request, class_id: int, student_id: int):
    classroom = _classroom(request, class_id)
    membership = get_object_or_404(
        Membership.objects.select_related("student"), classroom=classroom, student_id=student_id
    )
    deck_ids = list(classroom.assignments.values_list("deck_id", flat=True))
    now = timezone.now()
    report = progress.student_report(student=membership.student, deck_ids=deck_ids, now=now)
    per_day = {day: n for day, n, _ in report.reviews_per_day}
    # Twelve weeks is a term: long enough to see habits, short enough to read.
    activity = charts.heatmap_svg(per_day, end=timezone.localdate(now), days=84)
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
        },
    )


@teacher_required
def assignment_items(request, assignment_id: int):
    assignment = _assignment(request, assignment_id)
    students = list(
        Membership.objects.filter(classroom=assignment.classroom).values_list(
            "student_id", flat=True
        )
    )
    return _items_page(
        request,
        deck=assignment.deck,
        students=students,
        title=f"{assignment.deck.title} · {assignment.classroom.name}",
        back=reverse("quizzes:class_detail", args=[assignment.classroom_id]),
    )


@teacher_required
def deck_items(request, deck_id: int):
    deck = _own_deck(request, deck_id)
    # A teacher sees only their own students' answers, never the whole school's.
    students = None
    if not request.user.is_admin:
        students = list(
            Membership.objects.filter(classroom__teacher=request.user).values_list(
                "student_id", flat=True
            )
        )
    return _items_page(
        request,
        deck=deck,
        students=students,
        title=deck.title,
        back=reverse("quizzes:builder", args=[deck.pk]),
    )


@require_POST
@teacher_required
def question_report(request, question_id: int):
    question = get_object_or_404(teaching.questions_visible_to(request.user), pk=question_id)
    form = ReportForm(request.POST)
    if form.is_valid():
        teaching.question_report(
            question=question, reporter=request.user, reason=form.cleaned_data["reason"]
        )
        message = "Thank you. The admins will review this question."
    else:
        message = "Say what is wrong with the question, so an admin can fix it."
    if request.htmx:
        return HttpResponse(f'<p class="notice" role="status">{message}</p>')
    messages.info(request, message)
    return redirect(_safe_next(request) or "quizzes:teacher_decks")


# Decks -----------------------------------------------------------------


@teacher_required
def teacher_decks(request):
    form = DeckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        deck = teaching.deck_create(owner=request.user, **form.cleaned_data)
        return redirect("quizzes:builder", deck.pk)
    own = Deck.objects.filter(owner=request.user).annotate(size=Count("entries"))
    public = (
        Deck.objects.filter(visibility=Deck.Visibility.PUBLIC)
        .exclude(owner=request.user)
        .annotate(size=Count("entries"))
        .select_related("owner")
    )
    return render(request, "teaching/decks.html", {"own": own, "public": public, "form": form})


@require_POST
@teacher_required
def deck_copy(request, deck_id: int):
    source = get_object_or_404(teaching.decks_assignable_by(request.user), pk=deck_id)
    copy = teaching.deck_copy(deck=source, owner=request.user)
    messages.success(request, f"“{copy.title}” is yours to edit.")
    return redirect("quizzes:builder", copy.pk)


def _filtered_questions(user, form: QuestionFilterForm):
    qs = teaching.questions_visible_to(user).select_related("passage__topic")
    if not form.is_valid():
        return qs.none()
    data = form.cleaned_data
    if data.get("q"):
        qs = qs.filter(Q(prompt__icontains=data["q"]) | Q(answer__icontains=data["q"]))
    if data.get("document"):
        qs = qs.filter(document=data["document"])
    if data.get("topic"):
        qs = qs.filter(passage__topic=data["topic"])
    if data.get("entity"):
        entity = data["entity"]
        qs = qs.filter(
            Q(fact__subject=entity) | Q(fact__object=entity) | Q(passage__mentions__entity=entity)
        ).distinct()
    if data.get("type"):
        qs = qs.filter(type=data["type"])
    return qs.order_by("document_id", "passage__order", "id")


def _entries(deck: Deck):
    """A deck's questions in order, as the builder lists them."""
    return deck.entries.select_related("question", "question__passage__topic").order_by(
        "position", "id"
    )


@teacher_required
def deck_builder(request, deck_id: int):
    deck = _own_deck(request, deck_id)
    form = QuestionFilterForm(request.GET or {})
    in_deck = set(deck.entries.values_list("question_id", flat=True))
    results = list(_filtered_questions(request.user, form)[:PAGE_SIZE]) if request.GET else []
    entries = _entries(deck)
    context = {
        "deck": deck,
        "form": form,
        "results": results,
        "in_deck": in_deck,
        "entries": entries,
        "query": urlencode({k: v for k, v in request.GET.items() if v}),
    }
    template = "teaching/builder.html"
    if request.htmx and request.htmx.target == "results":
        template += "#results"
    return render(request, template, context)


@require_POST
@teacher_required
def deck_edit(request, deck_id: int):
    deck = _own_deck(request, deck_id)
    action = request.POST.get("action", "")
    try:
        question_id = int(request.POST.get("question", "0") or 0)
    except ValueError:
        question_id = 0
    if action == "add" and question_id:
        teaching.deck_add(deck=deck, question_ids=[question_id])
    elif action == "remove" and question_id:
        teaching.deck_remove(deck=deck, question_id=question_id)
    elif action in ("up", "down") and question_id:
        try:
            teaching.deck_move(
                deck=deck, question_id=question_id, direction=-1 if action == "up" else 1
            )
        except ValueError as exc:
            messages.error(request, str(exc))
    elif action in ("share", "unshare"):
        teaching.deck_set_visibility(deck=deck, public=action == "share")
        messages.success(
            request, "The deck is public." if action == "share" else "The deck is private."
        )
    elif action == "rename":
        form = DeckForm(request.POST)
        if form.is_valid():
            deck.title = form.cleaned_data["title"]
            deck.description = form.cleaned_data["description"]
            deck.save(update_fields=["title", "description", "updated_at"])
        else:
            messages.error(request, "A deck needs a title.")
    else:
        messages.error(request, "That change was not understood.")
    if request.htmx and action in ("add", "remove", "up", "down"):
        entries = _entries(deck)
        response = render(
            request, "teaching/builder.html#entries", {"deck": deck, "entries": entries}
        )
        # The search results re-mark which questions are in the deck.
        response["HX-Trigger"] = "deck-changed"
        return response
    next_url = request.POST.get("next", "")
    if next_url.startswith(f"/teach/decks/{deck.pk}/"):
        return redirect(next_url)
    return redirect("quizzes:builder", deck.pk)


@teacher_required
def question_preview(request, question_id: int):
    question = get_object_or_404(
        teaching.questions_visible_to(request.user).select_related("passage", "figure", "document"),
        pk=question_id,
    )
    return render(request, "teaching/question_preview.html", {"question": question})


# Uploads ---------------------------------------------------------------


@teacher_required
def upload(request):
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        outcome = content_services.document_create(
            data=form.data_bytes, filename=upload_file.name, created_by=request.user
        )
        document = outcome.document
        if outcome.created:
            transaction.on_commit(lambda: import_document.delay(document.pk))
            messages.success(request, outcome.message)
        elif document.created_by_id == request.user.pk or request.user.is_admin:
            messages.warning(request, outcome.message)
        else:
            # Someone else's upload: say where its questions are, not what it is called.
            messages.warning(
                request,
                "This document is already in Recall. Its questions appear in the deck builder "
                "once it is shared; an admin can help.",
            )
            return redirect("quizzes:teacher_decks")
        return redirect("quizzes:upload_status", document.pk)
    mine = Document.objects.filter(created_by=request.user).order_by("-created_at")[:20]
    return render(request, "teaching/upload.html", {"form": form, "documents": mine})


@teacher_required
def upload_status(request, document_id: int):
    document = _document(request, document_id)
    context = {"document": document}
    if document.status == Document.Status.DONE:
        questions = (
            document.questions.filter(status__in=LIVE_STATUSES)
            .select_related("passage__topic")
            .order_by("passage__order", "id")
        )
        context["questions"] = questions
    if request.htmx:
        response = render(request, "teaching/upload_status.html#status", context)
        if document.status == Document.Status.DONE:
            # Done: load the whole page so the draft questions appear.
            response["HX-Refresh"] = "true"
        return response
    return render(request, "teaching/upload_status.html", context)


@require_POST
@teacher_required
def draft_edit(request, question_id: int):
    qs = Question.objects.select_related("document")
    if not request.user.is_admin:
        qs = qs.filter(document__created_by=request.user)
    question = get_object_or_404(qs, pk=question_id)
    action = request.POST.get("action", "save")
    if action == "reject":
        question.status = Question.Status.REJECTED
        question.locked = True
        question.save(update_fields=["status", "locked", "updated_at"])
        message = "Removed from the drafts."
    else:
        form = DraftQuestionForm(request.POST)
        if not form.is_valid():
            message = "A question needs a prompt and an answer."
        else:
            question.prompt = form.cleaned_data["prompt"]
            question.answer = form.cleaned_data["answer"]
            # A teacher's edit is final: regeneration must not overwrite it.
            question.locked = True
            question.save(update_fields=["prompt", "answer", "locked", "updated_at"])
            message = "Saved."
    if request.htmx:
        if question.status == Question.Status.REJECTED:
            return HttpResponse("")
        return render(
            request, "teaching/upload_status.html#draft", {"q": question, "message": message}
        )
    messages.info(request, message)
    return redirect("quizzes:upload_status", question.document_id)


@require_POST
@teacher_required
def draft_publish(request, document_id: int):
    document = _document(request, document_id)
    if document.status != Document.Status.DONE:
        messages.error(request, "The import has not finished yet.")
        return redirect("quizzes:upload_status", document.pk)
    try:
        deck = teaching.deck_publish_drafts(
            document=document, owner=request.user, title=request.POST.get("title", "").strip()
        )
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("quizzes:upload_status", document.pk)
    messages.success(request, f"“{deck.title}” is ready, with {deck.entries.count()} questions.")
    return redirect("quizzes:builder", deck.pk)


# Students joining ------------------------------------------------------


@role_required("student")
def join(request):
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _join(request, form.cleaned_data["code"]) or render(
            request, "teaching/join.html", {"form": form}, status=400
        )
    return render(request, "teaching/join.html", {"form": form})


@login_required
def join_link(request, code: str):
    if not request.user.is_student:
        raise PermissionDenied("Only student accounts can join a class.")
    classroom = Classroom.objects.filter(code=classrooms.normalize_code(code)).first()
    if request.method == "POST":
        return _join(request, code) or redirect("quizzes:join")
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
