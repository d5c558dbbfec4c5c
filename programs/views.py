"""The program pages: the list, a new program, the program page with its note, life cycle and PDF.

The other page families of the app: ``views_plan`` (the plan's rows inline), ``views_meetings``
(the meeting log and the calendar), ``views_changes``, ``views_cases``, ``views_templates``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from core.access import MANAGING_ROLES, access, get_object_in_org, require
from core.cache import org_cached
from core.jobs import job_start
from core.models import Role
from core.paging import kept_rows
from programs import selectors, services, tables
from programs.activity.selectors import program_activities
from programs.forms import (
    ChangeForm,
    MeetingForm,
    NoteForm,
    ProgramCreateForm,
    ProgramFilterForm,
    ReturnForm,
    RowPlanForm,
)
from programs.models import Case, Program, ProgramTemplate
from programs.orders import (
    draft_approval_order,
    pending_approval_order,
    programs_waiting_for_an_order,
)
from programs.rules import (
    can_create_program,
    can_curate_program,
    can_edit_program,
    can_report_program,
    can_start_program,
    can_view_program,
    is_program_participant,
)
from roadmap.selectors import orders_about
from roadmap.views.orders import draft_message

PARTICIPANTS = (Role.MENTOR, Role.MENTEE)
ANYONE = (*MANAGING_ROLES, *PARTICIPANTS)


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def load_program(
    request, pk: int, rule=can_view_program, *, plan: bool = True, page: bool = True
) -> Program:
    """The program for the user (404 if she may not see it, 403 if ``rule`` refuses), with
    everything its page shows (``page``; the plan too with ``plan``), or only its people."""
    programs = Program.objects.all()
    found = (
        selectors.program_for_page(programs, plan=plan)
        if page
        else selectors.program_with_people(programs)
    )
    program = get_object_in_org(request, found, pk=pk, rule=can_view_program)
    if rule is not can_view_program:
        require(rule, request.user, program)
    return program


@access(*ANYONE)
def program_list(request):
    """Programs with progress and overdue events: all for managers, their own for participants."""
    form = ProgramFilterForm(request.GET or None, organization=request.organization)
    status, mentor = "", None
    if form.is_valid():
        status, mentor = form.cleaned_data["status"], form.cleaned_data["mentor"]
    qs = selectors.program_list(
        user=request.user,
        organization=request.organization,
        roles=request.roles,
        status=status,
        mentor=mentor,
    )
    managing = bool(request.roles & MANAGING_ROLES)
    counts = selectors.organization_counts(organization=request.organization) if managing else None
    # A manager's whole list has as many programs as the counts give: not counted again.
    total = sum(counts["by_status"].values()) if counts and not (status or mentor) else None
    page = selectors.program_page(
        qs,
        organization=request.organization,
        number=request.GET.get("page"),
        total=total,
        own=not managing,
    )
    # The rows (progress, people, headings in the genitive) are rendered once per change of
    # the organization's data and kept in its cache.
    pks = page.object_list
    rows = kept_rows(
        request.organization.pk,
        "programs:rows",
        pks,
        "programs/partials/program_rows.html",
        lambda: {"programs": tables.programs(selectors.decorate_page(pks))},
        reads=("programs", "mentoring", "people"),
    )
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "can_create": can_create_program(request.user, request.organization),
    }
    if managing:
        context["counts"] = counts
        # The mentors to filter by, kept like the rows: the same for every manager.
        context["mentor_options"] = org_cached(
            request.organization.pk,
            "programs:mentor-options",
            lambda: [(m.pk, m.short_name) for m in form.fields["mentor"].queryset],
            reads=("programs", "mentoring", "people"),
        )
    template = "programs/partials/program_table.html" if request.htmx else "programs/list.html"
    return render(request, template, context)


@access(Role.MENTOR, Role.CURATOR, Role.COUNCIL)
def program_create(request):
    pairs = selectors.pairs_without_program(
        organization=request.organization, user=request.user, roles=request.roles
    )
    templates = ProgramTemplate.objects.filter(organization=request.organization)
    initial = {}
    if request.method != "POST":
        # The pair asked for (or the only one) starts from the template of its form.
        asked = request.GET.get("pair", "")
        choice = (
            pairs.filter(pk=int(asked)).first()
            if asked.isdigit()
            else (pairs.first() if len(pairs) == 1 else None)
        )
        if choice is not None:
            found = selectors.template_for_pair(choice, templates)
            initial = {"pair": choice.pk, "template": found.pk if found else None}
    form = ProgramCreateForm(
        request.POST or None, initial=initial, pairs=pairs, templates=templates
    )
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_create(author=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, "Черновик программы создан. Заполните записку и план.")
            return redirect(program)
    return render(request, "programs/create.html", {"form": form, "has_pairs": pairs.exists()})


def attach_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error.messages)


def _tables(program: Program, *, can_edit: bool, can_report: bool) -> dict:
    """The plan and the meeting log rendered, with the progress they give."""
    rows, meetings = selectors.plan_of(program), selectors.meeting_log_of(program)
    plan = tables.plan_rows(
        rows, running=program.is_running, can_edit=can_edit, can_report=can_report
    )
    # Printed as ``plan_rows.html`` and ``meeting_rows.html`` print them, without the template
    # engine (``tables.plan_rows_html``).
    return {
        "progress": selectors.progress_of(rows, running=program.is_running),
        "meetings_count": len(meetings),
        "plan_rows": mark_safe(tables.plan_rows_html(plan)),  # noqa: S308 - escaped there
        "meeting_rows": mark_safe(tables.meeting_rows_html(tables.meetings(meetings))),  # noqa: S308
    }


# A blank form's fields depend on the code alone (no data, no date, no user): rendered once per
# process and language. With DEBUG a template being edited shows at once.
BLANK_FORMS = {
    "meeting": lambda: {"meeting_form": MeetingForm()},
    "change": lambda: {"change_form": ChangeForm()},
    "row_add": lambda: {"row_add_form": RowPlanForm(prefix="add")},
}
_blank: dict[tuple[str, str], str] = {}


def blank_fields(name: str) -> str:
    """The fields of the blank form ``name`` of ``BLANK_FORMS``, rendered."""
    key = (name, get_language())
    found = None if settings.DEBUG else _blank.get(key)
    if found is None:
        found = render_to_string(f"programs/partials/{name}_fields.html", BLANK_FORMS[name]())
        _blank[key] = found
    return found


# What the program page shows about the program besides the plan and the meeting log: the
# program with its pair, people, agreements and changes (``selectors.program_for_page``), its
# activity records, orders, council decisions and case. Kept per program until one of the groups
# these come from is written (core.cache): served again, the page runs no query for them.
ABOUT_READS = ("org", "people", "mentoring", "programs", "roadmap")


def _about(program: Program) -> dict:
    """What the program page shows about the program beside its own fields."""
    return {
        "activities": list(program_activities(program)),
        "orders": list(orders_about(program)),
        "council_decisions": _council_decisions(program),
        "case": Case.objects.filter(program=program).first() if program.is_finished else None,
    }


def _kept_page(request, pk: int) -> tuple[Program, dict]:
    """The program and ``_about`` it, from the cache until they change; 404 outside the
    organization and for whoever may not see the program (as ``load_program``)."""
    organization = request.organization

    def build() -> tuple[Program, dict] | None:
        found = Program.objects.filter(organization=organization, pk=pk)
        program = selectors.program_for_page(found, plan=False, agreements=False).first()
        if program is None:
            return None
        if program.is_draft:
            prefetch_related_objects([program], selectors.AGREEMENTS)
        return program, _about(program)

    kept = org_cached(organization.pk, f"program:{pk}:page", build, reads=ABOUT_READS)
    if kept is None or not can_view_program(request.user, kept[0]):
        raise Http404("Not visible to this user.")
    return kept


def program_page_context(request, program: Program, *, about: dict | None = None) -> dict:
    # Only a draft is agreed: its page alone shows who agreed.
    state = services.agreement_state(program) if program.is_draft else {"agreed_ids": set()}
    user_staff_ids = {
        m.pk
        for m in [*program.pair.mentors.all(), *program.pair.mentees.all()]
        if m.user_id == request.user.pk
    }
    can_edit = can_edit_program(request.user, program)
    can_report = can_report_program(request.user, program)
    # The two long tables (60 events, 100 meetings) are rendered once per change of the
    # organization's data, for each combination of the buttons they show.
    tables = org_cached(
        program.organization_id,
        f"program:{program.pk}:tables:{can_edit:d}{can_report:d}",
        lambda: _tables(program, can_edit=can_edit, can_report=can_report),
        reads=("programs",),
    )
    return {
        "program": program,
        **tables,
        **(about if about is not None else _about(program)),
        "agreement": state,
        "i_agreed": bool(user_staff_ids & state["agreed_ids"]),
        "is_participant": is_program_participant(request.user, program),
        "can_edit": can_edit,
        "can_report": can_report,
        "can_curate": can_curate_program(request.user, program),
        # Blank forms look the same on every program page: their fields are rendered once. A
        # view that shows one with errors adds it as meeting_form, change_form or row_form.
        "meeting_fields": blank_fields("meeting"),
        "change_fields": blank_fields("change"),
        "row_add_fields": blank_fields("row_add") if can_edit else "",
        "council_form": _council_form(request),
    }


def _council_decisions(program: Program) -> list:
    from programs.models import ProgramCouncilDecision

    return list(
        ProgramCouncilDecision.objects.filter(program=program)
        .select_related("decision__meeting")
        .order_by("decision__meeting__held_on", "decision__position")
    )


def _council_form(request):
    """The form to attach a council decision, for who may (else None)."""
    from programs.forms import CouncilDecisionForm
    from roadmap.rules import can_manage_council

    if not can_manage_council(request.user, request.organization):
        return None
    return CouncilDecisionForm(organization=request.organization)


def council_decisions_context(request, program: Program) -> dict:
    """The council's decisions attached to the program, and the form to attach one."""
    return {
        "council_decisions": _council_decisions(program),
        "council_form": _council_form(request),
    }


@access(*ANYONE)
def program_detail(request, pk: int):
    program, about = _kept_page(request, pk)  # the plan comes from the cache too
    context = program_page_context(request, program, about=about)
    return render(request, "programs/detail.html", context)


@access(*ANYONE)
def program_edit(request, pk: int):
    """The note; a save carries the version it was loaded at."""
    program = load_program(request, pk, rule=can_edit_program)
    conflict = None
    if request.method == "POST":
        form = NoteForm(request.POST, instance=Program(pk=program.pk, pair=program.pair))
        if form.is_valid():
            try:
                services.program_note_save(
                    program=program,
                    data=form.cleaned_data,
                    loaded_version=form.cleaned_data["version"],
                    user=request.user,
                )
            except services.ConflictError as error:
                conflict = error
                form = merged_form(NoteForm, request.POST, error)
            except ValidationError as error:
                attach_errors(form, error)
            else:
                messages.success(request, "Пояснительная записка сохранена.")
                return redirect(program)
    else:
        form = NoteForm(instance=program, initial={"version": program.version})
    return render(
        request, "programs/edit.html", {"program": program, "form": form, "conflict": conflict}
    )


def merged_form(form_class, data, error, **kwargs):
    """The form again, merged with the saved version; the hidden version becomes the current one.

    Fields the other person changed and this one did not take the saved values, so saving the
    form as it is never reverts their change; this person's own changes stay.
    """
    data = data.copy()
    for field, value in error.merged.items():
        data[field] = value.isoformat() if hasattr(value, "isoformat") else value or ""
    data["version"] = str(error.current.version)
    return form_class(data, **kwargs)


def _transition(request, pk: int, rule, action, success: str, **kwargs):
    program = load_program(request, pk, rule=rule)
    try:
        action(program=program, user=request.user, **kwargs)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success)
    return redirect(program)


@require_POST
@access(*ANYONE)
def program_agree(request, pk: int):
    return _transition(
        request, pk, is_program_participant, services.program_agree, "Ваше согласие записано."
    )


@require_POST
@access(*ANYONE)
def program_review(request, pk: int):
    return _transition(
        request,
        pk,
        can_curate_program,
        services.program_review,
        "Программа проверена и ждёт приказа руководителя об утверждении.",
    )


@require_POST
@access(*ANYONE)
def program_return(request, pk: int):
    form = ReturnForm(request.POST)
    comment = form.data.get("comment", "")
    return _transition(
        request,
        pk,
        can_curate_program,
        services.program_return,
        "Программа возвращена участникам с замечаниями.",
        comment=comment,
    )


@require_POST
@access(*ANYONE)
def program_start(request, pk: int):
    return _transition(
        request, pk, can_start_program, services.program_start, "Работа по программе начата."
    )


@require_POST
@access(*ANYONE)
def program_complete(request, pk: int):
    return _transition(
        request,
        pk,
        can_curate_program,
        services.program_complete,
        "Программа завершена. Кейс заполнен по программе: проверьте его.",
    )


@require_POST
@access(Role.CURATOR)
def approval_order_prepare(request):
    """The curator prepares the director's order approving all reviewed programs."""
    reviewed = Program.objects.filter(organization=request.organization, status="reviewed")
    programs = list(
        programs_waiting_for_an_order(reviewed)
        .select_related("pair")
        .prefetch_related("pair__mentors", "pair__mentees")
    )
    if not programs:
        pending = pending_approval_order(request.organization)
        if pending is not None:
            messages.info(request, "Все проверенные программы уже включены в проект приказа.")
            return redirect(pending.get_absolute_url())
        messages.error(request, "Нет проверенных программ: утверждать пока нечего.")
        return redirect("programs:program-list")
    try:
        order = draft_approval_order(
            organization=request.organization, programs=programs, author=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("programs:program-list")
    draft_message(request, order, f"Проект приказа подготовлен: программ в нём — {len(programs)}.")
    return redirect(order.get_absolute_url())


@access(*ANYONE)
def program_pdf(request, pk: int):
    """A short plan is rendered at once; a long one by the worker, behind a progress page."""
    from programs.jobs import PROGRAM_PDF, SYNC_ROWS
    from programs.pdf import program_pdf as build

    program = load_program(request, pk)
    if program.rows.count() > SYNC_ROWS:
        job = job_start(
            organization=request.organization,
            user=request.user,
            kind=PROGRAM_PDF,
            title=f"Программа наставничества в PDF: {program.heading}",
            params={"program": program.pk},
            back_url=program.get_absolute_url(),
        )
        return redirect(job)
    response = HttpResponse(build(program), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="program-{program.pk}.pdf"'
    return response
