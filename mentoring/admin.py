"""The Django admin of staff, banks, pairs, consents and requests, with their history."""

from django.contrib import admin

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
from core.admin_history import SimpleHistoryAdmin
from core.text import fold
from mentoring.models import (
    ChangeRequest,
    Consent,
    MenteeProfile,
    MenteeRequest,
    MentorProfile,
    Pair,
    PairForm,
    StaffImportSettings,
    StaffMember,
    TrainingSession,
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
