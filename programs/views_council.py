"""A program's decisions of the methodical council: the curator or a council member attaches
a decision of a signed protocol from the program's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from core.access import access, require
from programs import services
from programs.forms import CouncilDecisionForm
from programs.views import ANYONE, load_program
from roadmap.rules import can_manage_council


@require_POST
@access(*ANYONE)
def council_decision_link(request, pk: int):
    # Like every program URL: who may not see the program gets 404, whoever sees it but is
    # neither the curator nor a council member gets 403.
    program = load_program(request, pk, plan=False)
    require(can_manage_council, request.user, request.organization)
    form = CouncilDecisionForm(request.POST, organization=request.organization)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(program)
    try:
        services.program_council_decision_link(
            program=program, decision=form.cleaned_data["decision"], actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Решение методического совета привязано к программе.")
    return redirect(program)
