"""The roadmap as the organization's own document (seed 002 §4.4.4): writes.

The curator prepares a draft version (a copy of the latest approved one, or of the standard
seven stages), edits each stage's dates and responsible people and adds events of her own; the
director approves it with the simple e-signature (password again, after reading the
e-signature regulation): the approved version is rendered once as a PDF with the QR code and
stored with its SHA-256, like an order. An approved version never changes; a later change is a
new version.
Only the «done» mark of an event is progress, not plan: the curator sets it on the approved
version, and it carries over to the next one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

from core.access import has_role
from core.audit import log_action, register_actions
from core.lifecycle import TransitionError
from core.models import Role, User
from core.signing.services import (
    Step,
    document_sign,
    qr_data_uri,
    signing_password_check,
    verify_url,
)
from roadmap.esign import director_esign_check
from roadmap.models import (
    Cycle,
    RoadmapEvent,
    RoadmapStageRow,
    RoadmapVersion,
    RoadmapVersionStatus,
)
from roadmap.stages import STAGES, planned_dates, stage_plan

EDITING_ROLES = (Role.CURATOR, Role.COUNCIL)
NOT_APPROVED = "Дорожная карта не утверждена"

register_actions(
    {
        "roadmap.version.drafted": "Подготовлена редакция {number} дорожной карты",
        "roadmap.event.added": "В дорожную карту добавлено мероприятие «{title}»",
        "roadmap.version.approved": "[actor:Утвердил|Утвердила] редакцию {number} дорожной карты",
    }
)


def _require_draft(version: RoadmapVersion) -> None:
    if not version.is_draft:
        raise TransitionError(
            f"Редакция {version.number} дорожной карты утверждена и не меняется. Чтобы "
            "изменить план, подготовьте новую редакцию.",
            code="version_frozen",
        )


def _require_editor(user: User, cycle: Cycle) -> None:
    if not has_role(user, cycle.organization_id, *EDITING_ROLES):
        raise ValidationError(
            "Дорожную карту готовит куратор или член рабочей группы.", code="not_editor"
        )


@transaction.atomic
def roadmap_version_draft(*, cycle: Cycle, actor: User) -> RoadmapVersion:
    """A draft version: the open draft if there is one, else a copy of the latest approved."""
    _require_editor(actor, cycle)
    Cycle.objects.select_for_update().get(pk=cycle.pk)
    draft = cycle.roadmap_versions.filter(status=RoadmapVersionStatus.DRAFT).first()
    if draft is not None:
        return draft
    return _new_version(cycle=cycle, actor=actor)


def _new_version(*, cycle: Cycle, actor: User) -> RoadmapVersion:
    previous = (
        cycle.roadmap_versions.filter(status=RoadmapVersionStatus.APPROVED)
        .prefetch_related("stages", "events")
        .first()
    )
    last = cycle.roadmap_versions.aggregate(n=Max("number"))["n"] or 0
    version = RoadmapVersion.objects.create(
        organization_id=cycle.organization_id, cycle=cycle, number=last + 1, created_by=actor
    )
    if previous is not None:
        rows = [
            RoadmapStageRow(
                version=version,
                stage_number=row.stage_number,
                starts_on=row.starts_on,
                ends_on=row.ends_on,
                responsible=row.responsible,
            )
            for row in previous.stages.all()
        ]
        events = [
            RoadmapEvent(
                version=version,
                stage_number=e.stage_number,
                title=e.title,
                due_on=e.due_on,
                responsible=e.responsible,
                expected_result=e.expected_result,
                done_on=e.done_on,
                copied_from=e,
            )
            for e in previous.events.all()
        ]
    else:
        rows = []
        for stage in STAGES:
            starts_on, ends_on = planned_dates(stage, cycle)
            rows.append(
                RoadmapStageRow(
                    version=version,
                    stage_number=stage.number,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    responsible=stage.responsible,
                )
            )
        events = []
    for row in rows:
        row.save()
    for event in events:
        event.save()
    log_action(version, "roadmap.version.drafted", actor=actor, number=version.number)
    return version


def _check_inside_cycle(cycle: Cycle, day: dt.date, what: str) -> None:
    if not cycle.contains(day):
        raise ValidationError(
            f"{what} ({day:%d.%m.%Y}) выходит за пределы цикла {cycle.title}: укажите дату "
            f"с {cycle.starts_on:%d.%m.%Y} по {cycle.ends_on:%d.%m.%Y}.",
            code="outside_cycle",
        )


@transaction.atomic
def roadmap_stages_update(
    *, version: RoadmapVersion, rows: Iterable[dict], actor: User
) -> RoadmapVersion:
    """Save the dates and responsible people of the draft's stages.

    ``rows``: dicts with ``stage_number``, ``starts_on``, ``ends_on``, ``responsible``.
    """
    version = RoadmapVersion.objects.select_for_update().select_related("cycle").get(pk=version.pk)
    _require_editor(actor, version.cycle)
    _require_draft(version)
    existing = {row.stage_number: row for row in version.stages.all()}
    for data in rows:
        row = existing.get(int(data["stage_number"]))
        if row is None:
            raise ValidationError("Такого этапа в дорожной карте нет.", code="unknown_stage")
        responsible = (data.get("responsible") or "").strip()
        if not responsible:
            raise ValidationError(
                f"Укажите ответственных за этап {row.stage_number}.", code="responsible_required"
            )
        if data["ends_on"] < data["starts_on"]:
            raise ValidationError(
                f"Этап {row.stage_number}: окончание раньше начала. Исправьте даты.",
                code="end_before_start",
            )
        _check_inside_cycle(version.cycle, data["starts_on"], f"Начало этапа {row.stage_number}")
        _check_inside_cycle(version.cycle, data["ends_on"], f"Окончание этапа {row.stage_number}")
        row.starts_on, row.ends_on, row.responsible = (
            data["starts_on"],
            data["ends_on"],
            responsible,
        )
        row.save()
    return version


@transaction.atomic
def roadmap_event_add(
    *,
    version: RoadmapVersion,
    actor: User,
    stage_number: int,
    title: str,
    due_on: dt.date,
    responsible: str,
    expected_result: str,
) -> RoadmapEvent:
    """The curator's own event in the draft: what, when, who, with what result."""
    version = RoadmapVersion.objects.select_for_update().select_related("cycle").get(pk=version.pk)
    _require_editor(actor, version.cycle)
    _require_draft(version)
    if int(stage_number) not in {s.number for s in STAGES}:
        raise ValidationError("Выберите этап дорожной карты.", code="unknown_stage")
    _check_inside_cycle(version.cycle, due_on, "Срок мероприятия")
    event = RoadmapEvent(
        version=version,
        stage_number=int(stage_number),
        title=(title or "").strip(),
        due_on=due_on,
        responsible=(responsible or "").strip(),
        expected_result=(expected_result or "").strip(),
    )
    event.full_clean(exclude=["copied_from", "done_on"])
    event.save()
    log_action(event.version, "roadmap.event.added", actor=actor, title=event.title)
    return event


@transaction.atomic
def roadmap_event_delete(*, event: RoadmapEvent, actor: User) -> None:
    """Remove an event from the draft (an approved version keeps its events)."""
    version = (
        RoadmapVersion.objects.select_for_update().select_related("cycle").get(pk=event.version_id)
    )
    _require_editor(actor, version.cycle)
    _require_draft(version)
    event.delete()


@transaction.atomic
def roadmap_event_mark_done(
    *, event: RoadmapEvent, actor: User, done_on: dt.date | None
) -> RoadmapEvent:
    """The curator marks an event of an approved version done on a date, or clears the mark."""
    event = (
        RoadmapEvent.objects.select_for_update().select_related("version__cycle").get(pk=event.pk)
    )
    _require_editor(actor, event.version.cycle)
    if event.version.is_draft:
        raise ValidationError(
            "Отмечать выполнение можно в утверждённой дорожной карте, а не в проекте.",
            code="draft_event",
        )
    if done_on is not None and done_on > timezone.localdate():
        raise ValidationError(
            "Дата выполнения не может быть в будущем: отметьте мероприятие, когда оно пройдёт.",
            code="done_in_future",
        )
    event.done_on = done_on
    event.save()
    return event


def roadmap_version_approve(
    *,
    version: RoadmapVersion,
    actor: User,
    password: str,
    ip: str | None = None,
    request: HttpRequest | None = None,
) -> RoadmapVersion:
    """The director approves the draft with the simple e-signature; it is frozen from then on."""
    return document_sign(
        kind="roadmap",
        document=version,
        signer=actor,
        password=password,
        request=request,
        ip=ip,
        not_done=NOT_APPROVED,
        prepare=lambda current, now: _approval(current, actor),
        after=_cycle_approved,
    )


def roadmap_approve(
    *, cycle: Cycle, actor: User, password: str, ip: str | None = None, request=None
) -> RoadmapVersion:
    """Approve the cycle's draft; without one, the standard plan as the first version.

    The password comes first: until it is right, nothing is said about the roadmap's state.
    """
    signing_password_check(signer=actor, password=password, not_done=NOT_APPROVED, request=request)
    _check_director(cycle, actor)
    draft = cycle.roadmap_versions.filter(status=RoadmapVersionStatus.DRAFT).first()
    if draft is None and cycle.roadmap_approved_at is not None:
        raise ValidationError(
            f"Дорожная карта уже утверждена "
            f"{timezone.localtime(cycle.roadmap_approved_at):%d.%m.%Y}. Чтобы изменить её, "
            "куратор готовит новую редакцию.",
            code="already_approved",
        )
    with transaction.atomic():
        if draft is None:
            Cycle.objects.select_for_update().get(pk=cycle.pk)
            draft = _new_version(cycle=cycle, actor=actor)
        # The password was checked above; the same one signs (and is not counted twice).
        return roadmap_version_approve(
            version=draft, actor=actor, password=password, ip=ip, request=None
        )


def _check_director(cycle: Cycle, actor: User) -> None:
    director_esign_check(
        signer=actor,
        organization=cycle.organization,
        director_only="Утвердить дорожную карту может только руководитель организации.",
    )


def _approval(version: RoadmapVersion, actor: User) -> Step:
    _check_director(version.cycle, actor)
    if not version.is_draft:
        raise TransitionError(
            f"Редакция {version.number} уже утверждена "
            f"{timezone.localtime(version.approved_at):%d.%m.%Y}.",
            code="already_approved",
        )
    # Marks set on the previous version while this one was drafted are not lost.
    for event in version.events.filter(
        done_on__isnull=True, copied_from__done_on__isnull=False
    ).select_related("copied_from"):
        event.done_on = event.copied_from.done_on
        event.save()
    version.status = RoadmapVersionStatus.APPROVED
    version.approver_name = actor.full_name or version.cycle.organization.director_name
    return Step("roadmap.version.approved", data={"number": version.number})


def _cycle_approved(version: RoadmapVersion) -> None:
    cycle = Cycle.objects.select_for_update().get(pk=version.cycle_id)
    cycle.roadmap_approved_at = version.approved_at
    cycle.roadmap_approved_by = version.approved_by
    cycle.save()


def roadmap_pdf_context(version: RoadmapVersion) -> dict:
    """The approved version as a document: «УТВЕРЖДАЮ», the stages and events, the stamp."""
    from roadmap.selectors import plan_by_stage
    from roadmap.services.orders import initials_first

    cycle = version.cycle
    plan = plan_by_stage(version)
    rows = []
    for stage in STAGES:
        starts_on, ends_on, responsible, events = stage_plan(stage, cycle, plan)
        rows.append(
            {
                "stage": stage,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "responsible": responsible,
                "events": events,
            }
        )
    url = verify_url(version.verify_code)
    organization = cycle.organization
    return {
        "version": version,
        "cycle": cycle,
        "organization": organization,
        "rows": rows,
        "approved_local": timezone.localtime(version.approved_at),
        "director_short": initials_first(version.approver_name),
        "verify_url": url,
        "qr": qr_data_uri(url),
    }
