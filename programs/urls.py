from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="program-list"),
    path("new/", views.program_create, name="program-create"),
    path("approval-order/", views.approval_order_prepare, name="approval-order-prepare"),
    path("<int:pk>/", views.program_detail, name="program-detail"),
    path("<int:pk>/edit/", views.program_edit, name="program-edit"),
    path("<int:pk>/pdf/", views.program_pdf, name="program-pdf"),
    path("<int:pk>/rows/add/", views.row_add, name="row-add"),
    path("<int:pk>/rows/from-requests/", views.fill_from_requests, name="row-fill"),
    path("<int:pk>/agree/", views.program_agree, name="program-agree"),
    path("<int:pk>/review/", views.program_review, name="program-review"),
    path("<int:pk>/return/", views.program_return, name="program-return"),
    path("<int:pk>/start/", views.program_start, name="program-start"),
    path("<int:pk>/complete/", views.program_complete, name="program-complete"),
    path("<int:pk>/meetings/add/", views.meeting_add, name="meeting-add"),
    path("<int:pk>/changes/propose/", views.change_propose, name="change-propose"),
    path("rows/<int:pk>/", views.row_show, name="row-show"),
    path("rows/<int:pk>/edit/", views.row_edit, name="row-edit"),
    path("rows/<int:pk>/save/", views.row_save, name="row-save"),
    path("rows/<int:pk>/delete/", views.row_delete, name="row-delete"),
    path("rows/<int:pk>/evidence/", views.row_evidence, name="row-evidence"),
    path("meetings/<int:pk>/ics/", views.meeting_ics, name="meeting-ics"),
    path("calendar/", views.calendar_settings, name="calendar-settings"),
    path("calendar/reset/", views.calendar_reset, name="calendar-reset"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("changes/<int:pk>/agree/", views.change_agree, name="change-agree"),
    path("changes/<int:pk>/accept/", views.change_accept, name="change-accept"),
    path("changes/<int:pk>/reject/", views.change_reject, name="change-reject"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case-edit"),
    path("cases/<int:pk>/publish/", views.case_publish, name="case-publish"),
    path("cases/<int:pk>/pdf/", views.case_pdf, name="case-pdf"),
    path("templates/", views.template_list, name="template-list"),
    path("templates/new/", views.template_edit, name="template-create"),
    path("templates/<int:pk>/", views.template_edit, name="template-edit"),
]
