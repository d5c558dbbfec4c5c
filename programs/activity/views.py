"""Activity records: enter, correct, confirm or return, the evidence file, the portfolio."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.access import access, get_object_in_org, require
from core.files import file_response
from core.paging import page_of
from mentoring.models import StaffMember
from programs.activity import selectors, services
from programs.activity.forms import ActivityForm, ActivityReturnForm
from programs.activity.rules import (
    can_add_activity,
    can_correct_activity,
    can_review_activity,
    can_view_activity,
    can_view_portfolio,
)
from programs.models import Activity
from programs.services.common import staff_of
from programs.views import ANYONE, attach_errors, error_text, load_program


def _program_anchor(program) -> str:
    return reverse("programs:program-detail", args=[program.pk]) + "#activity"


def _load(request, pk: int, rule=can_view_activity) -> Activity:
    activity = get_object_in_org(
        request,
        Activity.objects.select_related("staff", "program__pair"),
        pk=pk,
        rule=can_view_activity,
    )
    if rule is not can_view_activity:
        require(rule, request.user, activity)
    return activity


@access(*ANYONE)
def activity_add(request, pk: int):
    program = load_program(request, pk, rule=can_add_activity, plan=False)
    bound = request.method == "POST"
    form = ActivityForm(request.POST if bound else None, request.FILES if bound else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_submit(
                program=program,
                staff=staff_of(request.user, program),
                data=form.cleaned_data,
                evidence=request.FILES.get("evidence_file"),
                user=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Запись внесена и ждёт подтверждения куратора.")
            return redirect(_program_anchor(program))
    status = 422 if form.is_bound else 200
    context = {"program": program, "form": form, "activity": None}
    return render(request, "programs/activity_form.html", context, status=status)


@access(*ANYONE)
def activity_edit(request, pk: int):
    activity = _load(request, pk, can_correct_activity)
    bound = request.method == "POST"
    form = ActivityForm(
        request.POST if bound else None, request.FILES if bound else None, instance=activity
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_resubmit(
                activity=activity,
                data=form.cleaned_data,
                evidence=request.FILES.get("evidence_file"),
                user=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Запись исправлена и снова ждёт подтверждения куратора.")
            return redirect(_program_anchor(activity.program))
    status = 422 if form.is_bound else 200
    context = {"program": activity.program, "form": form, "activity": activity}
    return render(request, "programs/activity_form.html", context, status=status)


@require_POST
@access(*ANYONE)
def activity_confirm(request, pk: int):
    activity = _load(request, pk, can_review_activity)
    try:
        services.activity_confirm(activity=activity, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, "Запись подтверждена: она учтена в портфолио и мониторинге.")
    return redirect(_program_anchor(activity.program))


@require_POST
@access(*ANYONE)
def activity_return(request, pk: int):
    activity = _load(request, pk, can_review_activity)
    form = ActivityReturnForm(request.POST)
    try:
        services.activity_return(
            activity=activity,
            user=request.user,
            reason=form.data.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, "Запись возвращена автору с вашим замечанием.")
    return redirect(_program_anchor(activity.program))


@access(*ANYONE)
def activity_evidence(request, pk: int):
    activity = _load(request, pk)
    if not activity.evidence_file:
        raise Http404
    with activity.evidence_file.open("rb") as stored:
        content = stored.read()
    return file_response(content, Path(activity.evidence_file.name).name)


@access(*ANYONE)
def portfolio(request, pk: int):
    """A person's activity: everything for herself, confirmed records for managers."""
    staff = get_object_in_org(request, StaffMember.objects.all(), pk=pk)
    if not can_view_portfolio(request.user, staff):
        raise Http404
    own = staff.user_id == request.user.pk
    records = selectors.portfolio(staff, confirmed_only=not own)
    page = page_of(records, request.GET.get("page"), organization_id=request.organization.pk)
    context = {"staff": staff, "page": page, "own": own}
    return render(request, "programs/portfolio.html", context)
