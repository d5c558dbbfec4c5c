"""Changes to a running program: proposed by a participant, agreed, accepted or rejected."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.access import access, get_object_in_org, require
from programs import services
from programs.forms import ChangeForm, DecisionForm
from programs.models import ProgramChange
from programs.rules import can_curate_program, can_view_program, is_program_participant
from programs.views import ANYONE, attach_errors, error_text, load_program, program_page_context


@require_POST
@access(*ANYONE)
def change_propose(request, pk: int):
    program = load_program(request, pk)
    if not (
        is_program_participant(request.user, program) or can_curate_program(request.user, program)
    ):
        raise PermissionDenied
    form = ChangeForm(request.POST)
    if form.is_valid():
        try:
            services.change_propose(program=program, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request, "Изменение предложено. Его должен согласовать второй участник."
            )
            return redirect(program)
    context = program_page_context(request, program)
    context["change_form"] = form
    return render(request, "programs/detail.html", context, status=422)


def _change_action(request, pk: int, rule, action, success: str, **kwargs):
    change = get_object_in_org(request, ProgramChange.objects.select_related("program"), pk=pk)
    if not can_view_program(request.user, change.program):
        raise Http404
    require(rule, request.user, change.program)
    try:
        action(change=change, user=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success)
    return redirect(change.program)


@require_POST
@access(*ANYONE)
def change_agree(request, pk: int):
    return _change_action(
        request, pk, is_program_participant, services.change_agree, "Вы согласовали изменение."
    )


@require_POST
@access(*ANYONE)
def change_accept(request, pk: int):
    form = DecisionForm(request.POST)
    form.is_valid()
    return _change_action(
        request,
        pk,
        can_curate_program,
        services.change_accept,
        "Изменение принято. Сроки и досрочное завершение вступят в силу после приказа "
        "руководителя: его проект подготовлен, он в разделе «Приказы».",
        comment=form.cleaned_data.get("comment", ""),
    )


@require_POST
@access(*ANYONE)
def change_reject(request, pk: int):
    form = DecisionForm(request.POST)
    form.is_valid()
    return _change_action(
        request,
        pk,
        can_curate_program,
        services.change_reject,
        "Изменение отклонено.",
        comment=form.cleaned_data.get("comment", ""),
    )
