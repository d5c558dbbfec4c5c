"""The start of a new kindergarten: from the coordinator's click to the first pairs.

Each step's state is computed from the organization's data, never ticked by hand, and links to
the page where it is done. The director's and the curator's home pages show the list until every
step is done (``roadmap.home_cards.start_checklist``).
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core.home import HomeStep
from core.models import Organization, Role, RoleAssignment
from core.tally import part, tally_of
from core.text import plural
from mentoring.models import MenteeProfile, MentorProfile, Pair, PairStatus, StaffMember
from roadmap import local_acts
from roadmap.models import Cycle, OrderKind
from roadmap.selectors import current_cycle

# Pages other parts of the product may add; the first name that exists is linked.
REQUISITES_PAGES = ("organization-requisites", "core:organization-requisites", "core:requisites")
ROLES_PAGES = ("core:roles", "core:role-list", "mentoring:roles", "mentoring:role-list")


def joined_cycle_open(*, organization: Organization) -> Cycle:
    """The cycle of the day a kindergarten joins; its roadmap counts from that day.

    Called by the coordinator's «add a kindergarten»: the joining date is the organization's
    creation date, stored on its first cycle (``Cycle.roadmap_starts_on``) so that the stage
    dates of the template move with it and nothing is overdue on the first day.
    """
    cycle = current_cycle(organization)
    today = timezone.localdate()
    if cycle.roadmap_starts_on is None and today > cycle.starts_on:
        cycle.roadmap_starts_on = today
        cycle.save(update_fields=["roadmap_starts_on"])
    return cycle


def first_url(*names: str) -> str:
    """The URL of the first of ``names`` that exists, or an empty string."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


def _unacknowledged(organization: Organization, acts: list) -> int:
    """Marks missing on the acts in force, in one query (every act concerns the same roles)."""
    kinds = {local_acts.CONCERNED_ROLES.get(o.kind) for o in acts}
    if len(kinds) != 1:
        return local_acts.unacknowledged_count(organization=organization)
    counts = local_acts.concerned_staff(organization=organization, kind=acts[0].kind).aggregate(
        people=Count("pk", distinct=True),
        marks=Count(
            "order_links",
            filter=Q(
                order_links__order__in=[o.pk for o in acts],
                order_links__acknowledged_at__isnull=False,
            ),
            distinct=True,
        ),
    )
    return len(acts) * counts["people"] - counts["marks"]


def _acts_step(organization: Organization, acts: list | None = None) -> HomeStep:
    label = "Подписаны локальные акты, с ними ознакомились"
    url = reverse("roadmap:roadmap-detail")
    if acts is None:
        acts = local_acts.acts_in_force(organization=organization)
    signed = {o.kind: o for o in acts}
    unsigned = [
        name
        for kind, name in (
            (OrderKind.ESIGN_REGULATION, "Положение об электронной подписи"),
            (OrderKind.APPROVE_REGULATION, "Положение о наставничестве"),
        )
        if kind not in signed
    ]
    if unsigned:
        return HomeStep(label, False, "не подписано: " + ", ".join(unsigned), url)
    missing = _unacknowledged(organization, list(signed.values()))
    if missing:
        return HomeStep(
            label,
            False,
            f"не ознакомлены: {missing} {plural(missing, 'отметка', 'отметки', 'отметок')}",
            reverse("roadmap:order-list") + "?status=signed",
        )
    return HomeStep(label, True, "", url)


STARTED_STATUSES = (PairStatus.FIXED, PairStatus.ACTIVE, PairStatus.CLOSED)


def started(organization: Organization) -> bool:
    """True once the first pairs are fixed by a signed order (or work, or finished already)."""
    return Pair.objects.filter(
        organization=organization,
        status__in=STARTED_STATUSES,
    ).exists()


def start_steps(organization: Organization, acts: list | None = None) -> list[HomeStep]:
    """The seven steps of the start, each done or waiting, in the order they are taken.

    One query of grouped counts for the organization's facts (``core.tally``) and one for the
    acknowledgements (``acts``: the local acts in force, when the caller has them already).
    """
    missing = organization.missing_requisites
    own = {"organization": organization.pk}

    def parts() -> list:
        directors = RoleAssignment.objects.filter(**own, role=Role.DIRECTOR).values("user")
        first_started = Pair.objects.filter(**own, status__in=STARTED_STATUSES).values("pk")[:1]
        return [
            part("curators", RoleAssignment.objects.filter(**own, role=Role.CURATOR)),
            part("mentees", MenteeProfile.objects.filter(**own)),
            part("mentors", MentorProfile.objects.filter(**own)),
            # Whether any pair started: at most one row counted, however many pairs there were.
            part("started pairs", Pair.objects.filter(pk__in=first_started)),
            # Working staff (employees, not mentors from outside the staff).
            part(
                "staff",
                StaffMember.objects.employees().filter(**own, is_active=True, anonymized_at=None),
                imported=~Q(user__in=directors) | Q(user=None),
                without_login=Q(user=None),
            ),
        ]

    # The SQL depends on the organization alone: made once per process (``tally_of``).
    found = tally_of(("start steps", organization.pk), parts)
    imported = found.count("staff", imported=True)
    without_login = found.count("staff", without_login=True)
    mentees, mentors = found.count("mentees") > 0, found.count("mentors") > 0
    pairs_fixed = found.count("started pairs") > 0
    banks_missing = [
        n for n, has in (("наставляемых", mentees), ("наставников", mentors)) if not has
    ]
    return [
        HomeStep(
            "Заполнены реквизиты организации",
            not missing,
            "не хватает: " + ", ".join(missing) if missing else "",
            first_url(*REQUISITES_PAGES),
        ),
        HomeStep(
            "Назначен куратор",
            found.count("curators") > 0,
            "",
            first_url(*ROLES_PAGES) or reverse("mentoring:staff-list"),
        ),
        HomeStep(
            "Загружен штатный список",
            imported > 0,
            f"сотрудников: {imported}" if imported else "",
            reverse("mentoring:staff-import"),
        ),
        HomeStep(
            "Выданы учётные записи",
            imported > 0 and without_login == 0,
            f"без учётной записи: {without_login}" if without_login else "",
            reverse("mentoring:staff-logins"),
        ),
        _acts_step(organization, acts),
        HomeStep(
            "Сформированы банки наставляемых и наставников",
            not banks_missing,
            {2: "пусты оба банка", 1: f"пуст банк {banks_missing[0]}" if banks_missing else ""}.get(
                len(banks_missing), ""
            ),
            reverse("mentoring:mentee-list" if not mentees else "mentoring:mentor-list"),
        ),
        HomeStep(
            "Пары закреплены приказом",
            pairs_fixed,
            "",
            reverse("mentoring:pair-list"),
        ),
    ]
