"""A finished program's case: its page, the curator's edit, publication and PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.access import access, get_object_in_org, require
from programs import services
from programs.activity.selectors import case_activities
from programs.forms import CaseForm
from programs.models import Case
from programs.rules import can_curate_program, can_view_program
from programs.views import ANYONE, council_decisions_context, error_text


def _load_case(request, pk: int) -> Case:
    case = get_object_in_org(request, Case.objects.select_related("program__pair"), pk=pk)
    if not can_view_program(request.user, case.program):
        raise Http404
    return case


@access(*ANYONE)
def case_detail(request, pk: int):
    from mentoring.consents import missing_publication_consents

    case = _load_case(request, pk)
    return render(
        request,
        "programs/case.html",
        {
            "case": case,
            "program": case.program,
            "missing_consents": missing_publication_consents(case.program.pair),
            "activities": case_activities(case.program),
            "can_curate": can_curate_program(request.user, case.program),
            "council_decisions": council_decisions_context(request, case.program)[
                "council_decisions"
            ],
        },
    )


@access(*ANYONE)
def case_edit(request, pk: int):
    case = _load_case(request, pk)
    require(can_curate_program, request.user, case.program)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        services.case_save(case=case, data=form.cleaned_data, user=request.user)
        messages.success(request, "Кейс сохранён.")
        return redirect("programs:case-detail", pk=case.pk)
    return render(request, "programs/case_edit.html", {"case": case, "form": form})


@require_POST
@access(*ANYONE)
def case_publish(request, pk: int):
    case = _load_case(request, pk)
    require(can_curate_program, request.user, case.program)
    publish = request.POST.get("publish", "1") == "1"
    try:
        services.case_publish(case=case, user=request.user, publish=publish)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, "Кейс отмечен к публикации." if publish else "Кейс снят с публикации."
        )
    return redirect("programs:case-detail", pk=case.pk)


@access(*ANYONE)
def case_pdf(request, pk: int):
    from programs.pdf import case_pdf as build

    case = _load_case(request, pk)
    response = HttpResponse(build(case), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="case-{case.pk}.pdf"'
    return response
