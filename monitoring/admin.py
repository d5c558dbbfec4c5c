"""Monitoring models in the Django admin, with their history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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
admin.site.register(CycleReport, SimpleHistoryAdmin)
