"""The e-signature regulation first: one button drafts its order with the right list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.access import access
from roadmap import local_acts, selectors, services
from roadmap.models import OrderKind
from roadmap.rules import DRAFTING_ROLES


@access(*DRAFTING_ROLES)
def esign_draft(request):
    """GET shows who will be on the acknowledgement list; POST drafts the order."""
    organization = request.organization
    signed = selectors.esign_regulation(organization=organization)
    pending = selectors.esign_regulation_pending(organization=organization)
    if request.method == "POST":
        if signed is not None or pending is not None:
            messages.info(
                request,
                "Приказ об утверждении Положения об использовании простой электронной подписи "
                "уже есть: открыт он, второй не создан.",
            )
            return redirect(signed or pending)
        try:
            order = services.order_draft(
                organization=organization, kind=OrderKind.ESIGN_REGULATION, author=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("roadmap:esign-draft")
        messages.success(
            request,
            "Проект приказа готов. Проверьте текст Положения и отправьте приказ руководителю "
            "на подпись.",
        )
        return redirect(order)
    people = list(
        local_acts.concerned_staff(organization=organization, kind=OrderKind.ESIGN_REGULATION)
    )
    context = {"signed": signed, "pending": pending, "people": people}
    return render(request, "roadmap/esign_draft.html", context)
