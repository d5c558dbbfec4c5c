from django.urls import path

from core.signing import views as signing
from monitoring.views import indicators, report, surveys

app_name = "monitoring"

urlpatterns = [
    path("", indicators.dashboard_view, name="dashboard"),
    path("breakdown/", indicators.breakdown, name="breakdown"),
    path("templates/", surveys.template_list, name="template-list"),
    path("templates/new/", surveys.template_create, name="template-create"),
    path("templates/<int:pk>/", surveys.template_detail, name="template-detail"),
    path("templates/<int:pk>/edit/", surveys.template_update, name="template-update"),
    path("templates/<int:pk>/questions/add/", surveys.question_create, name="question-create"),
    path("questions/<int:pk>/edit/", surveys.question_update, name="question-update"),
    path("questions/<int:pk>/delete/", surveys.question_delete, name="question-delete"),
    path("questions/<int:pk>/move/", surveys.question_move, name="question-move"),
    path("versions/<int:pk>/", surveys.version_detail, name="version-detail"),
    path("assignments/", surveys.assignment_list, name="assignment-list"),
    path("assignments/new/", surveys.assignment_create, name="assignment-create"),
    path("assignments/<int:pk>/", surveys.assignment_detail, name="assignment-detail"),
    path("assignments/<int:pk>/remind/", surveys.assignment_remind, name="assignment-remind"),
    path("my/", surveys.my_surveys, name="my-surveys"),
    path("responses/<int:pk>/", surveys.response_fill, name="response-fill"),
    path("responses/<int:pk>/answer/", surveys.answer_save, name="answer-save"),
    path("responses/<int:pk>/submit/", surveys.response_submit, name="response-submit"),
    path("responses/<int:pk>/view/", surveys.response_detail, name="response-detail"),
    path("report/", report.report_detail, name="report-detail"),
    path("report/save/", report.report_save, name="report-save"),
    path("report/pdf/", report.report_pdf, name="report-pdf"),
    path("report/send/", report.report_send, name="report-send"),
    path("report/<int:pk>/approve/", report.report_approve, name="report-approve"),
    path(
        "report/<int:pk>/signed.pdf",
        signing.signed_pdf,
        {"kind": "report"},
        name="report-signed-pdf",
    ),
    # The address printed in QR codes before signing became one capability.
    path("verify/report/<str:code>/", signing.verify, {"kind": "report"}, name="report-verify"),
    path("export/statistics.xlsx", report.export_xlsx, name="export-xlsx"),
    path("export/statistics.csv", report.export_csv, name="export-csv"),
]
