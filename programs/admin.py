from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from programs.models import (
    CalendarToken,
    Case,
    Meeting,
    PlanRow,
    Program,
    ProgramAgreement,
    ProgramChange,
    ProgramTemplate,
    TemplateRow,
)


class PlanRowInline(admin.TabularInline):
    model = PlanRow
    extra = 0
    fields = ("position", "direction", "event", "deadline", "status", "version")


@admin.register(Program)
class ProgramAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "organization", "status", "starts_on", "ends_on", "version")
    list_filter = ("status",)
    raw_id_fields = ("pair", "template")
    inlines = [PlanRowInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("pair__mentors", "pair__mentees")


@admin.register(CalendarToken)
class CalendarTokenAdmin(SimpleHistoryAdmin):
    list_display = ("user", "created_at")
    exclude = ("token",)  # the secret is the person's own; the admin only sees that it exists
    raw_id_fields = ("user",)


for model in (
    PlanRow,
    Meeting,
    ProgramAgreement,
    ProgramChange,
    Case,
    ProgramTemplate,
    TemplateRow,
):
    admin.site.register(model, SimpleHistoryAdmin)
