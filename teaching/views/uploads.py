"""A teacher's uploads: the upload form, the import's progress, and its drafts."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh
from django_ratelimit.decorators import ratelimit

from accounts.htmx import HtmxHttpRequest
from accounts.permissions import teacher_required
from content import curation, imports
from content import services as content_services
from content.forms import DocumentUploadForm
from content.models import Document, Question
from quizzes.interop import decks as interop_decks
from quizzes.interop import services as interop_services
from quizzes.interop.cards import FormatError
from quizzes.interop.forms import DeckImportForm
from teaching import selectors, services
from teaching.forms import DraftQuestionForm, DraftsPublishForm
from teaching.selectors import drafts_counts, drafts_scoring
from teaching.views.access import get_document_for_user


@require_http_methods(["GET", "POST"])
@teacher_required
def upload(request: HtmxHttpRequest):
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        outcome = form.store(created_by=request.user)
        if outcome is not None:
            return _uploaded(request, outcome)
    mine = Document.objects.filter(created_by=request.user).order_by("-created_at")[:20]
    return render(request, "teaching/upload.html", {"form": form, "documents": mine})


def _uploaded(request: HtmxHttpRequest, outcome: content_services.ImportOutcome):
    document = outcome.document
    if outcome.created or outcome.retry:
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
        return redirect("teaching:teacher_decks")
    return redirect("teaching:upload_status", document.pk)


@require_GET
@teacher_required
def upload_status(request: HtmxHttpRequest, document_id: int):
    document = get_document_for_user(request, document_id)
    done = document.status == Document.Status.READY
    if request.htmx and done:
        # Done: load the whole page so the draft questions appear.
        return HttpResponseClientRefresh()
    context = {"document": document}
    if done:
        context["review"] = selectors.document_review(document, page=request.GET.get("page"))
        context["draft_form"] = DraftsPublishForm(initial={"min_score": 0.6})
    template = "teaching/upload_status.html"
    return render(request, template + "#status" if request.htmx else template, context)


@require_POST
@teacher_required
def upload_retry(request: HtmxHttpRequest, document_id: int):
    document = get_document_for_user(request, document_id)
    if document.status == Document.Status.FAILED:
        imports.document_retry(document=document)
        messages.info(request, "The import starts again.")
    return redirect("teaching:upload_status", document.pk)


def _get_draft_for_user(request: HtmxHttpRequest, question_id: int) -> Question:
    qs = Question.objects.select_related("document", "passage__topic", "fact", "figure__passage")
    if not request.user.is_admin:
        qs = qs.filter(document__created_by=request.user)
    return get_object_or_404(qs, pk=question_id)


def _decided(request: HtmxHttpRequest, question: Question, message: str, *, status: int = 200):
    """The draft as it is now, with the drafts-left count swapped in beside it (htmx),
    else back to the page it was on."""
    if request.htmx:
        return render(
            request,
            "teaching/upload_status.html#draft",
            {"q": question, "message": message, **drafts_counts(question.document_id)},
            status=status,
        )
    if status >= 400:
        messages.error(request, message)
    else:
        messages.info(request, message)
    url = reverse("teaching:upload_status", args=[question.document_id])
    page = request.POST.get("page", "")
    return redirect(f"{url}?page={page}#drafts" if page.isdigit() else f"{url}#drafts")


@require_POST
@teacher_required
def draft_edit(request: HtmxHttpRequest, question_id: int):
    question = _get_draft_for_user(request, question_id)
    form = DraftQuestionForm(request.POST)
    if not form.is_valid():
        return _decided(request, question, "A question needs a prompt and an answer.", status=400)
    services.draft_update(question=question, **form.cleaned_data)
    return _decided(request, question, "Saved.")


@require_POST
@teacher_required
def draft_approve(request: HtmxHttpRequest, question_id: int):
    question = services.draft_publish(question=_get_draft_for_user(request, question_id))
    return _decided(request, question, "Published.")


@require_POST
@teacher_required
def passages_include(request: HtmxHttpRequest, document_id: int):
    document = get_document_for_user(request, document_id)
    ids = [int(i) for i in request.POST.getlist("passage") if i.isdigit()]
    count = services.passages_include(document=document, passage_ids=ids)
    messages.info(
        request,
        f"{count} withheld passage{'s' if count != 1 else ''} included; "
        "its questions are among the drafts." if count else "Nothing was included.",
    )
    return redirect("teaching:upload_status", document.pk)


@require_POST
@teacher_required
def draft_reject(request: HtmxHttpRequest, question_id: int):
    question = services.draft_reject(question=_get_draft_for_user(request, question_id))
    return _decided(request, question, "No student sees it any more.")


@require_POST
@teacher_required
def drafts_publish_scoring(request: HtmxHttpRequest, document_id: int):
    """Publish every draft at or above a score, after the teacher confirms the count."""
    document = get_document_for_user(request, document_id)
    form = DraftsPublishForm(request.POST)
    context = {"document": document, "form": form}
    if not form.is_valid():
        return render(request, "teaching/drafts_publish_confirm.html", context, status=400)
    min_score = form.cleaned_data["min_score"]
    if not form.cleaned_data["confirm"]:
        context["count"] = drafts_scoring(document, min_score)
        context["min_score"] = min_score
        return render(request, "teaching/drafts_publish_confirm.html", context)
    count = curation.drafts_publish_scoring(document=document, min_score=min_score)
    messages.success(
        request,
        f"{count} draft{'s' if count != 1 else ''} scoring at least {min_score:.2f} "
        f"{'are' if count != 1 else 'is'} published." if count
        else f"No draft scores {min_score:.2f} or more; nothing was published.",
    )
    return redirect(reverse("teaching:upload_status", args=[document.pk]) + "#drafts")


@require_POST
@teacher_required
def draft_publish(request: HtmxHttpRequest, document_id: int):
    document = get_document_for_user(request, document_id)
    if document.status != Document.Status.READY:
        messages.error(request, "The import has not finished yet.")
        return redirect("teaching:upload_status", document.pk)
    try:
        deck = services.deck_publish_drafts(
            document=document, owner=request.user, title=request.POST.get("title", "").strip()
        )
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("teaching:upload_status", document.pk)
    messages.success(request, f"“{deck.title}” is ready, with {deck.entries.count()} questions.")
    return redirect("teaching:builder", deck.pk)


@ratelimit(key="user", rate="60/h", method="POST")
@require_http_methods(["GET", "POST"])
@teacher_required
def deck_import(request: HtmxHttpRequest):
    form = DeckImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = interop_decks.read_file(upload.name, upload.file)
        except FormatError as exc:
            form.add_error("file", str(exc))
        else:
            summary = interop_services.deck_import(
                result=result, user=request.user, filename=upload.name,
                title=form.cleaned_data["title"] or None,
            )
            messages.success(request, summary.message)
            for warning in summary.warnings:
                messages.warning(request, warning)
            return redirect("teaching:upload_status", summary.document.pk)
    status = 400 if form.errors else 200
    return render(request, "teaching/deck_import.html", {"form": form}, status=status)
