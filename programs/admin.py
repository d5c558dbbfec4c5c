from django.contrib import admin

from core.admin_export import (
    RegisterExportMixin,
    RegisterResource,
    choice,
    day,
    names,
    number,
    text,
)
from core.admin_history import SimpleHistoryAdmin
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


class ProgramResource(RegisterResource):
    title = text("Название", "title")
    mentors = names("Наставники", "pair__mentors")
    mentees = names("Наставляемые", "pair__mentees")
    status = choice("Статус", "status")
    starts_on = day("Начало", "starts_on")
    ends_on = day("Окончание", "ends_on")
    version = number("Версия", "version")
    approval_order_number = text("Номер приказа об утверждении", "approval_order_number")
    approval_order_date = day("Дата приказа об утверждении", "approval_order_date")
    organization = text("Организация", "organization__short_name")

    class Meta:
        model = Program
        fields = (
            "title",
            "mentors",
            "mentees",
            "status",
            "starts_on",
            "ends_on",
            "version",
            "approval_order_number",
            "approval_order_date",
            "organization",
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("organization", "pair")


@admin.register(Program)
class ProgramAdmin(RegisterExportMixin, SimpleHistoryAdmin):
    resource_classes = [ProgramResource]
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
