"""Admin for outgoing letters, notification preferences and background jobs."""

from django.contrib import admin

from core.admin_export import RegisterExportMixin, RegisterResource, choice, moment, number, text
from core.admin_history import SimpleHistoryAdmin
from core.models import BackgroundJob, NotificationPreference, OutgoingEmail


class OutgoingEmailResource(RegisterResource):
    created_at = moment("Создано", "created_at")
    to_email = text("Адрес", "to_email")
    subject = text("Тема", "subject")
    kind = choice("Вид", "kind")
    status = choice("Состояние", "status")
    attempts = number("Попыток", "attempts")
    sent_at = moment("Отправлено", "sent_at")
    last_error = text("Последняя ошибка", "last_error")
    organization = text("Организация", "organization__short_name")

    class Meta:
        model = OutgoingEmail
        fields = (
            "created_at",
            "to_email",
            "subject",
            "kind",
            "status",
            "attempts",
            "sent_at",
            "last_error",
            "organization",
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("organization")


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(RegisterExportMixin, SimpleHistoryAdmin):
    resource_classes = [OutgoingEmailResource]
    list_display = ("created_at", "to_email", "kind", "status", "attempts", "organization")
    list_filter = ("status", "kind")
    search_fields = ("to_email", "subject")
    readonly_fields = ("created_at", "updated_at", "sent_at")
    raw_id_fields = ("recipient", "organization")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(SimpleHistoryAdmin):
    list_display = ("user", "kind", "enabled")
    list_filter = ("kind", "enabled")
    raw_id_fields = ("user",)


@admin.register(BackgroundJob)
class BackgroundJobAdmin(SimpleHistoryAdmin):
    list_display = (
        "created_at",
        "title",
        "kind",
        "status",
        "progress",
        "organization",
        "municipality",
    )
    list_filter = ("status", "kind")
    search_fields = ("title",)
    readonly_fields = ("created_at", "started_at", "finished_at")
    raw_id_fields = ("requested_by", "organization", "municipality")

    def view_on_site(self, obj):
        # A municipality's job has its page in the region app; the admin offers none for it.
        return obj.get_absolute_url() if obj.organization_id else None
