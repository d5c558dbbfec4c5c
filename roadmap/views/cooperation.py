"""Pages of network cooperation: agreements with partner organizations and joint events."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import MANAGING_ROLES, access, get_object_in_org
from core.files import file_response
from core.models import Role
from core.paging import page_of
from core.signing.views import signing_response
from roadmap import cooperation
from roadmap.forms_cooperation import CooperationForm, JointEventForm, PartnerSignatureForm
from roadmap.models import CooperationAgreement, JointEvent
from roadmap.rules import (
    COOPERATION_DRAFTERS,
    COOPERATION_KEEPERS,
    can_record_partner_signature,
    can_sign_cooperation,
)
from roadmap.selectors import cooperation_list as cooperation_rows
from roadmap.selectors import joint_event_list as joint_event_rows

LIGHT = ("pdf", "signed_html", "scan")


@access(*MANAGING_ROLES)
def cooperation_list(request):
    """Every agreement with partners, newest first, a page at a time."""
    rows = cooperation_rows(organization=request.organization)
    page = page_of(rows, request.GET.get("page"), organization_id=request.organization.pk)
    return render(request, "roadmap/cooperation_list.html", {"page": page})


@access(*COOPERATION_DRAFTERS)
def cooperation_create(request):
    initial = {
        "obligations": cooperation.DEFAULT_OBLIGATIONS,
        "partner": request.GET.get("partner"),
    }
    form = CooperationForm(request.POST or None, initial=initial, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = cooperation.cooperation_draft(
                organization=request.organization, author=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Проект договора готов: его подписывает руководитель.")
            return redirect(agreement)
    return render(request, "roadmap/cooperation_form.html", {"form": form})


@access(*MANAGING_ROLES)
def cooperation_detail(request, pk: int):
    agreement = get_object_in_org(
        request,
        CooperationAgreement.objects.select_related("partner", "organization").defer(*LIGHT),
        pk=pk,
    )
    context = {
        **cooperation.cooperation_pdf_context(agreement),
        "can_sign": can_sign_cooperation(request.user, agreement),
        "can_record": can_record_partner_signature(request.user, agreement),
        "signature_form": PartnerSignatureForm(),
        "events": agreement.events.order_by("-held_on", "-pk")[:50],
    }
    return render(request, "roadmap/cooperation_detail.html", context)


@require_POST
@access(Role.DIRECTOR)
def cooperation_sign(request, pk: int):
    agreement = get_object_in_org(request, CooperationAgreement.objects.defer(*LIGHT), pk=pk)
    return signing_response(
        request,
        lambda: cooperation.cooperation_sign(
            agreement=agreement,
            signer=request.user,
            password=request.POST.get("password", ""),
            request=request,
        ),
        success=lambda agreement: f"Договор № {agreement.number} подписан: ждёт подписи партнёра.",
        back=reverse("roadmap:cooperation-detail", args=[pk]),
    )


@require_POST
@access(*COOPERATION_KEEPERS)
def cooperation_partner_signed(request, pk: int):
    """The partner's paper copy came back: its scan and date make the agreement signed by all."""
    agreement = get_object_in_org(request, CooperationAgreement.objects.defer(*LIGHT), pk=pk)
    form = PartnerSignatureForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            cooperation.cooperation_partner_signed(
                agreement=agreement,
                scan=form.cleaned_data["scan"],
                signed_on=form.cleaned_data["signed_on"],
                actor=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Скан загружен: договор подписан сторонами.")
    else:
        problems = [str(e) for errors in form.errors.values() for e in errors]
        messages.error(request, "Скан не загружен: " + " ".join(problems))
    return redirect("roadmap:cooperation-detail", pk=pk)


@access(*MANAGING_ROLES)
def cooperation_scan(request, pk: int):
    """The scan of the partner's signed copy, served by its checked kind."""
    agreement = get_object_in_org(
        request,
        CooperationAgreement.objects.filter(scan__isnull=False).only(
            "organization", "scan", "scan_name"
        ),
        pk=pk,
    )
    return file_response(bytes(agreement.scan), agreement.scan_name)


# --- joint events -----------------------------------------------------------------------------


@access(*MANAGING_ROLES)
def joint_event_list(request):
    rows = joint_event_rows(organization=request.organization)
    page = page_of(rows, request.GET.get("page"), organization_id=request.organization.pk)
    return render(request, "roadmap/joint_event_list.html", {"page": page})


def _event_form(request, event: JointEvent | None):
    initial = {} if event else {"partner": request.GET.get("partner")}
    form = JointEventForm(
        request.POST or None, instance=event, initial=initial, organization=request.organization
    )
    if request.method == "POST" and form.is_valid():
        try:
            cooperation.joint_event_save(
                organization=request.organization,
                data=form.cleaned_data,
                actor=request.user,
                event=event,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Совместное мероприятие сохранено.")
            return redirect("roadmap:joint-event-list")
    return render(request, "roadmap/joint_event_form.html", {"form": form, "event": event})


@access(*COOPERATION_KEEPERS)
def joint_event_create(request):
    return _event_form(request, None)


@access(*COOPERATION_KEEPERS)
def joint_event_edit(request, pk: int):
    return _event_form(request, get_object_in_org(request, JointEvent, pk=pk))


@require_POST
@access(*COOPERATION_KEEPERS)
def joint_event_delete(request, pk: int):
    event = get_object_in_org(request, JointEvent, pk=pk)
    cooperation.joint_event_delete(event=event, actor=request.user)
    messages.success(request, f"Мероприятие «{event.title}» удалено.")
    return redirect("roadmap:joint-event-list")
