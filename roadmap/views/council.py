"""Pages of the methodical council: its composition and order, meetings and protocols."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import MANAGING_ROLES, access, get_object_in_org
from core.models import Role
from core.signing.views import signing_response
from mentoring.models import StaffMember
from roadmap import council, council_meetings
from roadmap.forms import CouncilMeetingForm, CouncilOrderForm
from roadmap.models import CouncilMeeting, Order, OrderKind, OrderStatus
from roadmap.rules import (
    COUNCIL_EDITORS,
    DRAFTING_ROLES,
    can_draft_orders,
    can_edit_council_meeting,
    can_manage_council,
    can_view_council_meeting,
)
from roadmap.views.orders import draft_message

MEETINGS_SHOWN = 100


@access(*MANAGING_ROLES)
def council_detail(request):
    """The council in force (from its order), the pending composition orders and meetings."""
    organization = request.organization
    order = council.council_order_in_force(organization=organization)
    pending = Order.objects.filter(
        organization=organization, kind=OrderKind.COUNCIL_COMPOSITION
    ).exclude(status=OrderStatus.SIGNED)
    meetings = (
        CouncilMeeting.objects.filter(organization=organization)
        .select_related("chair")
        .prefetch_related("decisions")
        .defer("pdf", "signed_html")[:MEETINGS_SHOWN]
    )
    return render(
        request,
        "roadmap/council/detail.html",
        {
            "order": order,
            "seats": council.council_seats(order),
            "pending": list(pending.order_by("-pk")),
            "meetings": meetings,
            "can_draft": can_draft_orders(request.user, organization),
            "can_manage": can_manage_council(request.user, organization) and order is not None,
        },
    )


@access(*DRAFTING_ROLES)
def council_order_create(request):
    """Draft the order approving the council's composition."""
    organization = request.organization
    order = council.council_order_in_force(organization=organization)
    initial = {}
    if order is not None and request.method != "POST":
        seats = council.council_seats(order)
        initial = {
            "chair": council.seat_of(seats, "chair"),
            "secretary": council.seat_of(seats, "secretary"),
            "members": [s.staff for s in seats if s.position == "member"],
        }
    form = CouncilOrderForm(request.POST or None, organization=organization, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            draft = council.council_order_draft(
                organization=organization, author=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            draft_message(request, draft, "Проект приказа о составе совета создан.")
            return redirect("roadmap:order-edit", pk=draft.pk)
    return render(request, "roadmap/council/order_form.html", {"form": form, "in_force": order})


def _members(order) -> object:
    ids = order.council_seats.values("staff_id") if order is not None else []
    return StaffMember.objects.filter(pk__in=ids).order_by("search_name")


def _meeting_data(form) -> dict:
    return {
        key: form.cleaned_data[key]
        for key in ("held_on", "agenda", "attendees", "heard", "spoke", "decisions")
    }


@access(*COUNCIL_EDITORS)
def meeting_create(request):
    organization = request.organization
    order = council.council_order_in_force(organization=organization)
    if order is None:
        messages.error(
            request, "Методический совет ещё не утверждён: сначала подпишите приказ о его составе."
        )
        return redirect("roadmap:council")
    form = CouncilMeetingForm(request.POST or None, members=_members(order))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = council_meetings.meeting_create(
                organization=organization, author=request.user, **_meeting_data(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Заседание записано: протокол № {meeting.number}.")
            return redirect(meeting)
    return render(request, "roadmap/council/meeting_form.html", {"form": form, "meeting": None})


@access(*COUNCIL_EDITORS)
def meeting_edit(request, pk: int):
    meeting = get_object_in_org(request, CouncilMeeting, pk=pk, rule=can_edit_council_meeting)
    initial = {
        "held_on": meeting.held_on,
        "agenda": meeting.agenda,
        "attendees": list(meeting.attendees.all()),
        "heard": meeting.heard,
        "spoke": meeting.spoke,
        "decisions": "\n".join(d.text for d in meeting.decisions.all()),
    }
    form = CouncilMeetingForm(
        request.POST or None, initial=initial, members=_members(meeting.council_order)
    )
    if request.method == "POST" and form.is_valid():
        try:
            council_meetings.meeting_update(
                meeting=meeting, actor=request.user, **_meeting_data(form)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Протокол сохранён.")
            return redirect(meeting)
    return render(request, "roadmap/council/meeting_form.html", {"form": form, "meeting": meeting})


@access()
def meeting_detail(request, pk: int):
    meeting = get_object_in_org(
        request,
        CouncilMeeting.objects.select_related("chair", "secretary", "council_order").defer(
            "pdf", "signed_html"
        ),
        pk=pk,
        rule=can_view_council_meeting,
    )
    context = council_meetings.protocol_pdf_context(meeting)
    return render(request, "roadmap/council/meeting_detail.html", context)


@require_POST
@access(Role.COUNCIL)
def meeting_sign(request, pk: int):
    meeting = get_object_in_org(request, CouncilMeeting, pk=pk, rule=can_view_council_meeting)
    return signing_response(
        request,
        lambda: council_meetings.meeting_sign(
            meeting=meeting,
            signer=request.user,
            password=request.POST.get("password", ""),
            request=request,
        ),
        success=lambda meeting: f"Протокол № {meeting.number} подписан.",
        back=reverse("roadmap:council-meeting-detail", args=[pk]),
    )
