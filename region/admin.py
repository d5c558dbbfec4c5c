from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from region.models import Job, OrganizationSummary


@admin.register(OrganizationSummary)
class OrganizationSummaryAdmin(admin.ModelAdmin):
    list_display = ["organization", "start_year", "stage_number", "roadmap_percent", "refreshed_at"]
    list_filter = ["start_year", "organization__municipality"]
    search_fields = ["organization__short_name"]


@admin.register(Job)
class JobAdmin(SimpleHistoryAdmin):
    list_display = ["kind", "municipality", "created_by", "status", "done", "total", "created_at"]
    list_filter = ["kind", "status"]
    exclude = ["result"]
