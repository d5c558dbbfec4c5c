"""Reads of orders and cycles, always within one organization."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Subquery
from django.utils import timezone

from core.models import Organization, Role, User
from core.plugins import RelatedDocument
from core.tally import part, tally
from roadmap.models import (
    Cycle,
    Order,
    OrderKind,
    OrderPerson,
    OrderStatus,
    RoadmapVersion,
    RoadmapVersionStatus,
)


def cycle_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The academic year (1 September to 31 August) that contains ``day``."""
    start_year = day.year if day.month >= 9 else day.year - 1
    return dt.date(start_year, 9, 1), dt.date(start_year + 1, 8, 31)


def current_cycle(organization: Organization, *, among: list[Cycle] | None = None) -> Cycle:
    """The organization's current cycle: the next year once the curator opened it ahead of
    its start (``roadmap.new_year``), else today's academic year, created on first use.

    ``among``: all the organization's cycles, newest first, when the caller has them already.
    """
    starts_on, ends_on = cycle_bounds(timezone.localdate())
    if among and among[0].starts_on >= starts_on:
        return among[0]
    cycle = (
        Cycle.objects.filter(organization=organization, starts_on__gte=starts_on)
        .order_by("-starts_on")
        .first()
    )
    if cycle is not None:
        return cycle
    try:
        with transaction.atomic():
            return Cycle.objects.create(
                organization=organization,
                starts_on=starts_on,
                ends_on=ends_on,
                title=f"{starts_on.year}/{ends_on.year} учебный год",
            )
    except IntegrityError:
        return Cycle.objects.get(organization=organization, starts_on=starts_on)


def orders_about(obj) -> QuerySet[Order]:
    """Orders linked to an object, newest first (for «закреплена приказом № 12-од от …»)."""
    content_type = ContentType.objects.get_for_model(type(obj))
    return (
        Order.objects.filter(subjects__content_type=content_type, subjects__object_id=obj.pk)
        .defer("body", "annexes", "document_text", "search_text")  # pages show the heading
        .order_by("-order_date", "-pk")
    )


def order_documents_about(obj) -> list[RelatedDocument]:
    """Signed orders about an object, for its page (registered in ``related_documents``)."""
    return [
        RelatedDocument(f"приказ {order.reference}", order.get_absolute_url())
        for order in orders_about(obj).filter(status=OrderStatus.SIGNED)
    ]


def order_register(
    *,
    organization: Organization,
    kind: str = "",
    status: str = "",
    year: int | None = None,
    signer: int | None = None,
    query: str = "",
) -> QuerySet[Order]:
    """The register of orders with its filters; the text search folds Cyrillic case."""
    qs = (
        Order.objects.filter(organization=organization)
        .defer("body", "search_text", "return_comment")
        .order_by("-journal_year", "-number", "-created_at", "-pk")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(Q(journal_year=year) | Q(journal_year__isnull=True, created_at__year=year))
    if signer:
        qs = qs.filter(signed_by_id=signer)
    return qs.search(query)


def with_acknowledgements(orders) -> list[Order]:
    """Set ``people_total`` and ``people_done`` on each order, in one query for all of them."""
    orders = list(orders)
    counts = {
        row["order"]: row
        for row in OrderPerson.objects.filter(order__in=[o.pk for o in orders])
        .values("order")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(acknowledged_at__isnull=False)))
    }
    for order in orders:
        row = counts.get(order.pk, {})
        order.people_total = row.get("total", 0)
        order.people_done = row.get("done", 0)
    return orders


def register_rows(*, organization: Organization, pks: list[int]) -> list[Order]:
    """The register's orders ``pks`` in the order given, with their acknowledgements."""
    found = {
        o.pk: o
        for o in Order.objects.filter(organization=organization, pk__in=pks).defer(
            "body", "search_text", "return_comment"
        )
    }
    return with_acknowledgements([found[pk] for pk in pks if pk in found])


def register_years(*, organization: Organization) -> list[int]:
    years = (
        Order.objects.filter(organization=organization, journal_year__isnull=False)
        .values_list("journal_year", flat=True)
        .distinct()
        .order_by("-journal_year")
    )
    return list(years)


def register_signers(*, organization: Organization) -> list[User]:
    ids = (
        Order.objects.filter(organization=organization, signed_by__isnull=False)
        .values("signed_by")
        .distinct()
    )
    return list(User.objects.filter(pk__in=ids).order_by("last_name"))


def esign_acknowledged(*, user: User, organization: Organization) -> bool:
    """True when the user acknowledged the signed regulation on the simple e-signature."""
    return OrderPerson.objects.filter(
        order__organization=organization,
        order__kind=OrderKind.ESIGN_REGULATION,
        order__status=OrderStatus.SIGNED,
        staff__user=user,
        acknowledged_at__isnull=False,
    ).exists()


def esign_regulation(*, organization: Organization) -> Order | None:
    """The latest signed regulation on the simple e-signature of the organization."""
    return (
        Order.objects.filter(
            organization=organization,
            kind=OrderKind.ESIGN_REGULATION,
            status=OrderStatus.SIGNED,
        )
        .order_by("-signed_at")
        .first()
    )


def first_of_each_kind(orders: QuerySet[Order], kinds, *ordering: str) -> dict[str, Order]:
    """The first of ``orders`` of each of ``kinds`` in ``ordering`` (the latest signed one), in
    one query that reads one row per kind however many orders the organization has."""
    first = Q()
    for kind in kinds:
        first |= Q(pk=Subquery(orders.filter(kind=kind).order_by(*ordering).values("pk")[:1]))
    if not first:
        return {}
    return {order.kind: order for order in orders.filter(first).order_by()}


def esign_regulation_state(*, organization: Organization) -> tuple[Order | None, Order | None]:
    """``esign_regulation`` and ``esign_regulation_pending`` from one query (the roadmap page)."""
    kind = OrderKind.ESIGN_REGULATION
    mine = Order.objects.filter(organization=organization, kind=kind).only("kind", "status")
    latest = Subquery(
        mine.filter(status=OrderStatus.SIGNED).order_by("-signed_at").values("pk")[:1]
    )
    pending = Subquery(mine.exclude(status=OrderStatus.SIGNED).order_by("-pk").values("pk")[:1])
    found = {order.pk: order for order in mine.filter(Q(pk=latest) | Q(pk=pending)).order_by()}
    signed = next((o for o in found.values() if o.status == OrderStatus.SIGNED), None)
    return signed, next((o for o in found.values() if o.status != OrderStatus.SIGNED), None)


def esign_regulation_pending(*, organization: Organization) -> Order | None:
    """The unsigned order approving the e-signature regulation, if someone prepared one."""
    return (
        Order.objects.filter(organization=organization, kind=OrderKind.ESIGN_REGULATION)
        .exclude(status=OrderStatus.SIGNED)
        .order_by("-pk")
        .first()
    )


def _signed_naming(user: User, organization: Organization) -> QuerySet[OrderPerson]:
    return OrderPerson.objects.filter(
        order__organization=organization, order__status=OrderStatus.SIGNED, staff__user=user
    ).select_related("order", "staff")  # the staff card: her gender for the wording


def to_acknowledge(*, user: User, organization: Organization) -> QuerySet[OrderPerson]:
    """Signed orders naming this user that they have not acknowledged yet."""
    return (
        _signed_naming(user, organization)
        .filter(acknowledged_at__isnull=True)
        .order_by("order__signed_at")
    )


def orders_naming(*, user: User, organization: Organization) -> QuerySet[OrderPerson]:
    """Signed orders naming this user that they have acknowledged, newest first."""
    return (
        _signed_naming(user, organization)
        .filter(acknowledged_at__isnull=False)
        .order_by("-order__signed_at", "-pk")
    )


def agreements_to_sign(
    *, user: User, organization: Organization, is_director: bool | None = None
) -> QuerySet:
    """Mentor's additional agreements waiting for this user's signature (director or mentor)."""
    from core.access import has_role
    from roadmap.models import AgreementStatus, MentorAgreement

    if is_director is None:
        is_director = has_role(user, organization.pk, Role.DIRECTOR)
    mine = MentorAgreement.objects.filter(organization=organization).defer("pdf")
    waiting = mine.filter(status=AgreementStatus.DIRECTOR_SIGNED, mentor__user=user)
    if is_director:
        waiting = waiting | mine.filter(status=AgreementStatus.DRAFT)
    return waiting.select_related("mentor")


def approved_version(cycle: Cycle) -> RoadmapVersion | None:
    """The latest approved version of the cycle's roadmap, with its stages and events."""
    if cycle.pk is None:  # the public section's unsaved cycle of a year nobody started yet
        return None
    return (
        RoadmapVersion.objects.filter(cycle=cycle, status=RoadmapVersionStatus.APPROVED)
        .prefetch_related("stages", "events")
        .order_by("-number")
        .first()
    )


def draft_version(cycle: Cycle) -> RoadmapVersion | None:
    return RoadmapVersion.objects.filter(cycle=cycle, status=RoadmapVersionStatus.DRAFT).first()


def plan_by_stage(version: RoadmapVersion | None) -> dict[int, tuple]:
    """Stage number → (its row, its events) of a version; empty without one."""
    if version is None:
        return {}
    result: dict[int, tuple] = {row.stage_number: (row, []) for row in version.stages.all()}
    for event in version.events.all():
        result.setdefault(event.stage_number, (None, []))[1].append(event)
    return result


def approved_plan(cycle: Cycle) -> dict[int, tuple]:
    return plan_by_stage(approved_version(cycle))


def mentors_without_agreement(order: Order) -> dict[str, list]:
    """People named in an unsigned appointment order who have no agreement signed by both:
    ``employees`` lack the addendum to the labour contract, ``external`` (mentors from outside
    the staff) lack the agreement on mentoring without pay.

    A warning, not a block: the order is often drafted the same day as the agreements, and the
    director decides whether to sign it first (ТК РФ ст. 351.8 asks for the agreement, not for an
    order of events).
    """
    from roadmap.models import AgreementStatus, MentorAgreement

    if order.kind != OrderKind.APPOINT_MENTORS or order.is_signed:
        return {"employees": [], "external": []}
    people = [link.staff for link in order.people.all()]
    covered = set(
        MentorAgreement.objects.filter(
            organization=order.organization_id,
            status=AgreementStatus.SIGNED,
            mentor__in=[p.pk for p in people],
        ).values_list("mentor_id", flat=True)
    )
    missing = [p for p in people if p.pk not in covered]
    return {
        "employees": [p for p in missing if not p.is_external],
        "external": [p for p in missing if p.is_external],
    }


# --- network cooperation ------------------------------------------------------------------


def cooperation_list(*, organization: Organization) -> QuerySet:
    """The organization's agreements with partners, newest first, without their files."""
    from roadmap.models import CooperationAgreement

    return (
        CooperationAgreement.objects.filter(organization=organization)
        .select_related("partner")
        .defer("pdf", "signed_html", "scan")
        .order_by("-created_at", "-pk")
    )


def joint_event_list(*, organization: Organization) -> QuerySet:
    """The organization's joint events with partners, the latest date first."""
    from roadmap.models import JointEvent

    return (
        JointEvent.objects.filter(organization=organization)
        .select_related("partner", "agreement")
        .defer("agreement__pdf", "agreement__signed_html", "agreement__scan")
        .order_by("-held_on", "-pk")
    )


def cooperation_documents_about(obj) -> list[RelatedDocument]:
    """A partner's agreements and joint events, for its card (registered in
    ``related_documents``)."""
    from mentoring.models import Partner
    from roadmap.models import CooperationAgreement, JointEvent

    if not isinstance(obj, Partner):
        return []
    agreements = (
        CooperationAgreement.objects.filter(partner=obj)
        .only("pk", "kind", "number", "status", "created_at")
        .order_by("-created_at", "-pk")[:50]
    )
    events = JointEvent.objects.filter(partner=obj).only("pk", "title", "held_on")[:50]
    return [
        RelatedDocument(
            f"{agreement.get_kind_display()}"
            + (f" № {agreement.number}" if agreement.number else " (проект)")
            + f": {agreement.get_status_display().lower()}",
            agreement.get_absolute_url(),
        )
        for agreement in agreements
    ] + [
        RelatedDocument(f"Совместное мероприятие «{event.title}», {event.held_on:%d.%m.%Y}", "")
        for event in events
    ]


def network_block(*, organization: Organization, today: dt.date) -> dict:
    """What the roadmap's stage of network cooperation shows: counts and the nearest events."""
    from mentoring.models import Partner
    from roadmap.models import CooperationAgreement, CooperationStatus, JointEvent

    # The two counts in one query (``core.tally``), the events in another.
    found = tally(
        part("partners", Partner.objects.filter(organization=organization, is_active=True)),
        part(
            "agreements",
            CooperationAgreement.objects.filter(
                organization=organization,
                status__in=(CooperationStatus.SIGNED_BY_US, CooperationStatus.SIGNED),
            ),
        ),
    )
    partners, signed = found.count("partners"), found.count("agreements")
    upcoming = [
        {"held_on": event.held_on, "title": event.title, "partner": str(event.partner)}
        for event in JointEvent.objects.filter(organization=organization, held_on__gte=today)
        .select_related("partner")
        .order_by("held_on", "pk")[:3]
    ]
    return {"partners": partners, "agreements": signed, "upcoming": upcoming}
