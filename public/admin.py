from django.contrib import admin

from core.admin_history import SimpleHistoryAdmin
from public.models import FinalEvent, NewsItem, PublicFile, PublicSettings


@admin.register(PublicSettings)
class PublicSettingsAdmin(SimpleHistoryAdmin):
    list_display = ("organization", "curator_contact", "updated_at")


@admin.register(NewsItem)
class NewsItemAdmin(SimpleHistoryAdmin):
    list_display = ("title", "organization", "published_at")
    list_filter = ("organization",)
    exclude = ("image",)


@admin.register(PublicFile)
class PublicFileAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "level", "organization", "published_at")
    list_filter = ("kind", "level")
    exclude = ("content",)


@admin.register(FinalEvent)
class FinalEventAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "held_on", "organization")
