"""A teacher's uploads: the upload form, the import's progress, and its drafts."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import teacher_required
from content import services as content_services
from content.forms import DocumentUploadForm
from content.models import Document, Question
from content.tasks import import_document
from teaching import services
from teaching.forms import DraftQuestionForm
from teaching.views.access import get_document_for_user


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
            return redirect("teaching:teacher_decks")
        return redirect("teaching:upload_status", document.pk)
    mine = Document.objects.filter(created_by=request.user).order_by("-created_at")[:20]
    return render(request, "teaching/upload.html", {"form": form, "documents": mine})


@teacher_required
def upload_status(request, document_id: int):
    document = get_document_for_user(request, document_id)
    context = {"document": document}
    if document.status == Document.Status.DONE:
        questions = (
            document.questions.live()
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
    return redirect("teaching:upload_status", question.document_id)


@require_POST
@teacher_required
def draft_publish(request, document_id: int):
    document = get_document_for_user(request, document_id)
    if document.status != Document.Status.DONE:
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
