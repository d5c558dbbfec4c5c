"""What only the demo shows of the roadmap app: a methodical council formed by a signed order,
with one meeting whose protocol the chair (the demo «council» login) has signed.

Through the real services, with the demo passwords: the curator drafts the composition, the
director signs it (the members get «Член методического совета» by it), the chair reads the
e-signature regulation and signs the protocol. Safe to rerun: a council already formed is kept.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from core.models import Organization, Role, RoleAssignment, User
from mentoring.models import StaffMember
from roadmap.models import Order, OrderKind

# Two teachers without a demo login sit on the council beside its chair.
COUNCIL_MEMBERS = ("0006", "0007")
DEMO_AGENDA = (
    "О плане работы методического совета наставников на учебный год.\n"
    "О подборе наставнических пар для молодых специалистов."
)


@transaction.atomic
def seed_demo(organization: Organization) -> None:
    from mentoring.seeding import DEMO_USERS
    from roadmap import council, council_meetings, services
    from roadmap.seeding import demo_sign
    from roadmap.selectors import esign_acknowledged, esign_regulation

    if Order.objects.filter(organization=organization, kind=OrderKind.COUNCIL_COMPOSITION).exists():
        return
    passwords = {d.username: d.password for d in DEMO_USERS}
    chair_user = User.objects.filter(username="council").first()
    curator = (
        RoleAssignment.objects.filter(organization=organization, role=Role.CURATOR)
        .select_related("user")
        .first()
    )
    regulation = esign_regulation(organization=organization)
    if chair_user is None or curator is None or regulation is None:
        return
    cards = StaffMember.objects.filter(organization=organization)
    chair = cards.filter(user=chair_user).first()
    members = list(cards.filter(personnel_number__in=COUNCIL_MEMBERS, user__isnull=True))
    if chair is None or len(members) < 2:
        return
    order = council.council_order_draft(
        organization=organization,
        author=curator.user,
        chair=chair,
        secretary=members[0],
        members=members[1:],
    )
    order = demo_sign(organization=organization, order=order)
    if not esign_acknowledged(user=chair_user, organization=organization):
        services.order_acknowledge(order=regulation, user=chair_user, ip=None)
    services.order_acknowledge(order=order, user=chair_user, ip=None)  # the chair has read it
    meeting = council_meetings.meeting_create(
        organization=organization,
        author=curator.user,
        held_on=timezone.localdate(),
        agenda=DEMO_AGENDA,
        attendees=[chair, *members],
        heard=(
            "Председателя совета о плане работы на учебный год; куратора о наставляемых из "
            "банка, которым нужен наставник."
        ),
        spoke="Члены совета предложили закрепить пары до конца сентября.",
        decisions=[
            "Утвердить план работы методического совета наставников на учебный год.",
            "Рекомендовать руководителю закрепить предложенные наставнические пары приказом.",
        ],
    )
    council_meetings.meeting_sign(meeting=meeting, signer=chair_user, password=passwords["council"])
