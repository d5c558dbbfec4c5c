"""The Django admin of the ground: users, municipalities, organizations, roles, the journal."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin_history import SimpleHistoryAdmin
from core.models import (
    AuditEntry,
    MunicipalCoordinator,
    Municipality,
    Organization,
    Role,
    RoleAssignment,
    User,
)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["organization"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ["username", "last_name", "first_name", "middle_name", "email", "is_active"]
    search_fields = ["username", "last_name", "first_name", "email"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Личные данные"), {"fields": ("last_name", "first_name", "middle_name", "email")}),
        (
            _("Права"),
            {
                "fields": (
                    "is_active",
                    "must_change_password",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Даты"), {"fields": ("last_login", "date_joined")}),
    )


class MunicipalCoordinatorInline(admin.TabularInline):
    model = MunicipalCoordinator
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MunicipalCoordinatorInline]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "city", "municipality", "director_name", "is_active"]
    list_filter = ["municipality", "is_active"]
    search_fields = ["short_name", "full_name", "city"]
    prepopulated_fields = {"slug": ["short_name"]}
    fieldsets = (
        (None, {"fields": ("full_name", "short_name", "slug", "municipality", "is_active")}),
        (_("Реквизиты"), {"fields": ("city", "address", "phone", "email", "inn")}),
        (_("Руководитель"), {"fields": ("director_position", "director_name")}),
        (_("Журнал приказов"), {"fields": ("order_number_suffix", "journal_year_start")}),
    )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organization", "role", "assigned_at"]
    list_filter = ["role", "organization"]
    search_fields = ["user__username", "user__last_name"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the journal is written by the services alone."""

    list_display = ["created_at", "organization", "label", "actor", "action"]
    list_filter = ["action"]
    search_fields = ["label", "action"]
    list_select_related = ["organization", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Security (issue 13): the admin is for staff accounts that hold the administrator role ---
def _admin_site_has_permission(request) -> bool:
    """Staff flag alone is not enough: a superuser, or a holder of the Администратор role."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    return RoleAssignment.objects.filter(
        user=user, role=Role.ADMIN, organization__is_active=True
    ).exists()


admin.site.has_permission = _admin_site_has_permission


from core import admin_notifications  # noqa: E402,F401  (registers the mail admin)
from core.lockouts import register_admin as _register_lockouts  # noqa: E402

_register_lockouts()  # wrong passwords and locks, in Russian, with «Снять блокировку»
