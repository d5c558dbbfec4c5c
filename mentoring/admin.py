"""The Django admin for organizations, staff, users and roles, with their history."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin_export import (
    RegisterExportMixin,
    RegisterResource,
    choice,
    day,
    moment,
    names,
    number,
    text,
    yes_no,
)
from mentoring.models import (
    AuditEntry,
    ChangeRequest,
    Consent,
    MenteeProfile,
    MenteeRequest,
    MentorProfile,
    MunicipalCoordinator,
    Municipality,
    Organization,
    Pair,
    PairForm,
    RoleAssignment,
    StaffImportSettings,
    StaffMember,
    TrainingSession,
    User,
)
from mentoring.text import fold


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


class StaffMemberResource(RegisterResource):
    last_name = text("Фамилия", "last_name")
    first_name = text("Имя", "first_name")
    middle_name = text("Отчество", "middle_name")
    personnel_number = text("Табельный номер", "personnel_number")
    position = choice("Должность", "position")
    qualification_category = choice("Квалификационная категория", "qualification_category")
    teaching_experience_years = number("Педагогический стаж, лет", "teaching_experience_years")
    date_hired = day("Дата приёма на работу", "date_hired")
    email = text("Электронная почта", "email")
    phone = text("Телефон", "phone")
    organization = text("Организация", "organization__short_name")
    is_active = text("Работает", "is_active")

    class Meta:
        model = StaffMember
        fields = (
            "last_name",
            "first_name",
            "middle_name",
            "personnel_number",
            "position",
            "qualification_category",
            "teaching_experience_years",
            "date_hired",
            "email",
            "phone",
            "organization",
            "is_active",
        )

    def dehydrate_is_active(self, staff: StaffMember) -> str:
        return yes_no(staff.is_active)


@admin.register(StaffMember)
class StaffMemberAdmin(RegisterExportMixin, SimpleHistoryAdmin):
    resource_classes = [StaffMemberResource]
    list_display = [
        "last_name",
        "first_name",
        "middle_name",
        "position",
        "organization",
        "teaching_experience_years",
        "is_active",
    ]
    list_filter = ["organization", "position", "qualification_category", "is_active"]
    search_fields = ["search_name", "personnel_number"]
    autocomplete_fields = ["organization", "user"]
    list_select_related = ["organization"]

    def get_search_results(self, request, queryset, search_term):
        # search_name is stored folded; fold the term too, or Cyrillic case would not match.
        return super().get_search_results(request, queryset, fold(search_term))


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organization", "role", "assigned_at"]
    list_filter = ["role", "organization"]
    search_fields = ["user__username", "user__last_name"]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]


class PairFormInline(admin.TabularInline):
    model = PairForm
    extra = 0


class PairResource(RegisterResource):
    id = number("№", "pk")
    participants_form = choice("Форма по составу участников", "participants_form")
    mentors = names("Наставники", "mentors")
    mentees = names("Наставляемые", "mentees")
    request_text = text("Запрос", "request_text")
    status = choice("Статус", "status")
    created_at = moment("Создана", "created_at")
    fixed_at = moment("Закреплена", "fixed_at")
    closed_at = moment("Завершена", "closed_at")
    organization = text("Организация", "organization__short_name")

    class Meta:
        model = Pair
        fields = (
            "id",
            "participants_form",
            "mentors",
            "mentees",
            "request_text",
            "status",
            "created_at",
            "fixed_at",
            "closed_at",
            "organization",
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("organization").prefetch_related("mentors", "mentees")


@admin.register(Pair)
class PairAdmin(RegisterExportMixin, SimpleHistoryAdmin):
    resource_classes = [PairResource]
    list_display = ["__str__", "organization", "status", "created_at"]
    list_filter = ["status", "organization"]
    autocomplete_fields = ["organization", "mentors", "mentees"]
    inlines = [PairFormInline]


# --- banks, consents and requests ------------------------------------------------------------


class MenteeRequestInline(admin.TabularInline):
    model = MenteeRequest
    extra = 0


@admin.register(MenteeProfile)
class MenteeProfileAdmin(SimpleHistoryAdmin):
    list_display = ["staff", "organization", "category", "status"]
    list_filter = ["status", "category", "organization"]
    search_fields = ["staff__search_name"]
    autocomplete_fields = ["staff", "organization"]
    list_select_related = ["staff", "organization"]
    inlines = [MenteeRequestInline]


@admin.register(MentorProfile)
class MentorProfileAdmin(SimpleHistoryAdmin):
    list_display = ["staff", "organization", "status", "capacity", "hours_per_week"]
    list_filter = ["status", "organization"]
    search_fields = ["staff__search_name"]
    autocomplete_fields = ["staff", "organization"]
    list_select_related = ["staff", "organization"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "held_on", "organization"]
    list_filter = ["organization"]
    filter_horizontal = ["attendees"]


@admin.register(Consent)
class ConsentAdmin(SimpleHistoryAdmin):
    list_display = ["staff", "kind", "text_version", "given_at", "withdrawn_at", "organization"]
    list_filter = ["kind", "organization"]
    search_fields = ["staff__search_name"]
    list_select_related = ["staff", "organization"]
    readonly_fields = [
        "text",
        "text_version",
        "given_at",
        "recorded_by",
        "withdrawn_at",
        "withdrawn_by",
    ]


@admin.register(ChangeRequest)
class ChangeRequestAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "author", "status", "created_at", "organization"]
    list_filter = ["kind", "status", "organization"]
    list_select_related = ["author", "organization"]


@admin.register(StaffImportSettings)
class StaffImportSettingsAdmin(SimpleHistoryAdmin):
    """The remembered column mapping and chosen values of each organization's staff lists.

    Staff lists are imported on the curator's page (``mentoring:staff-import``) or with
    ``manage.py import_staff``; both read values through ``mentoring.staff_import``.
    """

    list_display = ["organization", "updated_at"]
    autocomplete_fields = ["organization"]


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
    from mentoring.models import Role

    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    return RoleAssignment.objects.filter(
        user=user, role=Role.ADMIN, organization__is_active=True
    ).exists()


admin.site.has_permission = _admin_site_has_permission


from mentoring import admin_notifications  # noqa: E402,F401  (registers the mail admin)
