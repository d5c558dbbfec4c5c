"""Monitoring models in the Django admin, with their history."""

from django.contrib import admin

from core.admin_history import SimpleHistoryAdmin
from monitoring.models import (
    Answer,
    CycleReport,
    Question,
    SurveyAssignment,
    SurveyResponse,
    SurveyTemplate,
    SurveyVersion,
    TextAnswer,
)


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(SurveyTemplate)
class SurveyTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "organization"]
    list_filter = ["kind"]
    inlines = [QuestionInline]


@admin.register(SurveyVersion)
class SurveyVersionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "number", "template", "created_at"]


@admin.register(SurveyAssignment)
class SurveyAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["version", "moment", "deadline", "organization"]
    list_filter = ["moment"]


@admin.register(SurveyResponse)
class SurveyResponseAdmin(SimpleHistoryAdmin):
    list_display = ["staff", "assignment", "status", "submitted_at"]
    list_filter = ["status"]
    raw_id_fields = ["assignment", "pair", "staff"]


admin.site.register(Question, SimpleHistoryAdmin)
admin.site.register(Answer, SimpleHistoryAdmin)
admin.site.register(TextAnswer, SimpleHistoryAdmin)


@admin.register(CycleReport)
class CycleReportAdmin(SimpleHistoryAdmin):
    """Read-only once approved: the stored PDF is what the director approved."""

    list_display = ["__str__", "status", "approved_at"]
    exclude = ["pdf"]
    readonly_fields = ["approved_at", "approved_by", "approver_name", "verify_code", "pdf_sha256"]

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_approved
