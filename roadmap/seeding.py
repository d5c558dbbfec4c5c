"""Orders for the demo and for a synthetic region (bulk, fast for 300 organizations).

The first region organization (``region-0001``, the one ``manage.py bench`` measures) gets
about 3,000 orders over five journal years; the others a handful each.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from django.db.models import Count

from core.models import Organization, Role, RoleAssignment, User
from core.text import fold
from mentoring.models import StaffMember
from roadmap.models import (
    MAIN_JOURNAL,
    Order,
    OrderJournalCounter,
    OrderKind,
    OrderPerson,
    OrderStatus,
    OrderSubject,
)

BENCH_SLUG = "region-0001"
BENCH_ORDERS = 3000
OTHER_ORDERS = 5
KINDS = [k for k in OrderKind.values if k != OrderKind.ESIGN_REGULATION]
LABELS = dict(OrderKind.choices)


def seed_organizations(organizations: list[Organization], rng: random.Random) -> None:
    region = [o for o in organizations if o.slug.startswith("region-")]
    for org in organizations:
        if not org.slug.startswith("region-"):
            _seed_demo(org)
    if region:
        _seed_region(region, rng)


def _seed_demo(org: Organization) -> None:
    """The demo's first order, through the real services: the curator drafts the e-signature
    regulation, the director signs it with her password (acquainted by signing), so that she can
    sign the orders the other apps' demo data needs (the approval of programs)."""
    from mentoring.seeding import DEMO_USERS
    from roadmap.services import order_draft, order_send, order_sign

    if Order.objects.filter(organization=org).exists():
        return
    by_role = {
        a.role: a.user
        for a in RoleAssignment.objects.filter(
            organization=org, role__in=[Role.CURATOR, Role.DIRECTOR]
        ).select_related("user")
    }
    curator, director = by_role.get(Role.CURATOR), by_role.get(Role.DIRECTOR)
    if curator is None:
        return
    order = order_draft(organization=org, kind=OrderKind.ESIGN_REGULATION, author=curator)
    password = {d.username: d.password for d in DEMO_USERS}.get(getattr(director, "username", ""))
    if director is None or password is None or not director.check_password(password):
        return  # not the demo's director: the draft waits, as on a fresh installation
    order = order_send(order=order, actor=curator)
    order_sign(order=order, signer=director, password=password, ip=None)


def demo_sign(*, organization: Organization, order: Order) -> Order:
    """Send and sign a demo order through the real services (real number, PDF and effects)."""
    from mentoring.seeding import DEMO_USERS
    from roadmap.services import order_send, order_sign

    director = (
        RoleAssignment.objects.filter(organization=organization, role=Role.DIRECTOR)
        .select_related("user")
        .get()
        .user
    )
    password = {d.username: d.password for d in DEMO_USERS}[director.username]
    order = order_send(order=order, actor=order.author)
    return order_sign(order=order, signer=director, password=password, ip=None)


def seed_signed_orders(plans: list[tuple[Organization, str, dt.date, list]]) -> list[Order]:
    """Signed orders in bulk, numbered on in each organization's journal for their year.

    Each plan is (organization, kind, order date, subjects). For the synthetic region, where
    the other apps cite orders (a program its approval order), so that every cited order is in
    the register with its number, date, signature and checksum.
    """
    from django.contrib.contenttypes.models import ContentType

    from roadmap.services import journal_year

    if not plans:
        return []
    org_ids = {org.pk for org, *_ in plans}
    directors = {
        a.organization_id: a.user
        for a in RoleAssignment.objects.filter(
            organization_id__in=org_ids, role=Role.DIRECTOR
        ).select_related("user")
    }
    authors = {
        a.organization_id: a.user_id
        for a in RoleAssignment.objects.filter(organization_id__in=org_ids, role=Role.CURATOR)
    }
    counters = {
        (c.organization_id, c.year): c
        for c in OrderJournalCounter.objects.filter(
            organization_id__in=org_ids, journal=MAIN_JOURNAL
        )
    }
    fallback = User.objects.order_by("pk").first()
    orders = []
    for org, kind, day, _subjects in plans:
        director = directors.get(org.pk)
        signer_name = director.full_name if director else org.director_name
        year = journal_year(org, day)
        counter = counters.get((org.pk, year))
        if counter is None:
            counter = counters[(org.pk, year)] = OrderJournalCounter(
                organization=org, journal=MAIN_JOURNAL, year=year, last_number=0
            )
        counter.last_number += 1
        number = counter.last_number
        title = str(LABELS[kind])
        body = (
            f"В соответствии с Положением о системе наставничества {org.short_name}\n\n"
            "ПРИКАЗЫВАЮ:\n1. Утвердить персонализированные программы наставничества "
            "(приложение).\n2. Контроль за исполнением настоящего приказа оставляю за собой."
        )
        number_text = f"{number}{org.order_number_suffix}"
        digest = hashlib.sha256(f"{org.pk}:{year}:{number}:{title}".encode()).hexdigest()
        orders.append(
            Order(
                organization=org,
                kind=kind,
                status=OrderStatus.SIGNED,
                title=title,
                body=body,
                author_id=authors.get(org.pk) or getattr(director or fallback, "pk", None),
                journal=MAIN_JOURNAL,
                journal_year=year,
                number=number,
                number_text=number_text,
                order_date=day,
                signed_at=dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC),
                signed_by=director,
                signer_name=signer_name or "Руководитель",
                signer_position=org.director_position,
                pdf_sha256=digest,
                verify_code=f"p{org.pk:06d}{year % 100:02d}{number:07d}",
                search_text=fold(f"{number_text} {title} {body}"),
            )
        )
    orders = Order.objects.bulk_create(orders, batch_size=2000)
    OrderJournalCounter.objects.bulk_create(
        [c for c in counters.values() if c.pk is None], batch_size=2000
    )
    OrderJournalCounter.objects.bulk_update(
        [c for c in counters.values() if c.pk is not None], ["last_number"], batch_size=2000
    )
    types: dict[type, ContentType] = {}
    links = []
    for order, (_org, _kind, _day, subjects) in zip(orders, plans, strict=True):
        for subject in subjects:
            ct = types.setdefault(type(subject), ContentType.objects.get_for_model(type(subject)))
            links.append(OrderSubject(order=order, content_type=ct, object_id=subject.pk))
    OrderSubject.objects.bulk_create(links, batch_size=5000)
    return orders


def _seed_region(organizations: list[Organization], rng: random.Random) -> None:
    fresh = [
        o
        for o in organizations
        if not Order.objects.filter(organization=o).exists()  # rerun-safe
    ]
    if not fresh:
        return
    authors = {
        a.organization_id: a.user_id
        for a in RoleAssignment.objects.filter(organization__in=fresh, role=Role.CURATOR)
    }
    directors = {
        a.organization_id: a.user
        for a in RoleAssignment.objects.filter(
            organization__in=fresh, role=Role.DIRECTOR
        ).select_related("user")
    }
    orders: list[Order] = []
    counters: list[OrderJournalCounter] = []
    this_year = dt.date.today().year
    for org in fresh:
        if org.pk not in authors or org.pk not in directors:
            continue
        total = BENCH_ORDERS if org.slug == BENCH_SLUG else OTHER_ORDERS
        years = [this_year - 4 + i for i in range(5)] if total > 50 else [this_year]
        per_year = total // len(years)
        director = directors[org.pk]
        for year in years:
            last = 0
            for i in range(per_year):
                kind = rng.choice(KINDS)
                status = OrderStatus.SIGNED
                if year == this_year and i >= per_year - 3:
                    status = rng.choice([OrderStatus.DRAFT, OrderStatus.SENT])
                title = str(LABELS[kind])
                body = (
                    f"В соответствии с Положением о системе наставничества {org.short_name}\n\n"
                    "ПРИКАЗЫВАЮ:\n1. Исполнить.\n2. Контроль за исполнением настоящего "
                    "приказа оставляю за собой."
                )
                order = Order(
                    organization=org,
                    kind=kind,
                    status=status,
                    title=title,
                    body=body,
                    author_id=authors[org.pk],
                )
                if status == OrderStatus.SIGNED:
                    last += 1
                    day = dt.date(year, 1, 1) + dt.timedelta(days=min(360, i * 360 // per_year))
                    order.journal = MAIN_JOURNAL
                    order.journal_year = year
                    order.number = last
                    order.number_text = f"{last}{org.order_number_suffix}"
                    order.order_date = day
                    order.signed_at = dt.datetime.combine(day, dt.time(10, 0), tzinfo=dt.UTC)
                    order.signed_by = director
                    order.signer_name = director.full_name
                    order.signer_position = org.director_position
                    order.pdf_sha256 = f"{rng.getrandbits(256):064x}"
                    order.verify_code = f"s{org.pk:06d}{year % 100:02d}{last:07d}"
                order.search_text = fold(f"{order.number_text} {title} {body}")
                orders.append(order)
            counters.append(
                OrderJournalCounter(
                    organization=org, journal=MAIN_JOURNAL, year=year, last_number=last
                )
            )
    Order.objects.bulk_create(orders, batch_size=2000)
    OrderJournalCounter.objects.bulk_create(counters, batch_size=2000)
    bench = [o for o in fresh if o.slug == BENCH_SLUG]
    if bench:
        _name_people(bench[0], rng)


# The kinds a director can sign without what the curator attaches to them (a council's chair,
# programs, accepted changes): what ``make load`` gives its directors to sign.
SIGNABLE_KINDS = [
    k
    for k in KINDS
    if k
    not in {
        OrderKind.COUNCIL_COMPOSITION,
        OrderKind.APPROVE_PROGRAMS,
        OrderKind.CHANGE_PROGRAM,
        OrderKind.END_PROGRAM,
    }
]


def orders_to_sign(organizations: list[Organization], count: int) -> int:
    """Top each organization up to ``count`` orders sent for signature (``make load``: its
    directors sign them, and a run must not find the previous run's used up), with the
    e-signature regulation in force for its director, as signing asks. Returns how many orders
    to sign were added."""
    _esign_in_force(organizations)
    sent = dict(
        Order.objects.filter(organization__in=organizations, status=OrderStatus.SENT)
        .values("organization")
        .annotate(n=Count("pk"))
        .values_list("organization", "n")
    )
    authors = _holders(organizations, Role.CURATOR)
    orders = []
    for org in organizations:
        if org.pk not in authors:
            continue
        for i in range(count - sent.get(org.pk, 0)):
            kind = SIGNABLE_KINDS[i % len(SIGNABLE_KINDS)]
            title = str(LABELS[kind])
            body = (
                f"В соответствии с Положением о системе наставничества {org.short_name}\n\n"
                "ПРИКАЗЫВАЮ:\n1. Исполнить."
            )
            orders.append(
                Order(
                    organization=org,
                    kind=kind,
                    status=OrderStatus.SENT,
                    title=title,
                    body=body,
                    author_id=authors[org.pk],
                    search_text=fold(f"{title} {body}"),
                )
            )
    Order.objects.bulk_create(orders, batch_size=2000)
    return len(orders)


def _holders(organizations: list[Organization], role: str) -> dict[int, int]:
    """The id of someone holding ``role`` in each organization, by the organization's id."""
    return dict(
        RoleAssignment.objects.filter(organization__in=organizations, role=role).values_list(
            "organization", "user"
        )
    )


def _esign_in_force(organizations: list[Organization]) -> None:
    """The e-signature regulation signed in each organization that has none, its director
    acquainted with it, and the Положение signed where it is not (appointments and pairs are
    signed only after it): the region's seed leaves them out, only ``make load`` signs there."""
    from django.utils import timezone

    def without(kind: str) -> list[Organization]:
        has = set(
            Order.objects.filter(
                organization__in=organizations, kind=kind, status=OrderStatus.SIGNED
            ).values_list("organization", flat=True)
        )
        return [org for org in organizations if org.pk not in has]

    today = dt.date.today()
    missing = without(OrderKind.ESIGN_REGULATION)
    no_regulation = without(OrderKind.APPROVE_REGULATION)
    orders = seed_signed_orders(
        [(org, OrderKind.ESIGN_REGULATION, today, []) for org in missing]
        + [(org, OrderKind.APPROVE_REGULATION, today, []) for org in no_regulation]
    )[: len(missing)]
    directors = _holders(missing, Role.DIRECTOR)
    staff = {
        (s.organization_id, s.user_id): s.pk
        for s in StaffMember.objects.filter(organization__in=missing, user__isnull=False)
    }
    now = timezone.now()
    OrderPerson.objects.bulk_create(
        [
            OrderPerson(order=order, staff_id=staff[key], acknowledged_at=now)
            for order in orders
            if (key := (order.organization_id, directors.get(order.organization_id))) in staff
        ]
    )


def _name_people(org: Organization, rng: random.Random) -> None:
    """Two named people per order of the benchmarked organization, most of them acknowledged."""
    staff = list(StaffMember.objects.filter(organization=org).values_list("pk", flat=True))
    links = []
    for order in Order.objects.filter(organization=org).annotate(n=Count("people")).only("pk"):
        for staff_id in rng.sample(staff, 2):
            acknowledged = rng.random() < 0.8
            links.append(
                OrderPerson(
                    order_id=order.pk,
                    staff_id=staff_id,
                    acknowledged_at=dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
                    if acknowledged
                    else None,
                )
            )
    OrderPerson.objects.bulk_create(links, batch_size=2000)
