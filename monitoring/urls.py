from django.urls import path

from monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("breakdown/", views.breakdown, name="breakdown"),
    path("templates/", views.template_list, name="template-list"),
    path("templates/new/", views.template_create, name="template-create"),
    path("templates/<int:pk>/", views.template_detail, name="template-detail"),
    path("templates/<int:pk>/edit/", views.template_update, name="template-update"),
    path("templates/<int:pk>/questions/add/", views.question_create, name="question-create"),
    path("questions/<int:pk>/edit/", views.question_update, name="question-update"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question-delete"),
    path("questions/<int:pk>/move/", views.question_move, name="question-move"),
    path("versions/<int:pk>/", views.version_detail, name="version-detail"),
    path("assignments/", views.assignment_list, name="assignment-list"),
    path("assignments/new/", views.assignment_create, name="assignment-create"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment-detail"),
    path("assignments/<int:pk>/remind/", views.assignment_remind, name="assignment-remind"),
    path("my/", views.my_surveys, name="my-surveys"),
    path("responses/<int:pk>/", views.response_fill, name="response-fill"),
    path("responses/<int:pk>/answer/", views.answer_save, name="answer-save"),
    path("responses/<int:pk>/submit/", views.response_submit, name="response-submit"),
    path("responses/<int:pk>/view/", views.response_detail, name="response-detail"),
    path("report/", views.report_detail, name="report-detail"),
    path("report/save/", views.report_save, name="report-save"),
    path("report/pdf/", views.report_pdf, name="report-pdf"),
    path("report/send/", views.report_send, name="report-send"),
    path("report/<int:pk>/approve/", views.report_approve, name="report-approve"),
    path("report/<int:pk>/signed.pdf", views.report_signed_pdf, name="report-signed-pdf"),
    path("verify/report/<str:code>/", views.report_verify, name="report-verify"),
    path("export/statistics.xlsx", views.export_xlsx, name="export-xlsx"),
    path("export/statistics.csv", views.export_csv, name="export-csv"),
]
