"""The question review queue and teachers' reports on questions."""

from django.contrib import admin
from django.template.loader import render_to_string

from content import curation
from content.models import Question, QuestionReport
from content.questions import questions_generate


class NamedEditableCells:
    """A change list's editable cells have no <label> (axe: "select-name"): each gets
    its column's name for screen readers."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in self.list_editable:
            field.widget.attrs.setdefault("aria-label", str(db_field.verbose_name).capitalize())
        return field


@admin.register(Question)
class QuestionAdmin(NamedEditableCells, admin.ModelAdmin):
    """The review queue: filter, preview, edit (which locks), approve or reject in bulk."""

    list_display = (
        "prompt", "picture", "type", "answer", "status", "locked", "score", "document"
    )
    list_display_links = ("prompt",)
    list_editable = ("status",)
    list_filter = ("status", "type", "locked", "passage__topic", "document")
    search_fields = ("prompt", "answer", "passage__text")
    list_select_related = ("document", "figure__passage")
    readonly_fields = ("preview", "key", "generator_version", "score", "fact", "figure", "document")
    raw_id_fields = ("passage",)
    fieldsets = (
        (None, {"fields": ("preview",)}),
        (
            "Question",
            {
                "fields": (
                    "type",
                    "prompt",
                    "answer",
                    "accepted",
                    "choices",
                    "explanation",
                    "tolerance",
                    "difficulty",
                    "status",
                    "locked",
                )
            },
        ),
        (
            "Source",
            {
                "fields": (
                    "document",
                    "passage",
                    "fact",
                    "figure",
                    "key",
                    "generator_version",
                    "score",
                )
            },
        ),
    )
    actions = ("approve", "reject", "regenerate")

    @admin.display(description="Picture")
    def picture(self, obj):
        if obj.figure is None or not obj.figure.image:
            return ""
        return render_to_string("admin/content/figure/_thumbnail.html", {"figure": obj.figure})

    @admin.display(description="Preview")
    def preview(self, obj):
        return render_to_string("admin/content/question/_preview.html", {"question": obj})

    def save_model(self, request, obj, form, change):
        # Any admin edit beyond the status makes the question the admin's own.
        if change and set(form.changed_data) - {"status"}:
            obj.locked = True
        super().save_model(request, obj, form, change)

    @admin.action(description="Approve the selected questions")
    def approve(self, request, queryset):
        count = queryset.update(status=Question.Status.APPROVED)
        self.message_user(request, f"{count} question(s) approved.")

    @admin.action(description="Reject the selected questions")
    def reject(self, request, queryset):
        count = curation.questions_reject(questions=queryset)
        self.message_user(request, f"{count} question(s) rejected: students no longer see them.")

    @admin.action(description="Regenerate questions for the selected questions' documents")
    def regenerate(self, request, queryset):
        documents = {q.document for q in queryset.select_related("document")}
        totals = [questions_generate(document=d) for d in documents]
        self.message_user(
            request,
            f"Regenerated {len(documents)} document(s): "
            f"{sum(s.created for s in totals)} new, {sum(s.updated for s in totals)} updated, "
            f"{sum(s.unchanged_locked for s in totals)} locked left alone.",
        )


@admin.register(QuestionReport)
class QuestionReportAdmin(NamedEditableCells, admin.ModelAdmin):
    list_display = ("question", "reporter", "created_at", "resolved")
    list_filter = ("resolved",)
    list_editable = ("resolved",)
    raw_id_fields = ("question", "reporter")
    search_fields = ("reason", "question__prompt")
