"""Entities, facts and topics in the admin: merge, approve, reject."""

from django.contrib import admin, messages
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html

from content import curation
from content.admin.documents import regenerate_questions
from content.models import Document, Entity, Fact, Topic


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "alias_list", "locked")
    list_filter = ("kind", "locked")
    search_fields = ("name", "key", "aliases")
    fields = ("name", "kind", "aliases", "description", "key", "locked")
    readonly_fields = ("key",)
    actions = ("merge",)

    @admin.display(description="Aliases")
    def alias_list(self, obj):
        return ", ".join(obj.aliases)

    def save_model(self, request, obj, form, change):
        obj.locked = True
        super().save_model(request, obj, form, change)

    @admin.action(description="Merge the selected entities into one")
    def merge(self, request, queryset):
        entities = list(queryset)
        if len(entities) < 2:
            self.message_user(request, "Select at least two entities to merge.", messages.WARNING)
            return None
        target_id = request.POST.get("target")
        if target_id:
            target = next((e for e in entities if str(e.pk) == target_id), None)
            if target is None:
                self.message_user(request, "Choose one of the selected entities.", messages.ERROR)
                return None
            curation.entity_merge(target=target, sources=entities)
            self.message_user(request, f"Merged {len(entities) - 1} entities into “{target.name}”.")
            return None
        return render(
            request,
            "admin/content/entity/merge.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "entities": entities,
                "title": "Merge entities",
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Fact)
class FactAdmin(admin.ModelAdmin):
    list_display = (
        "answer",
        "kind",
        "subject",
        "relation",
        "object",
        "date_text",
        "status",
        "passage_link",
    )
    list_filter = ("kind", "status", "passage__topic", "document")
    search_fields = ("answer", "context", "passage__text", "subject__name")
    list_select_related = ("subject", "object", "passage")
    autocomplete_fields = ("subject", "object")
    raw_id_fields = ("passage",)
    readonly_fields = ("document", "fingerprint", "extractor_version", "confidence")
    actions = ("approve", "reject")

    @admin.display(description="Passage")
    def passage_link(self, obj):
        url = reverse("admin:content_passage_change", args=[obj.passage_id])
        return format_html('<a href="{}">{}</a>', url, obj.passage.text[:60])

    def save_model(self, request, obj, form, change):
        obj.edited = True
        super().save_model(request, obj, form, change)

    @admin.action(description="Approve the selected facts")
    def approve(self, request, queryset):
        documents = list(Document.objects.filter(facts__in=queryset).distinct())
        count = curation.facts_set_status(facts=queryset, status=Fact.Status.APPROVED)
        regenerate_questions(documents)
        self.message_user(request, f"{count} fact(s) approved.")

    @admin.action(description="Reject the selected facts")
    def reject(self, request, queryset):
        documents = list(Document.objects.filter(facts__in=queryset).distinct())
        count = curation.facts_set_status(facts=queryset, status=Fact.Status.REJECTED)
        regenerate_questions(documents)
        self.message_user(request, f"{count} fact(s) rejected; their questions are retired.")


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
