"""Pages of the roadmap: its stages, versions and approval, and the normative base."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.access import MANAGING_ROLES, access, get_object_in_org, has_role
from core.cache import org_cached
from core.files import file_response
from core.models import Role
from core.signing.views import signing_response
from roadmap import plans, selectors, services
from roadmap.forms import (
    DocumentForm,
    EventDoneForm,
    RoadmapApproveForm,
    RoadmapEventForm,
    StageRowFormSet,
)
from roadmap.models import (
    Cycle,
    NormativeDocument,
    RoadmapEvent,
    RoadmapVersion,
)
from roadmap.new_year import OPENING_ROLES
from roadmap.rules import (
    can_approve_roadmap,
    can_draft_orders,
    can_edit_roadmap,
    can_upload_documents,
)
from roadmap.stages import STAGES, roadmap_progress
from roadmap.views.common import fail

# Network cooperation (seed 002, §4.4.3) serves the work of the pairs: partners' seminars, master
# classes and network forms of mentoring happen while the programs run.
NETWORK_STAGE = 6


@access(*MANAGING_ROLES)
def roadmap_detail(request):
    """The seven stages of the current cycle with their progress from live data; an earlier
    year (``?cycle=``) is shown for reading only."""
    organization = request.organization
    cycles = list(Cycle.objects.filter(organization=organization).order_by("-starts_on"))
    current = selectors.current_cycle(organization, among=cycles)
    if current not in cycles:  # created just now, on first use
        cycles = list(Cycle.objects.filter(organization=organization).order_by("-starts_on"))
    cycle = next((c for c in cycles if str(c.pk) == request.GET.get("cycle")), current)
    if cycle.pk != current.pk:
        return _earlier_year(request, cycle, cycles)
    stages = roadmap_progress(organization, cycle)
    documents = NormativeDocument.objects.filter(organization=organization).defer("content")
    today = timezone.localdate()
    network = org_cached(
        organization.pk,
        f"roadmap:network:{today}",
        lambda: selectors.network_block(organization=organization, today=today),
        reads=("mentoring", "roadmap"),
    )
    esign_order, esign_pending = selectors.esign_regulation_state(organization=organization)
    return render(
        request,
        "roadmap/roadmap.html",
        {
            "cycle": cycle,
            "stages": stages,
            "today": timezone.localdate(),
            "documents": documents,
            "network": network,
            "network_stage": NETWORK_STAGE,
            "document_form": DocumentForm(),
            "draft": selectors.draft_version(cycle),
            "approve_form": RoadmapApproveForm(),
            "can_approve": can_approve_roadmap(request.user, cycle),
            "can_edit_plan": can_edit_roadmap(request.user, organization),
            "can_upload": can_upload_documents(request.user, organization),
            "esign_order": esign_order,
            "esign_pending": esign_pending,
            "can_draft": can_draft_orders(request.user, organization),
            "cycles": cycles,
            "can_open_year": has_role(request.user, organization.pk, *OPENING_ROLES),
        },
    )


def _earlier_year(request, cycle, cycles):
    """A past year's roadmap as it stands: its approved plan and progress, nothing to change."""
    return render(
        request,
        "roadmap/roadmap.html",
        {
            "cycle": cycle,
            "stages": roadmap_progress(request.organization, cycle),
            "today": timezone.localdate(),
            "cycles": cycles,
            "earlier_year": True,
        },
    )


@require_POST
@access(Role.DIRECTOR)
def roadmap_approve(request):
    """The director approves the draft version (or the standard plan) with her password."""
    cycle = selectors.current_cycle(request.organization)
    return signing_response(
        request,
        lambda: plans.roadmap_approve(
            cycle=cycle,
            actor=request.user,
            password=request.POST.get("password", ""),
            request=request,
        ),
        success=lambda version: (
            f"Дорожная карта на {cycle.title} утверждена (редакция {version.number})."
        ),
        back=reverse("roadmap:roadmap-detail"),
    )


@require_POST
@access(Role.CURATOR, Role.COUNCIL)
def plan_draft(request):
    """Open the draft version of the roadmap, preparing it from the approved one if needed."""
    cycle = selectors.current_cycle(request.organization)
    plans.roadmap_version_draft(cycle=cycle, actor=request.user)
    return redirect("roadmap:plan-edit")


@access(Role.CURATOR, Role.COUNCIL)
def plan_edit(request):
    """The curator edits the draft's stage dates and responsible people and its own events."""
    cycle = selectors.current_cycle(request.organization)
    version = selectors.draft_version(cycle)
    if version is None:
        messages.info(
            request, "Проекта новой редакции нет: подготовьте его кнопкой на этой странице."
        )
        return redirect("roadmap:roadmap-detail")
    rows = list(version.stages.all())
    initial = [
        {k: getattr(r, k) for k in ("stage_number", "starts_on", "ends_on", "responsible")}
        for r in rows
    ]
    formset = StageRowFormSet(request.POST or None, initial=initial, prefix="stages")
    if formset.is_bound and formset.total_form_count() != len(rows):
        # A stale or tampered form: show the plan again rather than guess which row is which.
        messages.error(request, "Форма устарела: обновите страницу и внесите изменения ещё раз.")
        formset = StageRowFormSet(initial=initial, prefix="stages")
    if request.method == "POST" and formset.is_bound and formset.is_valid():
        try:
            plans.roadmap_stages_update(
                version=version, rows=[f.cleaned_data for f in formset], actor=request.user
            )
        except ValidationError as error:
            fail(request, error)
        else:
            messages.success(request, "Сроки и ответственные сохранены.")
            return redirect("roadmap:plan-edit")
    return render(request, "roadmap/plan_edit.html", _plan_context(version, rows, formset))


def _plan_context(version, rows, formset, event_form=None) -> dict:

    titles = {s.number: s.title for s in STAGES}
    return {
        "version": version,
        "pairs": [(titles[r.stage_number], form) for r, form in zip(rows, formset, strict=True)],
        "formset": formset,
        "events": version.events.all(),
        "event_form": event_form or RoadmapEventForm(),
    }


@require_POST
@access(Role.CURATOR, Role.COUNCIL)
def plan_event_add(request):
    cycle = selectors.current_cycle(request.organization)
    version = selectors.draft_version(cycle)
    if version is None:
        raise Http404("No draft version.")
    form = RoadmapEventForm(request.POST)
    if form.is_valid():
        try:
            plans.roadmap_event_add(version=version, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Мероприятие добавлено в проект дорожной карты.")
            return redirect("roadmap:plan-edit")
    rows = list(version.stages.all())
    initial = [
        {k: getattr(r, k) for k in ("stage_number", "starts_on", "ends_on", "responsible")}
        for r in rows
    ]
    formset = StageRowFormSet(initial=initial, prefix="stages")
    context = _plan_context(version, rows, formset, event_form=form)
    return render(request, "roadmap/plan_edit.html", context, status=400)


@require_POST
@access(Role.CURATOR, Role.COUNCIL)
def plan_event_delete(request, pk: int):
    event = get_object_in_org(request, RoadmapEvent, pk=pk)
    try:
        plans.roadmap_event_delete(event=event, actor=request.user)
        messages.success(request, f"Мероприятие «{event.title}» удалено из проекта.")
    except ValidationError as error:
        fail(request, error)
    return redirect("roadmap:plan-edit")


@require_POST
@access(Role.CURATOR, Role.COUNCIL)
def plan_event_done(request, pk: int):
    event = get_object_in_org(request, RoadmapEvent, pk=pk)
    form = EventDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Дата выполнения не распознана: выберите её в календаре.")
        return redirect("roadmap:plan-versions")
    try:
        event = plans.roadmap_event_mark_done(
            event=event, actor=request.user, done_on=form.cleaned_data["done_on"]
        )
        messages.success(
            request,
            f"«{event.title}»: отмечено выполнение {event.done_on:%d.%m.%Y}."
            if event.done_on
            else f"«{event.title}»: отметка о выполнении снята.",
        )
    except ValidationError as error:
        fail(request, error)
    return redirect("roadmap:plan-versions")


@access(*MANAGING_ROLES)
def plan_versions(request):
    """Every version of the cycle's roadmap, newest first, with its stages and events."""
    cycle = selectors.current_cycle(request.organization)
    versions = (
        RoadmapVersion.objects.filter(cycle=cycle)
        .defer("pdf")
        .select_related("created_by")
        .prefetch_related("stages", "events")
        .order_by("-number")[:20]
    )
    current = next((v for v in versions if not v.is_draft), None)

    return render(
        request,
        "roadmap/plan_versions.html",
        {
            "cycle": cycle,
            "versions": versions,
            "titles": {s.number: s.title for s in STAGES},
            "current_id": current.pk if current else None,
            "today": timezone.localdate(),
            "can_edit_plan": can_edit_roadmap(request.user, request.organization),
        },
    )


@require_POST
@access(Role.CURATOR, Role.COUNCIL, Role.ADMIN)
def document_add(request):
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Документ не загружен: укажите название и выберите файл.")
        return redirect("roadmap:roadmap-detail")
    try:
        services.normative_document_add(
            organization=request.organization,
            title=form.cleaned_data["title"],
            uploaded_file=form.cleaned_data["file"],
            actor=request.user,
        )
        messages.success(request, "Документ добавлен в нормативную базу.")
    except ValidationError as error:
        fail(request, error)
    return redirect("roadmap:roadmap-detail")


@access(*MANAGING_ROLES)
def document_download(request, pk: int):
    document = get_object_in_org(request, NormativeDocument, pk=pk)
    return file_response(bytes(document.content), document.file_name)
