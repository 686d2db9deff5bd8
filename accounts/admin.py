from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts import services
from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "role", "is_active")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Recall", {"fields": ("role", "timezone", "email_notifications")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        ("Recall", {"fields": ("role", "email")}),
    )
    actions = ("make_teacher", "make_student", "make_admin")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Keep is_staff in step with the role, whichever way the admin set it.
        services.user_set_role(user=obj, role=obj.role)

    def _set_role(self, request, queryset, role: str) -> None:
        for user in queryset:
            services.user_set_role(user=user, role=role)
        self.message_user(request, f"{queryset.count()} user(s) are now {role}s.")

    @admin.action(description="Make the selected users teachers")
    def make_teacher(self, request, queryset):
        self._set_role(request, queryset, User.Role.TEACHER)

    @admin.action(description="Make the selected users students")
    def make_student(self, request, queryset):
        self._set_role(request, queryset, User.Role.STUDENT)

    @admin.action(description="Make the selected users admins")
    def make_admin(self, request, queryset):
        self._set_role(request, queryset, User.Role.ADMIN)
