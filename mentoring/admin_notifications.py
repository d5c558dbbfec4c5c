"""Admin for outgoing letters and notification preferences."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mentoring.models import NotificationPreference, OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(SimpleHistoryAdmin):
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
