"""Pages of the mentor's additional agreement (ТК РФ ст. 351.8)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core import security
from core.access import MANAGING_ROLES, access, get_object_in_org
from core.models import Role
from core.signing.services import SigningLocked
from core.signing.views import signing_response
from roadmap import agreement_endings, agreements
from roadmap.forms import (
    AgreementForm,
)
from roadmap.models import (
    AgreementEnding,
    AgreementStatus,
    EndingKind,
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
        .select_related("mentor", "ending")
        .prefetch_related("mentees")
        .defer("pdf", "signed_html", "ending__pdf", "ending__signed_html")[:200]
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
    ending = AgreementEnding.objects.filter(agreement=agreement).defer("pdf").first()
    context = {
        **agreements.agreement_pdf_context(agreement),
        "can_sign": can_sign,
        "ending": ending,
        "can_refuse": ending is None
        and agreement_endings.can_end(agreement, request.user, EndingKind.REFUSAL),
        "can_withdraw": ending is None
        and agreement_endings.can_end(agreement, request.user, EndingKind.WITHDRAWAL),
    }
    return render(request, "roadmap/agreement_detail.html", context)


@access()
def agreement_end(request, pk: int, kind: str):
    """«Отказаться от наставничества» (the mentor) or «Отменить поручение» (the director)."""
    agreement = get_object_in_org(
        request,
        MentorAgreement.objects.select_related("mentor", "organization").defer("pdf"),
        pk=pk,
        rule=can_view_agreement,
    )
    if not agreement_endings.can_end(agreement, request.user, kind):
        raise PermissionDenied("This agreement can't be ended by this person now.")
    notice_on = timezone.localdate()
    error = ""
    reason = request.POST.get("reason", "")
    if request.method == "POST":
        try:
            agreement_endings.ending_sign(
                agreement=agreement,
                kind=kind,
                signer=request.user,
                password=request.POST.get("password", ""),
                reason=reason,
                request=request,
            )
        except SigningLocked:
            return security.lockout_response(request)
        except ValidationError as failure:
            error = " ".join(failure.messages)
        else:
            messages.success(request, _ENDED[kind])
            return redirect(agreement)
    context = {
        "agreement": agreement,
        "kind": kind,
        "is_refusal": kind == EndingKind.REFUSAL,
        "notice_on": notice_on,
        "effective_on": agreement_endings.effective_on(notice_on),
        "error": error,
        "reason": reason,
    }
    return render(request, "roadmap/agreement_end.html", context, status=400 if error else 200)


_ENDED = {
    EndingKind.REFUSAL: "Отказ от наставничества подписан; руководитель получил уведомление.",
    EndingKind.WITHDRAWAL: "Отмена поручения подписана; наставник получил уведомление.",
}


def _signed_message(agreement) -> str:
    """«Соглашение подписано руководителем.», not «…подписано: Подписано руководителем.»"""
    if agreement.status == AgreementStatus.SIGNED:
        return "Соглашение подписано обеими сторонами."
    return "Соглашение подписано руководителем."


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
        success=_signed_message,
        back=reverse("roadmap:agreement-detail", args=[pk]),
    )
