"""Orders for the demo and for a synthetic region (bulk, fast for 300 organizations).

The first region organization (``region-0001``, the one ``manage.py bench`` measures) gets
about 3,000 orders over five journal years; the others a handful each.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Count

from mentoring.models import Organization, Role, RoleAssignment, StaffMember
from mentoring.text import fold
from roadmap.models import (
    MAIN_JOURNAL,
    Order,
    OrderJournalCounter,
    OrderKind,
    OrderPerson,
    OrderStatus,
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
    """The demo starts at stage 1: a draft of the e-signature regulation waits to be sent."""
    from roadmap.services import order_draft

    if Order.objects.filter(organization=org).exists():
        return
    curator = (
        RoleAssignment.objects.filter(organization=org, role=Role.CURATOR)
        .select_related("user")
        .first()
    )
    if curator is not None:
        order_draft(organization=org, kind=OrderKind.ESIGN_REGULATION, author=curator.user)


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
