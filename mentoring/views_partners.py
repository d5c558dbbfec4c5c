"""Pages of the register of partner organizations (network cooperation, seed 002 §4.4.3)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.access import MANAGING_ROLES, access, get_object_in_org
from core.paging import page_of
from core.plugins import documents_about
from mentoring import selectors, services
from mentoring.forms_partners import PartnerFilterForm, PartnerForm
from mentoring.models import Partner
from mentoring.rules import PARTNER_KEEPERS


@access(*MANAGING_ROLES)
def partner_list(request):
    """The register: active partners, searchable by name or ИНН; ended ones when asked."""
    form = PartnerFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    partners = selectors.partner_list(
        organization=request.organization,
        query=filters.get("q", ""),
        kind=filters.get("kind", ""),
        with_ended=filters.get("ended", False),
    )
    page = page_of(partners, request.GET.get("page"), organization_id=request.organization.pk)
    return render(request, "mentoring/partner_list.html", {"form": form, "page": page})


def _save(request, form, save):
    """Run the service on a valid form; its refusals land on the form, nothing half-saved."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return None


@access(*PARTNER_KEEPERS)
def partner_create(request):
    form = PartnerForm(request.POST or None)
    partner = _save(
        request,
        form,
        lambda data: services.partner_create(
            organization=request.organization, data=data, actor=request.user
        ),
    )
    if partner is not None:
        messages.success(request, f"Организация «{partner}» добавлена в реестр партнёров.")
        return redirect("mentoring:partner-detail", pk=partner.pk)
    return render(request, "mentoring/partner_form.html", {"form": form})


@access(*MANAGING_ROLES)
def partner_detail(request, pk: int):
    """A partner's card: requisites, contacts, the agreements about it, its history."""
    partner = get_object_in_org(request, Partner, pk=pk)
    context = {"partner": partner, "documents": documents_about(partner)}
    return render(request, "mentoring/partner_detail.html", context)


@access(*PARTNER_KEEPERS)
def partner_edit(request, pk: int):
    partner = get_object_in_org(request, Partner, pk=pk)
    form = PartnerForm(request.POST or None, instance=partner)
    saved = _save(
        request,
        form,
        lambda data: services.partner_update(partner=partner, data=data, actor=request.user),
    )
    if saved is not None:
        messages.success(request, "Сведения о партнёре сохранены.")
        return redirect("mentoring:partner-detail", pk=saved.pk)
    return render(request, "mentoring/partner_form.html", {"form": form, "partner": partner})


@require_POST
@access(*PARTNER_KEEPERS)
def partner_activity(request, pk: int):
    """End the cooperation with a partner, or resume it («active» = 1)."""
    partner = get_object_in_org(request, Partner, pk=pk)
    active = request.POST.get("active") == "1"
    partner = services.partner_set_active(partner=partner, active=active, actor=request.user)
    if active:
        messages.success(request, f"Сотрудничество с «{partner}» возобновлено.")
    else:
        messages.success(
            request,
            f"Сотрудничество с «{partner}» отмечено завершённым: организация осталась в реестре "
            "вместе с её договорами.",
        )
    return redirect("mentoring:partner-detail", pk=partner.pk)
