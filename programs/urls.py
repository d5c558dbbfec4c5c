from django.urls import path

from programs import (
    views,
    views_cases,
    views_changes,
    views_meetings,
    views_plan,
    views_templates,
)

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="program-list"),
    path("new/", views.program_create, name="program-create"),
    path("approval-order/", views.approval_order_prepare, name="approval-order-prepare"),
    path("<int:pk>/", views.program_detail, name="program-detail"),
    path("<int:pk>/edit/", views.program_edit, name="program-edit"),
    path("<int:pk>/pdf/", views.program_pdf, name="program-pdf"),
    path("<int:pk>/rows/add/", views_plan.row_add, name="row-add"),
    path("<int:pk>/rows/from-requests/", views_plan.fill_from_requests, name="row-fill"),
    path("<int:pk>/agree/", views.program_agree, name="program-agree"),
    path("<int:pk>/review/", views.program_review, name="program-review"),
    path("<int:pk>/return/", views.program_return, name="program-return"),
    path("<int:pk>/start/", views.program_start, name="program-start"),
    path("<int:pk>/complete/", views.program_complete, name="program-complete"),
    path("<int:pk>/meetings/add/", views_meetings.meeting_add, name="meeting-add"),
    path("<int:pk>/changes/propose/", views_changes.change_propose, name="change-propose"),
    path("rows/<int:pk>/", views_plan.row_show, name="row-show"),
    path("rows/<int:pk>/edit/", views_plan.row_edit, name="row-edit"),
    path("rows/<int:pk>/save/", views_plan.row_save, name="row-save"),
    path("rows/<int:pk>/delete/", views_plan.row_delete, name="row-delete"),
    path("rows/<int:pk>/evidence/", views_plan.row_evidence, name="row-evidence"),
    path("meetings/<int:pk>/ics/", views_meetings.meeting_ics, name="meeting-ics"),
    path("calendar/", views_meetings.calendar_settings, name="calendar-settings"),
    path("calendar/reset/", views_meetings.calendar_reset, name="calendar-reset"),
    path("calendar/<str:token>.ics", views_meetings.calendar_feed, name="calendar-feed"),
    path("changes/<int:pk>/agree/", views_changes.change_agree, name="change-agree"),
    path("changes/<int:pk>/accept/", views_changes.change_accept, name="change-accept"),
    path("changes/<int:pk>/reject/", views_changes.change_reject, name="change-reject"),
    path("cases/<int:pk>/", views_cases.case_detail, name="case-detail"),
    path("cases/<int:pk>/edit/", views_cases.case_edit, name="case-edit"),
    path("cases/<int:pk>/publish/", views_cases.case_publish, name="case-publish"),
    path("cases/<int:pk>/pdf/", views_cases.case_pdf, name="case-pdf"),
    path("templates/", views_templates.template_list, name="template-list"),
    path("templates/new/", views_templates.template_edit, name="template-create"),
    path("templates/<int:pk>/", views_templates.template_edit, name="template-edit"),
]
