"""Access-matrix rows for the pages of the roadmap app."""

import datetime as dt

from django.urls import reverse

from roadmap.models import NormativeDocument, Order, OrderFile, OrderKind, OrderPerson, OrderStatus
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
    gone,
    latest,
    managers_only,
    refused_with,
    stored_nothing,
    url,
)

DRAFTERS = {A: "login", D: 200, C: 200, CO: 200, AD: 403, MR: 403, ME: 403, OUT: 200}


def _order(request, status: str, kind: str = OrderKind.APPOINT_MENTORS) -> Order:
    """An order of the test organization in ``status``, naming the mentee (no PDF rendering)."""
    org = request.getfixturevalue("org")
    users = request.getfixturevalue("users")
    signed = status == OrderStatus.SIGNED
    if not signed:  # the appointment order can be sent and signed once the Положение is
        Order.objects.bulk_create(
            [
                Order(
                    organization=org,
                    kind=OrderKind.APPROVE_REGULATION,
                    status=OrderStatus.SIGNED,
                    title="Об утверждении Положения о системе наставничества",
                    body="ПРИКАЗЫВАЮ:\n1. Утвердить.",
                    author=users["curator"],
                    journal_year=2026,
                    number=99,
                    number_text="99-од",
                    order_date="2026-09-01",
                    signer_name="Иванова Мария Петровна",
                    pdf_sha256="1" * 64,
                    verify_code="QrStUvWxYzAbCdEf",
                )
            ]
        )
    order = Order.objects.bulk_create(
        [
            Order(
                organization=org,
                kind=kind,
                status=status,
                title="О назначении наставников",
                body="ПРИКАЗЫВАЮ:\n1. Назначить.",
                author=users["curator"],
                journal_year=2026 if signed else None,
                number=1 if signed else None,
                number_text="1-од" if signed else "",
                order_date="2026-10-01" if signed else None,
                signer_name="Иванова Мария Петровна" if signed else "",
                pdf_sha256="0" * 64 if signed else "",
                verify_code="AbCdEfGhIjKlMnOp" if signed else None,
            )
        ]
    )[0]
    if signed:
        OrderFile.objects.create(order=order, content=b"%PDF-1.7", sha256="0" * 64, size=8)
    OrderPerson.objects.create(order=order, staff=users["mentee"].staff_records.get())
    return order


def _agreement_unsigned() -> None:
    from roadmap.models import MentorAgreement

    agreement = MentorAgreement.objects.order_by("-pk").first()
    assert agreement.status == MentorAgreement._meta.get_field("status").default


def order_url(name: str, status: str):
    return lambda request: reverse(name, args=[_order(request, status).pk])


def _document(request):
    org = request.getfixturevalue("org")
    users = request.getfixturevalue("users")
    doc = NormativeDocument.objects.create(
        organization=org,
        title="Положение",
        file_name="polozhenie.pdf",
        content=b"%PDF",
        uploaded_by=users["curator"],
    )
    return reverse("roadmap:document-download", args=[doc.pk])


def _verify(request):
    return reverse("roadmap:verify", args=[_order(request, OrderStatus.SIGNED).verify_code])


def _agreement(request, signed: bool = True):
    import datetime as dt

    from roadmap.models import AgreementStatus, MentorAgreement

    org = request.getfixturevalue("org")
    users = request.getfixturevalue("users")
    agreement = MentorAgreement.objects.create(
        organization=org,
        mentor=users["mentor"].staff_records.get(),
        content="Помощь в адаптации.",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2027, 5, 31),
        form="Традиционная",
        pay_amount=10,
        created_by=users["curator"],
        status=AgreementStatus.SIGNED if signed else AgreementStatus.DRAFT,
        number=1 if signed else None,
        verify_code="QrStUvWxYzAbCdEf" if signed else None,
        pdf=b"%PDF-1.7" if signed else None,
    )
    agreement.mentees.add(users["mentee"].staff_records.get())
    return agreement


def agreement_url(name: str, signed: bool = True):
    return lambda request: reverse(name, args=[_agreement(request, signed).pk])


def _agreement_ending_pdf(request):
    from roadmap.models import AgreementEnding, EndingKind

    agreement = _agreement(request)
    ending = AgreementEnding.objects.create(
        organization=agreement.organization,
        agreement=agreement,
        kind=EndingKind.REFUSAL,
        notice_on=dt.date(2026, 12, 7),
        effective_on=dt.date(2026, 12, 10),
        verify_code="EnDiNgCoDe012345",
        pdf=b"%PDF-1.7",
        pdf_sha256="0" * 64,
    )
    return reverse("roadmap:agreement-ending-pdf", args=[ending.pk])


def _agreement_verify(request):
    return reverse("roadmap:agreement-verify", args=[_agreement(request).verify_code])


def _plan_version(request, approved: bool = False):
    """A version of the test organization's roadmap with one event, drafted by the curator."""
    import datetime as dt

    from roadmap.models import RoadmapEvent, RoadmapVersionStatus
    from roadmap.plans import roadmap_version_draft
    from roadmap.selectors import current_cycle

    org = request.getfixturevalue("org")
    users = request.getfixturevalue("users")
    cycle = current_cycle(org)
    version = roadmap_version_draft(cycle=cycle, actor=users["curator"])
    event = RoadmapEvent.objects.create(
        version=version,
        stage_number=1,
        title="Педсовет о наставничестве",
        due_on=cycle.starts_on + dt.timedelta(days=20),
        responsible="Куратор",
        expected_result="Протокол педсовета",
    )
    if approved:
        version.status = RoadmapVersionStatus.APPROVED
        version.save()
    return event


def _event_url(name: str, approved: bool = False):
    return lambda request: reverse(name, args=[_plan_version(request, approved).pk])


def _approved_version_pdf(request):
    """An approved version with its stored PDF (no rendering)."""
    from roadmap.models import RoadmapVersion

    version = RoadmapVersion.objects.get(pk=_plan_version(request, approved=True).version_id)
    version.verify_code = "RoAdMaPcOdE12345"
    version.pdf = b"%PDF-1.7"
    version.pdf_sha256 = "0" * 64
    version.save()
    return reverse("roadmap:plan-version-pdf", args=[version.pk])


def _signing_verify(request):
    return reverse("signing:verify", args=[_order(request, OrderStatus.SIGNED).verify_code])


def _with_draft(name: str):
    def build(request):
        _plan_version(request)
        return reverse(name)

    return build


def _event_data():
    import datetime as dt

    from roadmap.selectors import cycle_bounds

    start, _end = cycle_bounds(dt.date.today())
    return {
        "stage_number": "1",
        "title": "Семинар для наставников",
        "due_on": (start + dt.timedelta(days=10)).isoformat(),
        "responsible": "Куратор",
        "expected_result": "Наставники знают порядок работы",
    }


def _council(request) -> Order:
    """A signed council of the test organization: the council persona chairs, the mentor sits."""
    from roadmap.models import CouncilPosition, CouncilSeat

    users = request.getfixturevalue("users")
    order = _order(request, OrderStatus.SIGNED, OrderKind.COUNCIL_COMPOSITION)
    for persona, position in (("council", CouncilPosition.CHAIR), ("mentor", "member")):
        CouncilSeat.objects.create(
            order=order, staff=users[persona].staff_records.get(), position=position
        )
    return order


def _council_meeting(request, signed: bool = False):
    from roadmap.models import CouncilMeeting, MeetingStatus

    users = request.getfixturevalue("users")
    order = _council(request)
    meeting = CouncilMeeting.objects.create(
        organization=order.organization,
        number=1,
        held_on=dt.date(2026, 10, 15),
        council_order=order,
        chair=users["council"].staff_records.get(),
        agenda="О плане работы совета",
        created_by=users["curator"],
        status=MeetingStatus.SIGNED if signed else MeetingStatus.DRAFT,
        signed_at=dt.datetime(2026, 10, 16, 9, 0, tzinfo=dt.UTC) if signed else None,
        verify_code="CoUnCiLpRoToCoL1" if signed else None,
        pdf=b"%PDF-1.7" if signed else None,
        pdf_sha256="1" * 64 if signed else "",
    )
    meeting.attendees.add(users["council"].staff_records.get(), users["mentor"].staff_records.get())
    return meeting


def council_url(name: str, signed: bool = False):
    return lambda request: reverse(name, args=[_council_meeting(request, signed).pk])


def _with_council(name: str):
    def build(request):
        _council(request)
        return reverse(name)

    return build


def _meeting_data(request):
    users = request.getfixturevalue("users")
    return {
        "held_on": dt.date.today().isoformat(),
        "agenda": "О плане работы совета",
        "attendees": [users["council"].staff_records.get().pk],
        "decisions": "Утвердить план работы.",
    }


def only(status_for_allowed, *allowed, other=403, outsider=None, anonymous="login") -> dict:
    result = {p: other for p in (D, C, CO, AD, MR, ME, OUT)}
    result.update({p: status_for_allowed for p in allowed})
    result[A] = anonymous
    if outsider is not None:
        result[OUT] = outsider
    return result


NAMED = {**managers_only(), MR: 404, ME: 200}

ROWS: dict[str, Row] = {
    "roadmap:roadmap-detail": Row(url("roadmap:roadmap-detail"), managers_only(outsider=200)),
    # Posted without the password the e-signature needs: nothing is approved.
    "roadmap:roadmap-approve": Row(
        url("roadmap:roadmap-approve"),
        only(302, D),
        method="post",
        check=latest(
            "roadmap.Cycle", "roadmap_approved_at", lambda at: at is not None, allowed_for=()
        ),
    ),
    # The curator and the director open the next year; the page says what will happen.
    "roadmap:new-year": Row(url("roadmap:new-year"), only(200, D, C, outsider=200)),
    "roadmap:plan-versions": Row(url("roadmap:plan-versions"), managers_only(outsider=200)),
    "roadmap:plan-draft": Row(
        url("roadmap:plan-draft"),
        only(302, C, CO, outsider=302),
        method="post",
        check=latest("roadmap.RoadmapVersion", "status", "draft"),
    ),
    # Without a draft in her own organization the outsider is sent back to the roadmap.
    "roadmap:plan-edit": Row(_with_draft("roadmap:plan-edit"), only(200, C, CO, outsider=302)),
    "roadmap:plan-event-add": Row(
        _with_draft("roadmap:plan-event-add"),
        only(302, C, CO, outsider=404),
        method="post",
        data=_event_data(),
        check=latest("roadmap.RoadmapEvent", "title", "Семинар для наставников"),
    ),
    "roadmap:plan-event-delete": Row(
        _event_url("roadmap:plan-event-delete"),
        only(302, C, CO, outsider=404),
        method="post",
        check=gone("roadmap.RoadmapEvent"),
    ),
    "roadmap:plan-event-done": Row(
        _event_url("roadmap:plan-event-done", approved=True),
        only(302, C, CO, outsider=404),
        method="post",
        data={"done_on": dt.date.today().isoformat()},
        check=latest("roadmap.RoadmapEvent", "done_on", lambda day: day is not None),
    ),
    "roadmap:document-add": Row(
        url("roadmap:document-add"),
        only(302, C, CO, AD, OUT),
        method="post",
        # An empty form: the allowed are sent back with the form's errors, nothing is stored.
        check=stored_nothing("roadmap.NormativeDocument"),
    ),
    "roadmap:document-download": Row(_document, managers_only()),
    "roadmap:order-list": Row(url("roadmap:order-list"), managers_only(outsider=200)),
    "roadmap:order-export": Row(url("roadmap:order-export"), managers_only(outsider=200)),
    "roadmap:order-create": Row(url("roadmap:order-create"), DRAFTERS),
    "roadmap:mentors-order-draft": Row(
        url("roadmap:mentors-order-draft"),
        only(302, C, outsider=302),
        method="post",
        # No mentor is selected in the matrix set-up: no order is drafted.
        check=stored_nothing("roadmap.Order"),
    ),
    # The e-signature regulation's one button: drafters (and the outsider, in her own
    # kindergarten) draft it; the GET page before it shows who will be on its list.
    "roadmap:esign-draft": Row(
        url("roadmap:esign-draft"),
        only(302, D, C, CO, outsider=302),
        method="post",
        check=latest("roadmap.Order", "kind", OrderKind.ESIGN_REGULATION),
    ),
    "roadmap:pairs-order-draft": Row(
        url("roadmap:pairs-order-draft"),
        only(302, C, outsider=302),
        method="post",
        # No agreed pair in the matrix set-up: no order is drafted.
        check=stored_nothing("roadmap.Order"),
    ),
    "roadmap:order-detail": Row(order_url("roadmap:order-detail", OrderStatus.SIGNED), NAMED),
    # Only the author (the curator here) deletes a draft; other drafters get 404 from the rule.
    "roadmap:order-delete": Row(
        order_url("roadmap:order-delete", OrderStatus.DRAFT),
        {A: "login", D: 404, C: 200, CO: 404, AD: 403, MR: 403, ME: 403, OUT: 404},
    ),
    "roadmap:order-edit": Row(
        order_url("roadmap:order-edit", OrderStatus.DRAFT), {**DRAFTERS, OUT: 404}
    ),
    "roadmap:order-send": Row(
        order_url("roadmap:order-send", OrderStatus.DRAFT),
        only(302, D, C, CO, outsider=404),
        method="post",
        check=latest("roadmap.Order", "status", OrderStatus.SENT),
    ),
    "roadmap:order-return": Row(
        order_url("roadmap:order-return", OrderStatus.SENT),
        only(302, D),
        method="post",
        data={"comment": "Уточните сроки"},
        check=latest("roadmap.Order", "status", OrderStatus.RETURNED),
    ),
    "roadmap:order-sign": Row(
        order_url("roadmap:order-sign", OrderStatus.SENT),
        only(302, D),
        method="post",
        # Without the password the director is told so and the order stays on signature.
        check=refused_with("Пароль введён неверно", "roadmap.Order", "status", OrderStatus.SENT),
    ),
    "roadmap:order-acknowledge": Row(
        order_url("roadmap:order-acknowledge", OrderStatus.SIGNED),
        {**managers_only(), D: 302, C: 302, CO: 302, AD: 302, MR: 404, ME: 302},
        method="post",
        # No e-signature regulation in force here: acknowledging is refused with the reason.
        check=refused_with("можно только после", "roadmap.OrderPerson", "acknowledged_at", None),
    ),
    "roadmap:order-preview": Row(
        order_url("roadmap:order-preview", OrderStatus.DRAFT), managers_only()
    ),
    "roadmap:order-pdf": Row(order_url("roadmap:order-pdf", OrderStatus.SIGNED), NAMED),
    "roadmap:verify-lookup": Row(
        url("roadmap:verify-lookup"), only(200, D, C, CO, AD, MR, ME, OUT, anonymous=200)
    ),
    "roadmap:verify": Row(_verify, only(200, D, C, CO, AD, MR, ME, OUT, anonymous=200)),
    "roadmap:agreement-list": Row(url("roadmap:agreement-list"), managers_only(outsider=200)),
    "roadmap:agreement-create": Row(url("roadmap:agreement-create"), DRAFTERS),
    # The mentor sees the agreement made with them; the mentee and other orgs do not.
    "roadmap:agreement-detail": Row(
        agreement_url("roadmap:agreement-detail"), {**managers_only(), MR: 200, ME: 404}
    ),
    "roadmap:agreement-pdf": Row(
        agreement_url("roadmap:agreement-pdf"), {**managers_only(), MR: 200, ME: 404}
    ),
    # Posted without a password: nobody signs, whoever asks (the status stays as drafted).
    "roadmap:agreement-sign": Row(
        agreement_url("roadmap:agreement-sign", signed=False),
        {**only(302, D, C, CO, AD, MR), ME: 404, OUT: 404},
        method="post",
        check=lambda request, persona, response: _agreement_unsigned(),
    ),
    # Posted without a password: nobody ends the agreement; the one who may is told the password
    # is wrong (400), the others are refused.
    "roadmap:agreement-refuse": Row(
        agreement_url("roadmap:agreement-refuse"),
        {A: "login", D: 403, C: 403, CO: 403, AD: 403, MR: 400, ME: 404, OUT: 404},
        method="post",
        check=stored_nothing("roadmap.AgreementEnding"),
    ),
    "roadmap:agreement-withdraw": Row(
        agreement_url("roadmap:agreement-withdraw"),
        {A: "login", D: 400, C: 403, CO: 403, AD: 403, MR: 403, ME: 404, OUT: 404},
        method="post",
        check=stored_nothing("roadmap.AgreementEnding"),
    ),
    "roadmap:agreement-ending-pdf": Row(
        _agreement_ending_pdf, {**managers_only(), MR: 200, ME: 404}
    ),
    "roadmap:agreement-verify": Row(
        _agreement_verify, only(200, D, C, CO, AD, MR, ME, OUT, anonymous=200)
    ),
    # The methodical council: its page for the managers, its order drafted by the drafters.
    "roadmap:council": Row(url("roadmap:council"), managers_only(outsider=200)),
    "roadmap:council-order-create": Row(url("roadmap:council-order-create"), DRAFTERS),
    # The curator and the council's members record a meeting of the council in force; the
    # outsider's own kindergarten has no council, so she is sent back with nothing stored.
    "roadmap:council-meeting-create": Row(
        _with_council("roadmap:council-meeting-create"),
        only(302, C, CO, outsider=302),
        method="post",
        data=_meeting_data,
        check=latest(
            "roadmap.CouncilMeeting", "agenda", "О плане работы совета", allowed_for=(C, CO)
        ),
    ),
    # Managers and the attendees (the mentor sits on the council here) read the protocol.
    "roadmap:council-meeting-detail": Row(
        council_url("roadmap:council-meeting-detail"), {**managers_only(), MR: 200, ME: 404}
    ),
    "roadmap:council-meeting-edit": Row(
        council_url("roadmap:council-meeting-edit"), only(200, C, CO, outsider=404)
    ),
    # Only a council member reaches the signing, and without the password nothing is signed.
    "roadmap:council-meeting-sign": Row(
        council_url("roadmap:council-meeting-sign"),
        only(302, CO),
        method="post",
        check=refused_with("Пароль введён неверно", "roadmap.CouncilMeeting", "status", "draft"),
    ),
    "roadmap:council-protocol-pdf": Row(
        council_url("roadmap:council-protocol-pdf", signed=True),
        {**managers_only(), MR: 200, ME: 404},
    ),
    # The approved roadmap's signed file: the managers of the organization, as the roadmap.
    "roadmap:plan-version-pdf": Row(_approved_version_pdf, managers_only()),
    # The one verify page of every signed document (core.signing), open to everyone.
    "signing:verify-lookup": Row(
        url("signing:verify-lookup"), only(200, D, C, CO, AD, MR, ME, OUT, anonymous=200)
    ),
    "signing:verify": Row(_signing_verify, only(200, D, C, CO, AD, MR, ME, OUT, anonymous=200)),
    # «PDF готовится» polls whether the worker stored the file: those who may download it.
    "signing:pdf-status": Row(
        lambda request: reverse("signing:pdf-status", args=["order", _order(request, "signed").pk]),
        {**{p: 204 if v == 200 else v for p, v in NAMED.items()}},
    ),
}


# Network cooperation (agreements with partners, joint events) keeps its rows beside it.
from tests.roadmap.access_rows_cooperation import ROWS as COOPERATION_ROWS  # noqa: E402

ROWS.update(COOPERATION_ROWS)
