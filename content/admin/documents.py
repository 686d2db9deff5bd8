"""Documents, passages and figures in the admin: upload, re-run, curate."""

from django.contrib import admin, messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.html import format_html

from content import curation, imports
from content.forms import DocumentUploadForm
from content.models import Document, Figure, Passage
from content.questions import questions_generate


def regenerate_questions(documents) -> None:
    """Regenerate documents' questions once the admin's change is committed.

    Questions follow curation at once: a passage flagged or a fact rejected
    now must stop reaching students today, not at the next import.
    """
    for document in documents:
        transaction.on_commit(lambda d=document: questions_generate(document=d))


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "source_name", "status", "progress_bar", "stage", "created_at")
    list_filter = ("status", "format")
    search_fields = ("title", "source_name")
    readonly_fields = (
        "sha256",
        "status",
        "progress",
        "stage",
        "error",
        "format",
        "extractor_version",
        "created_by",
        "created_at",
        "updated_at",
        "source_name",
        "heartbeat_at",
    )
    exclude = ("raw_text",)
    actions = ("rerun",)

    @admin.display(description="Progress")
    def progress_bar(self, obj):
        return format_html(
            '<progress max="100" value="{}" aria-label="{}% done"></progress> {}%',
            obj.progress,
            obj.progress,
            obj.progress,
        )

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="content_document_upload",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, *args, **kwargs):
        return redirect("admin:content_document_upload")

    def upload_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = DocumentUploadForm(request.POST or None, request.FILES or None)
        outcome = None
        if request.method == "POST" and form.is_valid():
            outcome = form.store(created_by=request.user)
        if outcome is not None:
            level = messages.SUCCESS if outcome.created else messages.WARNING
            self.message_user(request, outcome.message, level)
            return redirect("admin:content_document_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": "Import a document",
        }
        return render(request, "admin/content/document/upload.html", context)

    @admin.action(description="Re-run the import for the selected documents")
    def rerun(self, request, queryset):
        documents = list(queryset)
        for document in documents:
            # Through the state machine's enqueue: a broker that is down leaves
            # them for the reaper instead of failing the admin page.
            imports.document_retry(document=document, restart=True)
        self.message_user(request, f"{len(documents)} document(s) queued for a fresh import.")


class FigureInline(admin.StackedInline):
    model = Figure
    extra = 0
    fields = ("image", "alt_text", "credit")


@admin.register(Passage)
class PassageAdmin(admin.ModelAdmin):
    list_display = ("short_text", "document", "topic", "kind", "sensitive", "occurrences")
    list_filter = ("document", "topic", "kind", "sensitive")
    search_fields = ("text",)
    readonly_fields = ("document", "raw_text", "order", "occurrences", "key")
    fields = (
        "document",
        "topic",
        "kind",
        "text",
        "raw_text",
        "order",
        "occurrences",
        "sensitive",
        "sensitive_reason",
        "sensitive_reviewed",
    )
    actions = ("mark_sensitive", "clear_sensitive")
    inlines = (FigureInline,)
    list_select_related = ("document", "topic")

    @admin.display(description="Text")
    def short_text(self, obj):
        return obj.text[:100]

    def save_model(self, request, obj, form, change):
        flag_changed = "sensitive" in form.changed_data
        if flag_changed or "sensitive_reason" in form.changed_data:
            obj.sensitive_reviewed = True
        super().save_model(request, obj, form, change)
        if flag_changed:
            regenerate_questions([obj.document])

    @admin.action(description="Flag as sensitive (no questions from them)")
    def mark_sensitive(self, request, queryset):
        documents = self._documents(queryset)
        count = curation.passages_set_sensitive(passages=queryset, sensitive=True)
        regenerate_questions(documents)
        self.message_user(
            request,
            f"{count} passage(s) flagged as sensitive; their questions are retired "
            "(questions an admin edited by hand stay, for you to review).",
        )

    @admin.action(description="Clear the sensitive flag")
    def clear_sensitive(self, request, queryset):
        documents = self._documents(queryset)
        count = curation.passages_set_sensitive(passages=queryset, sensitive=False)
        regenerate_questions(documents)
        self.message_user(request, f"{count} passage(s) cleared; their questions are regenerated.")

    @staticmethod
    def _documents(queryset) -> list:
        return list(Document.objects.filter(passages__in=queryset).distinct())


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ("picture", "caption_text", "document", "topic", "order", "size", "credit")
    list_filter = ("passage__document", "format")
    search_fields = ("passage__text", "alt_text")
    fields = (
        "passage", "preview", "image", "alt_text", "credit",
        "document", "topic", "order", "size", "format", "sha256",
    )
    readonly_fields = ("passage", "preview", "document", "topic", "order", "size", "format",
                       "sha256")
    list_select_related = ("passage", "document", "topic")

    @admin.display(description="Caption")
    def caption_text(self, obj):
        return obj.passage.text[:100]

    def save_model(self, request, obj, form, change):
        if "image" in form.changed_data:
            # The admin's own picture: re-imports keep it (imported ones carry a sha256).
            obj.thumbnail, obj.sha256, obj.format = "", "", ""
            obj.width = obj.height = obj.thumbnail_width = obj.thumbnail_height = None
        super().save_model(request, obj, form, change)
        if "image" in form.changed_data:
            # With or without a picture, a caption asks a different question.
            regenerate_questions([obj.passage.document])
            self.message_user(request, "The figure's questions are being regenerated.")

    @admin.display(description="Image")
    def picture(self, obj):
        if not obj.image:
            return "—"
        return render_to_string("admin/content/figure/_thumbnail.html", {"figure": obj})

    @admin.display(description="Size")
    def size(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else ""

    @admin.display(description="Preview")
    def preview(self, obj):
        if not obj.image:
            return "No image yet."
        return self.picture(obj)
