"""A program's decisions of the methodical council: the curator or a council member attaches
a decision of a signed protocol from the program's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from core.access import access
from core.models import Role
from programs import services
from programs.forms import CouncilDecisionForm
from programs.views import load_program


@require_POST
@access(Role.CURATOR, Role.COUNCIL)
def council_decision_link(request, pk: int):
    program = load_program(request, pk, plan=False)
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
