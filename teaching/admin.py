from django.contrib import admin

from teaching.models import Assignment, Classroom, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("student",)
    readonly_fields = ("joined_at",)


@admin.register(Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ("name", "teacher", "code", "archived", "created_at")
    list_filter = ("archived",)
    search_fields = ("name", "code", "teacher__username")
    raw_id_fields = ("teacher",)
    inlines = (MembershipInline,)


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ("deck", "classroom", "due_at", "goal", "closed_at")
    list_filter = ("goal",)
    search_fields = ("deck__title", "classroom__name")
    raw_id_fields = ("classroom", "deck", "created_by")
