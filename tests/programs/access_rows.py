"""Access-matrix rows for the pages of the programs app."""

import datetime as dt

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
    refused_with,
    stored_nothing,
    this,
)

VIEWERS = {A: "login", D: 200, C: 200, MR: 200, ME: 200, CO: 200, AD: 200, OUT: 404}


def _status(ok, *, allowed, outsider=404, denied=403):
    result = {A: "login", OUT: outsider}
    for persona in (D, C, MR, ME, CO, AD):
        result[persona] = ok if persona in allowed else denied
    return result


def _program(request, status="draft"):
    from tests.programs.factories import fixed_pair, make_program

    org, users = request.getfixturevalue("org"), request.getfixturevalue("users")
    pair = fixed_pair(org, users["mentor"], users["mentee"], request_text="Работа с родителями")
    return make_program(pair, status=status)


def program_url(name, status="draft"):
    return lambda request: reverse(name, args=[_program(request, status).pk])


def row_url(name, status="draft"):
    return lambda request: reverse(name, args=[_program(request, status).rows.first().pk])


def _council_decision_data(request):
    from roadmap.models import CouncilDecision
    from tests.roadmap.access_rows import _council_meeting

    meeting = _council_meeting(request, signed=True)
    decision = CouncilDecision.objects.create(
        meeting=meeting, position=1, text="Рекомендовать программу к утверждению."
    )
    return {"decision": decision.pk}


def meeting_url(name):
    def build(request):
        from programs.models import Meeting

        program = _program(request, "in_progress")
        meeting = Meeting.objects.create(
            program=program, held_on=program.starts_on, topic="Знакомство", duration_minutes=45
        )
        return reverse(name, args=[meeting.pk])

    return build


def change_url(name, status="proposed"):
    def build(request):
        from programs.models import ProgramChange

        program = _program(request, "in_progress")
        change = ProgramChange.objects.create(
            program=program,
            kind="plan",
            reason="Нужна ещё одна консультация",
            description="Добавить консультацию",
            proposed_by=request.getfixturevalue("users")["mentor"],
            status=status,
        )
        return reverse(name, args=[change.pk])

    return build


def case_url(name):
    def build(request):
        from programs.services import case_prefill

        program = _program(request, "completed")
        return reverse(name, args=[case_prefill(program=program).pk])

    return build


def template_url(request):
    from programs.models import ProgramTemplate

    template = ProgramTemplate.objects.create(
        organization=request.getfixturevalue("org"), title="Молодой специалист, первый год"
    )
    return reverse("programs:template-edit", args=[template.pk])


def _own_calendar_link(request, persona, response):
    """After a reset the persona has a calendar link of her own; refused, nobody has one."""
    from programs.models import CalendarToken
    from tests.access_table import was_allowed

    users = request.getfixturevalue("users")
    mine = persona in users and CalendarToken.objects.filter(user=users[persona]).exists()
    assert mine == was_allowed(response), f"as {persona}: link {mine}"


def url(name):
    return lambda request: reverse(name)


def feed_url(request):
    from programs.calendar import calendar_token_get

    user = request.getfixturevalue("users")["mentor"]
    return reverse("programs:calendar-feed", args=[calendar_token_get(user=user).token])


EDITORS = {C, CO, MR, ME}
PARTS = {MR, ME}

ROWS: dict[str, Row] = {
    "programs:program-list": Row(url("programs:program-list"), everyone()),
    "programs:program-create": Row(
        url("programs:program-create"), _status(200, allowed={MR, C, CO}, outsider=200)
    ),
    "programs:approval-order-prepare": Row(
        url("programs:approval-order-prepare"),
        _status(302, allowed={C}, outsider=302),
        method="post",
        # No reviewed program in the matrix set-up: no order is drafted, the curator is told.
        check=stored_nothing("roadmap.Order", "Нет проверенных программ: утверждать пока нечего."),
    ),
    "programs:program-detail": Row(program_url("programs:program-detail"), VIEWERS),
    "programs:program-edit": Row(
        program_url("programs:program-edit"), _status(200, allowed=EDITORS)
    ),
    "programs:program-pdf": Row(program_url("programs:program-pdf"), VIEWERS),
    "programs:row-add": Row(
        program_url("programs:row-add"),
        _status(302, allowed=EDITORS),
        method="post",
        data=lambda request: {
            "add-direction": "psychology",
            "add-event": "Консультация по общению с родителями",
            "add-event_form": "консультация",
            "add-deadline": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
            "add-expected_result": "Памятка для родителей группы",
        },
        check=latest("programs.PlanRow", "event", "Консультация по общению с родителями"),
    ),
    "programs:row-fill": Row(
        program_url("programs:row-fill"),
        _status(302, allowed=EDITORS),
        method="post",
        # The mentee's request «Работа с родителями» becomes the plan's newest event.
        check=latest("programs.PlanRow", "event", lambda event: "Работа с родителями" in event),
    ),
    "programs:program-agree": Row(
        program_url("programs:program-agree"),
        _status(302, allowed=PARTS),
        method="post",
        check=latest("programs.ProgramAgreement", "pk", lambda pk: pk is not None),
    ),
    "programs:program-review": Row(
        program_url("programs:program-review", "agreed"),
        _status(302, allowed={C}),
        method="post",
        check=latest("programs.Program", "status", "reviewed"),
    ),
    "programs:program-return": Row(
        program_url("programs:program-return", "agreed"),
        _status(302, allowed={C}),
        method="post",
        data={"comment": "Уточните сроки"},
        check=latest("programs.Program", "status", "draft"),
    ),
    "programs:program-start": Row(
        program_url("programs:program-start", "approved"),
        _status(302, allowed={C, MR, ME}),
        method="post",
        check=latest("programs.Program", "status", "in_progress"),
    ),
    "programs:program-complete": Row(
        program_url("programs:program-complete", "in_progress"),
        _status(302, allowed={C}),
        method="post",
        check=refused_with(
            "В плане остались невыполненные мероприятия",
            "programs.Program",
            "status",
            "in_progress",
        ),
    ),
    # The curator and council members attach a decision of a signed council protocol.
    "programs:council-decision-link": Row(
        program_url("programs:council-decision-link", "in_progress"),
        _status(302, allowed=(C, CO)),
        method="post",
        data=_council_decision_data,
        check=latest("programs.ProgramCouncilDecision", "program_id", lambda pk: pk is not None),
    ),
    "programs:meeting-add": Row(
        program_url("programs:meeting-add", "in_progress"),
        _status(302, allowed=PARTS),
        method="post",
        data=lambda request: {
            "held_on": dt.date.today().isoformat(),
            "start_time": "15:30",
            "duration_minutes": "45",
            "format": "offline",
            "place": "Методический кабинет",
            "topic": "Разбор открытого занятия",
            "notes": "",
        },
        check=latest("programs.Meeting", "topic", "Разбор открытого занятия"),
    ),
    "programs:change-propose": Row(
        program_url("programs:change-propose", "in_progress"),
        # The participants propose an extension; the curator's form refuses it (422), nothing kept.
        {**_status(302, allowed={MR, ME}), C: 422},
        method="post",
        data={
            "kind": "extend",
            "reason": "Наставляемая была на больничном три недели.",
            "new_ends_on": "2031-05-31",
        },
        check=latest(
            "programs.ProgramChange", "reason", "Наставляемая была на больничном три недели."
        ),
    ),
    "programs:row-show": Row(row_url("programs:row-show"), VIEWERS),
    "programs:row-edit": Row(row_url("programs:row-edit"), _status(200, allowed=EDITORS)),
    "programs:row-save": Row(
        row_url("programs:row-save"),
        _status(302, allowed=EDITORS),
        method="post",
        data=lambda request: {
            "version": "1",
            "direction": "methods",
            "event": "Открытое занятие по ФОП ДО",
            "event_form": "открытое занятие",
            "deadline": (dt.date.today() + dt.timedelta(days=20)).isoformat(),
            "expected_result": "Конспект занятия",
        },
        check=this("programs.PlanRow", "event", "Открытое занятие по ФОП ДО"),
    ),
    "programs:row-delete": Row(
        row_url("programs:row-delete"),
        _status(302, allowed=EDITORS),
        method="post",
        check=gone("programs.PlanRow"),
    ),
    # A row without a file: nothing to download for anyone who may see the program.
    "programs:row-evidence": Row(row_url("programs:row-evidence"), everyone(404)),
    "programs:meeting-ics": Row(meeting_url("programs:meeting-ics"), VIEWERS),
    "programs:calendar-settings": Row(url("programs:calendar-settings"), everyone()),
    "programs:calendar-reset": Row(
        url("programs:calendar-reset"), everyone(302), method="post", check=_own_calendar_link
    ),
    # The feed is public: the secret in the URL is the only key, for every persona alike.
    "programs:calendar-feed": Row(feed_url, everyone(200, anonymous=200)),
    "programs:change-agree": Row(
        change_url("programs:change-agree"),
        _status(302, allowed=PARTS),
        method="post",
        check=latest("programs.ProgramChange", "status", "agreed", allowed_for={ME}),
    ),
    "programs:change-accept": Row(
        change_url("programs:change-accept", "agreed"),
        _status(302, allowed={C}),
        method="post",
        check=latest("programs.ProgramChange", "status", "applied"),
    ),
    "programs:change-reject": Row(
        change_url("programs:change-reject", "agreed"),
        _status(302, allowed={C}),
        method="post",
        check=latest("programs.ProgramChange", "status", "rejected"),
    ),
    "programs:case-detail": Row(case_url("programs:case-detail"), VIEWERS),
    "programs:case-edit": Row(case_url("programs:case-edit"), _status(200, allowed={C})),
    "programs:case-publish": Row(
        case_url("programs:case-publish"),
        _status(302, allowed={C}),
        method="post",
        check=refused_with("нет согласия на публикацию", "programs.Case", "is_published", False),
    ),
    "programs:case-pdf": Row(case_url("programs:case-pdf"), VIEWERS),
    "programs:template-list": Row(url("programs:template-list"), everyone()),
    "programs:template-create": Row(
        url("programs:template-create"), _status(200, allowed={C, CO}, outsider=200)
    ),
    "programs:template-edit": Row(template_url, _status(200, allowed={C, CO})),
}


def _activity(request, status="submitted"):
    from django.core.files.base import ContentFile

    from programs.models import Activity

    program = _program(request, "in_progress")
    mentee = program.pair.mentees.get()
    activity = Activity(
        organization=program.organization,
        program=program,
        staff=mentee,
        kind="course",
        title="КПК «Федеральная образовательная программа ДО»",
        happened_on=program.starts_on,
        level="regional",
        result="удостоверение",
        status=status,
    )
    activity.evidence_file.save("kpk.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    activity.save()
    return activity


def activity_url(name, status="submitted"):
    return lambda request: reverse(name, args=[_activity(request, status).pk])


def portfolio_url(request):
    staff = request.getfixturevalue("users")["mentee"].staff_records.get()
    return reverse("programs:portfolio", args=[staff.pk])


ROWS.update(
    {
        # Empty form: participants of a running program get it back with errors.
        "programs:activity-add": Row(
            program_url("programs:activity-add", "in_progress"),
            _status(422, allowed=PARTS),
            method="post",
            check=stored_nothing("programs.Activity"),
        ),
        "programs:activity-edit": Row(
            activity_url("programs:activity-edit", "returned"), _status(200, allowed={ME})
        ),
        "programs:activity-confirm": Row(
            activity_url("programs:activity-confirm"),
            _status(302, allowed={C}),
            method="post",
            check=latest("programs.Activity", "status", "confirmed"),
        ),
        "programs:activity-return": Row(
            activity_url("programs:activity-return"),
            _status(302, allowed={C}),
            method="post",
            data={"reason": "Приложите удостоверение целиком"},
            check=latest("programs.Activity", "status", "returned"),
        ),
        "programs:activity-evidence": Row(activity_url("programs:activity-evidence"), VIEWERS),
        # Managers see anyone's portfolio; a participant only her own (the mentee's here).
        "programs:portfolio": Row(
            portfolio_url, {**_status(200, allowed={D, C, CO, AD, ME}), MR: 404}
        ),
    }
)
