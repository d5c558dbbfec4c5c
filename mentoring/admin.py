"""The Django admin of staff, banks, pairs, consents and requests, with their history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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


@admin.register(StaffMember)
class StaffMemberAdmin(SimpleHistoryAdmin):
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


@admin.register(Pair)
class PairAdmin(SimpleHistoryAdmin):
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
