"""Access-matrix rows for the pages of the monitoring app."""

from django.urls import reverse

from tests.access_table import (
    AD,
    CO,
    ME,
    MR,
    OUT,
    A,
    C,
    D,
    Row,
    everyone,
    gone,
    latest,
    managers_only,
    refused_with,
    this,
    url,
)


def curator_only(curator=200, outsider=404, others=403) -> dict:
    """Only the curator of the organization; the outsider is a curator elsewhere."""
    return {
        A: "login",
        D: others,
        C: curator,
        CO: others,
        AD: others,
        MR: others,
        ME: others,
        OUT: outsider,
    }


def _assignment(request):
    from mentoring.models import Pair, PairStatus
    from monitoring.models import SurveyKind
    from tests.monitoring.factories import assign

    users, org = request.getfixturevalue("users"), request.getfixturevalue("org")
    pair = Pair.objects.create(organization=org, status=PairStatus.ACTIVE)
    pair.mentors.add(users["mentor"].staff_records.get())
    pair.mentees.add(users["mentee"].staff_records.get())
    return assign(org, SurveyKind.SATISFACTION_MENTEE, pairs=[pair], author=users["curator"])


def _report(request, status: str, **extra):
    from monitoring.models import CycleReport
    from monitoring.periods import current_year

    org = request.getfixturevalue("org")
    return CycleReport.objects.create(
        organization=org, year_start=current_year().start_year, status=status, **extra
    )


def _report_still(status: str) -> None:
    from monitoring.models import CycleReport

    assert CycleReport.objects.order_by("-pk").first().status == status


def _approved_report(request):
    return _report(
        request,
        "approved",
        approver_name="Иванова Мария Петровна",
        verify_code="RePoRtCoDe123456",
        pdf=b"%PDF-1.7",
        pdf_sha256="0" * 64,
    )


def _report_url(name: str, status: str):
    return lambda request: reverse(name, args=[_report(request, status).pk])


def _template(request):
    return _assignment(request).version.template


def _question(request):
    return _template(request).questions.order_by("position").last()


def _response(request):
    return _assignment(request).responses.get()


def obj(name, getter):
    return lambda request: reverse(name, args=[getter(request).pk])


def _has_one_below(pk) -> bool:
    from monitoring.models import Question

    question = Question.objects.get(pk=pk)
    return question.template.questions.filter(position__gt=question.position).exists()


def _answer_data(request):
    return {}


QUESTION = {
    "text": "Новый вопрос",
    "kind": "scale5",
    "options": "",
    "required": "on",
    "measure": "",
}
OWNER_ONLY = {A: "login", D: 404, C: 404, CO: 404, AD: 404, MR: 404, ME: 200, OUT: 404}
# Exports and the report are made by the worker: allowed people are sent to the job's page.
EXPORT_JOB = {A: "login", D: 302, C: 302, CO: 403, AD: 302, MR: 403, ME: 403, OUT: 302}
REPORT_JOB = {A: "login", D: 302, C: 302, CO: 302, AD: 302, MR: 403, ME: 403, OUT: 302}

ROWS: dict[str, Row] = {
    "monitoring:dashboard": Row(url("monitoring:dashboard"), managers_only(outsider=200)),
    "monitoring:breakdown": Row(
        lambda request: reverse("monitoring:breakdown") + "?what=mentees",
        managers_only(outsider=200),
    ),
    "monitoring:template-list": Row(url("monitoring:template-list"), managers_only(outsider=200)),
    "monitoring:template-create": Row(
        url("monitoring:template-create"), curator_only(outsider=200)
    ),
    "monitoring:template-detail": Row(
        obj("monitoring:template-detail", _template), managers_only()
    ),
    "monitoring:template-update": Row(
        obj("monitoring:template-update", _template),
        curator_only(curator=302),
        method="post",
        data={
            "title": "Удовлетворённость наставничеством, 2026",
            "kind": "satisfaction_mentee",
            "description": "",
        },
        check=this("monitoring.SurveyTemplate", "title", "Удовлетворённость наставничеством, 2026"),
    ),
    "monitoring:question-create": Row(
        obj("monitoring:question-create", _template),
        curator_only(curator=302),
        method="post",
        data=QUESTION,
        check=latest("monitoring.Question", "text", "Новый вопрос"),
    ),
    "monitoring:question-update": Row(obj("monitoring:question-update", _question), curator_only()),
    "monitoring:question-delete": Row(
        obj("monitoring:question-delete", _question),
        curator_only(curator=302),
        method="post",
        check=gone("monitoring.Question"),
    ),
    "monitoring:question-move": Row(
        obj("monitoring:question-move", _question),
        curator_only(curator=302),
        method="post",
        data={"direction": "up"},
        # The last question moves up: a question comes after it only when the move was made.
        check=this("monitoring.Question", "pk", _has_one_below),
    ),
    "monitoring:version-detail": Row(
        lambda request: reverse(
            "monitoring:version-detail", args=[_assignment(request).version_id]
        ),
        managers_only(),
    ),
    "monitoring:assignment-list": Row(
        url("monitoring:assignment-list"), managers_only(outsider=200)
    ),
    "monitoring:assignment-create": Row(
        url("monitoring:assignment-create"), curator_only(outsider=200)
    ),
    "monitoring:assignment-detail": Row(
        obj("monitoring:assignment-detail", _assignment), managers_only()
    ),
    "monitoring:assignment-remind": Row(
        obj("monitoring:assignment-remind", _assignment),
        curator_only(curator=302),
        method="post",
        # The mentee who has not answered gets a reminder; nobody else can send one.
        check=latest("core.OutgoingEmail", "kind", "survey_deadline"),
    ),
    "monitoring:my-surveys": Row(url("monitoring:my-surveys"), everyone()),
    "monitoring:response-fill": Row(obj("monitoring:response-fill", _response), OWNER_ONLY),
    "monitoring:answer-save": Row(
        obj("monitoring:answer-save", _response),
        OWNER_ONLY,
        method="post",
        data={"question": "0", "q0": "5"},
    ),
    # Sending with nothing answered: the owner gets the form back with the missing questions.
    "monitoring:response-submit": Row(
        obj("monitoring:response-submit", _response),
        {**OWNER_ONLY, ME: 400},
        method="post",
        check=refused_with(
            "Анкета не отправлена: ответьте на отмеченные вопросы.",
            "monitoring.SurveyResponse",
            "status",
            "draft",
        ),
    ),
    "monitoring:response-detail": Row(
        obj("monitoring:response-detail", _response),
        {A: "login", D: 200, C: 200, CO: 403, AD: 403, MR: 404, ME: 200, OUT: 404},
    ),
    "monitoring:report-detail": Row(url("monitoring:report-detail"), managers_only(outsider=200)),
    "monitoring:report-save": Row(
        url("monitoring:report-save"),
        curator_only(curator=302, outsider=302),
        method="post",
        data={"conclusions": "Цели программ достигнуты."},
        check=latest("monitoring.CycleReport", "conclusions", "Цели программ достигнуты."),
    ),
    "monitoring:report-pdf": Row(url("monitoring:report-pdf"), REPORT_JOB),
    "monitoring:report-send": Row(
        url("monitoring:report-send"),
        curator_only(curator=302, outsider=302),
        method="post",
        check=latest("monitoring.CycleReport", "status", "sent"),
    ),
    # A wrong (empty) password only shows a message: the report stays sent.
    "monitoring:report-approve": Row(
        _report_url("monitoring:report-approve", "sent"),
        {**curator_only(curator=403, outsider=403), D: 302},
        method="post",
        check=lambda request, persona, response: _report_still("sent"),
    ),
    "monitoring:report-signed-pdf": Row(
        lambda request: reverse(
            "monitoring:report-signed-pdf", args=[_approved_report(request).pk]
        ),
        managers_only(),
    ),
    "monitoring:report-verify": Row(
        lambda request: reverse(
            "monitoring:report-verify", args=[_approved_report(request).verify_code]
        ),
        everyone(anonymous=200),
    ),
    "monitoring:export-xlsx": Row(url("monitoring:export-xlsx"), EXPORT_JOB),
    "monitoring:export-csv": Row(url("monitoring:export-csv"), EXPORT_JOB),
}
