"""Pages of the mentor's additional agreement (ТК РФ ст. 351.8)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import MANAGING_ROLES, access, get_object_in_org
from core.models import Role
from core.signing.views import signing_response
from roadmap import agreements
from roadmap.forms import (
    AgreementForm,
)
from roadmap.models import (
    AgreementStatus,
    MentorAgreement,
)
from roadmap.rules import (
    DRAFTING_ROLES,
    can_view_agreement,
)


@access(*MANAGING_ROLES)
def agreement_list(request):
    agreements = (
        MentorAgreement.objects.filter(organization=request.organization)
        .select_related("mentor")
        .prefetch_related("mentees")
        .defer("pdf")[:200]
    )
    return render(request, "roadmap/agreement_list.html", {"agreements": agreements})


@access(*DRAFTING_ROLES)
def agreement_create(request):
    initial = {"content": agreements.DEFAULT_CONTENT, "mentor": request.GET.get("mentor")}
    form = AgreementForm(request.POST or None, initial=initial, organization=request.organization)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = agreements.agreement_draft(
                organization=request.organization, author=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Проект соглашения готов: его подписывает руководитель.")
            return redirect(agreement)
    return render(request, "roadmap/agreement_form.html", {"form": form})


@access()
def agreement_detail(request, pk: int):
    agreement = get_object_in_org(
        request,
        MentorAgreement.objects.select_related("mentor", "organization").defer("pdf"),
        pk=pk,
        rule=can_view_agreement,
    )
    can_sign = (
        agreement.status == AgreementStatus.DRAFT
        and Role.DIRECTOR in request.roles
        or agreement.status == AgreementStatus.DIRECTOR_SIGNED
        and agreement.mentor.user_id == request.user.pk
    )
    context = {**agreements.agreement_pdf_context(agreement), "can_sign": can_sign}
    return render(request, "roadmap/agreement_detail.html", context)


@require_POST
@access()
def agreement_sign(request, pk: int):
    agreement = get_object_in_org(request, MentorAgreement, pk=pk, rule=can_view_agreement)
    return signing_response(
        request,
        lambda: agreements.agreement_sign(
            agreement=agreement,
            signer=request.user,
            password=request.POST.get("password", ""),
            request=request,
        ),
        success=lambda agreement: f"Соглашение подписано: {agreement.get_status_display()}.",
        back=reverse("roadmap:agreement-detail", args=[pk]),
    )
