from django.contrib import admin

from region.models import OrganizationSummary


@admin.register(OrganizationSummary)
class OrganizationSummaryAdmin(admin.ModelAdmin):
    list_display = ["organization", "start_year", "stage_number", "roadmap_percent", "refreshed_at"]
    list_filter = ["start_year", "organization__municipality"]
    search_fields = ["organization__short_name"]
