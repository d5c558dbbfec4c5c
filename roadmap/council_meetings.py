"""Meetings of the methodical council and their protocols: writes and the signed PDF.

The curator or a council member records a meeting of the council in force (the latest signed
composition order): date, agenda, who attended, «слушали», «выступили» and the decisions
(«решили»). The chair signs the protocol with the simple e-signature (``core.signing``):
password again, the e-signature regulation read; from then on it no longer changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from core.audit import log_action, register_actions, status_data
from core.lifecycle import TransitionError, check_transition
from core.models import Organization, User
from core.signing.services import Step, document_sign, qr_data_uri, verify_url
from mentoring.models import StaffMember
from roadmap.council import council_order_in_force, council_seats, seat_of
from roadmap.esign import esign_check
from roadmap.models import (
    CouncilDecision,
    CouncilMeeting,
    CouncilPosition,
    MeetingStatus,
)

ALLOWED = {MeetingStatus.DRAFT: {MeetingStatus.SIGNED}, MeetingStatus.SIGNED: set()}
register_actions(
    {
        "council_meeting.created": "Записано заседание методического совета",
        "council_meeting.edited": "Протокол заседания изменён",
        "council_meeting.signed": (
            "[actor:Подписал|Подписала] протокол № {number} как председатель совета"
        ),
    }
)


def _decision_lines(decisions: Iterable[str]) -> list[str]:
    return [line.strip() for line in decisions if line and line.strip()]


def _check(*, organization, order, held_on, agenda, attendees, decisions) -> None:
    problems = []
    if order is None:
        raise ValidationError(
            "Методический совет ещё не утверждён: сначала подпишите приказ о его составе.",
            code="no_council",
        )
    if held_on is None:
        problems.append("Укажите дату заседания.")
    elif held_on > timezone.localdate():
        problems.append("Дата заседания ещё не наступила: протокол пишут после заседания.")
    if not (agenda or "").strip():
        problems.append("Заполните повестку заседания.")
    if not attendees:
        problems.append("Отметьте присутствовавших членов совета.")
    seated = {s.staff_id for s in order.council_seats.all()}
    if any(p.pk not in seated for p in attendees):
        problems.append("Присутствовавшими можно отметить только членов совета по приказу.")
    if not decisions:
        problems.append("Запишите хотя бы одно решение совета.")
    if problems:
        raise ValidationError(" ".join(problems), code="meeting_incomplete")


def meeting_create(
    *,
    organization: Organization,
    author: User,
    held_on: dt.date,
    agenda: str,
    attendees: Iterable[StaffMember],
    decisions: Iterable[str],
    heard: str = "",
    spoke: str = "",
) -> CouncilMeeting:
    """A meeting of the council in force, with the next protocol number of the organization."""
    attendees, decisions = list(attendees), _decision_lines(decisions)
    order = council_order_in_force(organization=organization)
    _check(
        organization=organization,
        order=order,
        held_on=held_on,
        agenda=agenda,
        attendees=attendees,
        decisions=decisions,
    )
    seats = council_seats(order)
    with transaction.atomic():
        # The organization's row is the lock for its numbering of protocols.
        Organization.objects.select_for_update().get(pk=organization.pk)
        last = CouncilMeeting.objects.filter(organization=organization).aggregate(n=Max("number"))
        meeting = CouncilMeeting.objects.create(
            organization=organization,
            number=(last["n"] or 0) + 1,
            held_on=held_on,
            council_order=order,
            chair=seat_of(seats, CouncilPosition.CHAIR),
            secretary=seat_of(seats, CouncilPosition.SECRETARY),
            agenda=agenda.strip(),
            heard=(heard or "").strip(),
            spoke=(spoke or "").strip(),
            created_by=author,
        )
        meeting.attendees.set(attendees)
        _set_decisions(meeting, decisions)
        log_action(meeting, "council_meeting.created", actor=author, number=meeting.number)
    return meeting


def _set_decisions(meeting: CouncilMeeting, decisions: list[str]) -> None:
    meeting.decisions.all().delete()
    for position, text in enumerate(decisions, start=1):
        CouncilDecision.objects.create(meeting=meeting, position=position, text=text)


def meeting_update(
    *,
    meeting: CouncilMeeting,
    actor: User,
    held_on: dt.date,
    agenda: str,
    attendees: Iterable[StaffMember],
    decisions: Iterable[str],
    heard: str = "",
    spoke: str = "",
) -> CouncilMeeting:
    """Change a protocol that is not signed yet; a signed one never changes."""
    attendees, decisions = list(attendees), _decision_lines(decisions)
    with transaction.atomic():
        current = CouncilMeeting.objects.select_for_update().get(pk=meeting.pk)
        if current.is_signed:
            raise TransitionError(
                "Протокол подписан председателем и больше не меняется.", code="signed"
            )
        _check(
            organization=current.organization,
            order=current.council_order,
            held_on=held_on,
            agenda=agenda,
            attendees=attendees,
            decisions=decisions,
        )
        current.held_on = held_on
        current.agenda = agenda.strip()
        current.heard = (heard or "").strip()
        current.spoke = (spoke or "").strip()
        current.save()
        current.attendees.set(attendees)
        if [d.text for d in current.decisions.all()] != decisions:
            _set_decisions(current, decisions)
        log_action(current, "council_meeting.edited", actor=actor)
    return current


def meeting_sign(
    *,
    meeting: CouncilMeeting,
    signer: User,
    password: str,
    request: HttpRequest | None = None,
    ip: str | None = None,
) -> CouncilMeeting:
    """The chair signs the protocol with the simple e-signature; it is frozen from then on."""
    return document_sign(
        kind="council_protocol",
        document=meeting,
        signer=signer,
        password=password,
        request=request,
        ip=ip,
        not_done="Протокол не подписан",
        prepare=lambda current, now: _signature(current, signer),
    )


def _signature(meeting: CouncilMeeting, signer: User) -> Step:
    """After the password: only the chair, the regulation read, a protocol not yet signed."""
    if meeting.chair.user_id != signer.pk:
        raise ValidationError(
            "Протокол заседания подписывает председатель методического совета.",
            code="not_chair",
        )
    esign_check(user=signer, organization=meeting.organization)
    if meeting.is_signed:
        raise TransitionError(
            "Протокол уже подписан председателем и больше не меняется.", code="already_signed"
        )
    old = meeting.status
    check_transition(ALLOWED, old, MeetingStatus.SIGNED, labels=MeetingStatus)
    meeting.status = MeetingStatus.SIGNED
    meeting.signer_name = signer.full_name or meeting.chair.full_name
    return Step(
        "council_meeting.signed",
        data={"number": meeting.number, **status_data(old, MeetingStatus.SIGNED, MeetingStatus)},
    )


def protocol_pdf_context(meeting: CouncilMeeting) -> dict:
    """What the protocol's PDF (and its page) shows."""
    from roadmap.services import initials_first

    attendees = sorted(meeting.attendees.all(), key=lambda p: p.search_name)
    context = {
        "meeting": meeting,
        "organization": meeting.organization,
        "attendees": attendees,
        "decisions": list(meeting.decisions.all()),
        "chair_short": initials_first(meeting.chair.full_name),
        "secretary_short": initials_first(meeting.secretary.full_name) if meeting.secretary else "",
        "signed_at_local": meeting.signed_at and timezone.localtime(meeting.signed_at),
    }
    if meeting.verify_code:
        url = verify_url(meeting.verify_code)
        context.update({"verify_url": url, "qr": qr_data_uri(url)})
    return context
