"""Filtered reads of programs: lists with progress, one program with everything on its page."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case as CaseWhen
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.access import MANAGING_ROLES
from core.cache import org_cached
from core.declension import OVERRIDE_FIELDS
from core.models import Organization
from core.paging import page_of
from core.tally import Part, part, tally_of
from mentoring.models import MentoringForm, Pair, PairStatus, StaffMember
from programs.models import (
    Meeting,
    PlanRow,
    Program,
    ProgramAgreement,
    ProgramChange,
    ProgramStatus,
    ProgramTemplate,
    RowStatus,
)

OPEN_ROW = (RowStatus.PLANNED, RowStatus.MOVED)


@dataclass(frozen=True)
class Progress:
    total: int
    done: int
    overdue: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


RUNNING = (ProgramStatus.APPROVED, ProgramStatus.IN_PROGRESS)


def row_is_overdue(row: PlanRow, today=None, *, running: bool = True) -> bool:
    """An open event past its deadline in a running program (a draft has nothing overdue)."""
    today = today or timezone.localdate()
    return running and row.status in OPEN_ROW and row.deadline < today


def progress_of(rows: list[PlanRow], *, running: bool = True) -> Progress:
    """Progress against the plan: cancelled events do not count."""
    today = timezone.localdate()
    counted = [r for r in rows if r.status != RowStatus.CANCELLED]
    return Progress(
        total=len(counted),
        done=sum(1 for r in counted if r.status == RowStatus.DONE),
        overdue=sum(1 for r in counted if row_is_overdue(r, today, running=running)),
    )


def visible_programs(*, user, organization: Organization, roles) -> QuerySet[Program]:
    """All the organization's programs for managers; their own for mentors and mentees."""
    base = Program.objects.filter(organization=organization)
    if set(roles) & MANAGING_ROLES:
        return base
    # Her pairs from the two M2M tables' indexes, then their programs by the unique pair index:
    # not an OR of the two, which reads every program of the organization.
    as_mentor = Pair.mentors.through.objects.filter(staffmember__user=user).values("pair_id")
    as_mentee = Pair.mentees.through.objects.filter(staffmember__user=user).values("pair_id")
    return base.filter(pair_id__in=as_mentor.union(as_mentee))


def with_progress(queryset: QuerySet[Program]) -> QuerySet[Program]:
    """Each program with its events counted as ``progress_of`` counts them, and its meetings."""
    today = timezone.localdate()
    rows = PlanRow.objects.filter(program=OuterRef("pk"))
    # One correlated count per program, by the plan's index: a join of the rows grouped by the
    # program made PostgreSQL sort every column of the programs and count the meetings once per
    # plan row (17 of 18 ms for a page of 25 programs).
    return queryset.annotate(
        rows_total=_per_program(rows.exclude(status=RowStatus.CANCELLED)),
        rows_done=_per_program(rows.filter(status=RowStatus.DONE)),
        # Like the program page: only a running program has overdue events.
        rows_overdue=_per_program(
            rows.filter(status__in=OPEN_ROW, deadline__lt=today, program__status__in=RUNNING)
        ),
        meetings_count=_per_program(Meeting.objects.filter(program=OuterRef("pk"))),
    )


def _row_counts(ids, today) -> dict[int, tuple[int, int, int]]:
    """Each program's plan rows as ``progress_of`` counts them (the open ones past their
    deadline whatever the program's status): one grouped query by the plan's index."""
    if not ids:
        return {}
    return {
        pk: (total, done, overdue)
        for pk, total, done, overdue in PlanRow.objects.filter(program_id__in=ids)
        .order_by()
        .values_list("program_id")
        .annotate(
            total=Count("pk", filter=~Q(status=RowStatus.CANCELLED)),
            done=Count("pk", filter=Q(status=RowStatus.DONE)),
            overdue=Count("pk", filter=Q(status__in=OPEN_ROW, deadline__lt=today)),
        )
    }


def _meeting_counts(ids) -> dict[int, int]:
    if not ids:
        return {}
    return dict(
        Meeting.objects.filter(program_id__in=ids)
        .order_by()
        .values_list("program_id")
        .annotate(n=Count("pk"))
    )


def _set_progress(programs, rows: dict, meetings: dict) -> None:
    for program in programs:
        total, done, overdue = rows.get(program.pk, (0, 0, 0))
        program.rows_total, program.rows_done = total, done
        # Like the program page: only a running program has overdue events.
        program.rows_overdue = overdue if program.status in RUNNING else 0
        program.meetings_count = meetings.get(program.pk, 0)


def attach_progress(programs: list[Program]) -> list[Program]:
    """The programs in hand with ``with_progress``'s four numbers set on each, from one grouped
    count of their plan rows and one of their meetings.

    ``with_progress``'s correlated subqueries are cloned and compiled anew on every request
    (most of the cost of the list's rows); these two plain grouped queries read the same rows
    by the plan's and the log's indexes on the program.
    """
    ids = [p.pk for p in programs]
    _set_progress(programs, _row_counts(ids, timezone.localdate()), _meeting_counts(ids))
    return programs


def program_progress(program: Program) -> tuple[Progress, int]:
    """The program's progress against the plan and its meetings, counted in one query (as
    ``progress_of`` counts the rows)."""
    found = with_progress(Program.objects.filter(pk=program.pk)).values(
        "rows_total", "rows_done", "rows_overdue", "meetings_count"
    )[0]
    progress = Progress(found["rows_total"], found["rows_done"], found["rows_overdue"])
    return progress, found["meetings_count"]


MY_PROGRAMS_ON_HOME = 3


def participant_programs(*, user, organization: Organization) -> tuple[list[Program], dict]:
    """A participant's newest programs (``MY_PROGRAMS_ON_HOME``, with their progress and
    whether she agreed to the current revision) and what waits for her in all her programs
    (as ``waiting_counts``), from one narrow read of her programs and a few small queries over
    the ones that count.

    A mentor of many years has hundreds of programs: each of the old queries walked all of
    them through her pairs, and their correlated subqueries were built and compiled anew on
    every request. Here her programs are read once (id, status, revision, the curator's
    remarks), newest first, and the counts ask only for the newest, the drafts and the running
    ones by their ids.
    """
    today = timezone.localdate()
    mine = visible_programs(user=user, organization=organization, roles=frozenset())
    own = list(
        mine.order_by("-created_at", "-pk").values_list(
            "pk", "status", "revision", "curator_comment"
        )
    )
    newest = [pk for pk, *_ in own[:MY_PROGRAMS_ON_HOME]]
    drafts = {pk: revision for pk, status, revision, _ in own if status == ProgramStatus.DRAFT}
    running = [pk for pk, status, *_ in own if status in RUNNING]
    rows = _row_counts(sorted({*newest, *running}), today)
    agreed = (
        set(
            ProgramAgreement.objects.filter(program_id__in={*drafts, *newest}, staff__user=user)
            .order_by()
            .values_list("program_id", "revision")
        )
        if own
        else set()
    )
    changes = (
        # Through the programs' subquery: hundreds of ids in the statement cost more.
        ProgramChange.objects.filter(program__in=mine.values("pk"), status="proposed")
        .exclude(proposed_by=user)
        .count()
        if own
        else 0
    )
    waiting = {
        "to_agree": sum(1 for pk, revision in drafts.items() if (pk, revision) not in agreed),
        "overdue": sum(rows.get(pk, (0, 0, 0))[2] for pk in running),
        "changes": changes,
        # A draft with the curator's remarks was returned for rework.
        "returned": [
            (pk, comment)
            for pk, status, _, comment in own
            if status == ProgramStatus.DRAFT and comment != ""
        ][:1],
    }
    programs: list[Program] = []
    if newest:
        by_pk = {
            p.pk: p
            for p in Program.objects.filter(pk__in=newest)
            .only("id", "title", "status", "starts_on", "revision", "curator_comment", "pair__id")
            .select_related("pair")
            .prefetch_related(Prefetch("pair__mentees", queryset=_people()))
        }
        programs = [by_pk[pk] for pk in newest if pk in by_pk]
        _set_progress(programs, rows, _meeting_counts(newest))
        for program in programs:
            program.i_agreed = (program.pk, program.revision) in agreed
    return programs, waiting


def program_list(
    *, user, organization: Organization, roles, status: str = "", mentor: StaffMember | None = None
) -> QuerySet[Program]:
    qs = visible_programs(user=user, organization=organization, roles=roles)
    if status:
        qs = qs.filter(status=status)
    if mentor is not None:
        qs = qs.filter(pair__in=Pair.objects.filter(mentors=mentor).values("pk"))
    return qs.order_by("-created_at", "-pk")


DECLENSION_FIELDS = ("gender", *OVERRIDE_FIELDS.values())


PROGRAMS_PER_PAGE = 25


def _people() -> QuerySet[StaffMember]:
    """The participants as the lists name them (the heading names the mentee in the
    genitive)."""
    return StaffMember.objects.only(
        "id",
        "last_name",
        "first_name",
        "middle_name",
        "user_id",
        "organization_id",
        *DECLENSION_FIELDS,
    )


def program_page(
    queryset: QuerySet[Program],
    *,
    organization: Organization,
    number,
    total: int | None = None,
    own: bool = False,
) -> Page:
    """One page of the list's ids (the rows come rendered from the cache, see the view); the
    programs are counted and kept unless the caller knows how many there are (``total``).

    A participant's own programs (``own``: a few hundred at most) are read as one list of ids:
    counting them and then reading a page walked all her pairs twice.
    """
    if own:
        paginator = Paginator(list(queryset.values_list("pk", flat=True)), PROGRAMS_PER_PAGE)
        page = paginator.get_page(number)
        page.object_list = list(page.object_list)
        return page
    if total is None:
        return page_of(
            queryset,
            number,
            per_page=PROGRAMS_PER_PAGE,
            organization_id=organization.pk,
            load=False,
        )
    paginator = Paginator(queryset.values_list("pk", flat=True), PROGRAMS_PER_PAGE)
    paginator.count = total
    page = paginator.get_page(number)
    page.object_list = list(page.object_list)
    return page


def decorate_page(programs: list[int]) -> list[Program]:
    """The programs of one page with progress and people, in a constant number of queries."""
    people = _people()
    rows = (
        Program.objects.filter(pk__in=programs)
        .only("id", "title", "starts_on", "ends_on", "status", "pair__id")  # what the list shows
        .prefetch_related(
            Prefetch("pair__mentors", queryset=people), Prefetch("pair__mentees", queryset=people)
        )
        .select_related("pair")
    )
    by_pk = {p.pk: p for p in attach_progress(list(rows))}
    return [by_pk[pk] for pk in programs if pk in by_pk]


# The participants' agreements with their people, as the draft's page names them.
AGREEMENTS = Prefetch("agreements", queryset=ProgramAgreement.objects.select_related("staff"))


def program_for_page(
    queryset: QuerySet[Program], *, plan: bool = True, agreements: bool = True
) -> QuerySet[Program]:
    """Everything the program page shows, in a fixed number of queries.

    Without ``plan`` (the page itself, which takes the plan rendered from the cache) neither
    the plan's rows nor the participants' logins are read; without ``agreements`` (only a
    draft's page shows them: ``AGREEMENTS``) neither are these.
    """
    if plan:
        extra = [
            "pair__mentors__user",
            "pair__mentees__user",
            Prefetch("rows", queryset=PlanRow.objects.select_related("updated_by")),
        ]
    else:
        extra = ["pair__mentors", "pair__mentees"]
    if agreements:
        extra.append(AGREEMENTS)
    return queryset.select_related(
        "pair", "organization", "updated_by", "reviewed_by", "note_changed_by"
    ).prefetch_related(
        *extra,
        "pair__forms",
        Prefetch(
            "changes",
            queryset=ProgramChange.objects.select_related(
                "proposed_by", "agreed_by", "accepted_by"
            ),
        ),
    )


# What the program page's two long tables print (``tables.plan_rows``, ``tables.meetings``) and
# its progress counts, as named rows: 60 events and 100 meetings made into model instances cost
# more than reading them.
PLAN_ROW_FIELDS = (
    "pk",
    "direction",
    "event",
    "event_form",
    "deadline",
    "expected_result",
    "status",
    "done_on",
    "actual_result",
    "evidence_file",
    "evidence_url",
)
MEETING_FIELDS = (
    "pk",
    "held_on",
    "start_time",
    "duration_minutes",
    "format",
    "place",
    "topic",
    "notes",
)


def plan_of(program: Program) -> list:
    """The program's plan events in their order, each with the fields of ``PLAN_ROW_FIELDS``."""
    return list(
        PlanRow.objects.filter(program_id=program.pk).values_list(*PLAN_ROW_FIELDS, named=True)
    )


def meeting_log_of(program: Program) -> list:
    """The program's meetings, newest first, each with the fields of ``MEETING_FIELDS``."""
    return list(
        Meeting.objects.filter(program_id=program.pk).values_list(*MEETING_FIELDS, named=True)
    )


def program_with_people(queryset: QuerySet[Program]) -> QuerySet[Program]:
    """A program with its pair and participants: what the rules and a write need."""
    return queryset.select_related("pair").prefetch_related("pair__mentors", "pair__mentees")


def pairs_without_program(*, organization: Organization, user, roles) -> QuerySet[Pair]:
    """Fixed pairs that may get a program: all for managers, the mentor's own otherwise."""
    qs = Pair.objects.filter(
        organization=organization,
        status__in=(PairStatus.FIXED, PairStatus.ACTIVE),
        program__isnull=True,
    )
    if not set(roles) & MANAGING_ROLES:
        # Her pairs from the link table's index (as ``visible_programs``), not joined to the
        # pairs again: a mentor of many years has hundreds.
        mine = Pair.mentors.through.objects.filter(staffmember__user=user).values("pair_id")
        qs = qs.filter(pk__in=mine)
    return qs.prefetch_related("mentors", "mentees")


# Which form's template a pair starts from when it combines several: the most particular first.
FORM_PREFERENCE = (
    MentoringForm.REVERSE,
    MentoringForm.NETWORK,
    MentoringForm.VIRTUAL,
    MentoringForm.SITUATIONAL,
    MentoringForm.SHORT_TERM,
    MentoringForm.TRADITIONAL,
)


def template_for_pair(pair: Pair, templates) -> ProgramTemplate | None:
    """The template written for the pair's form of mentoring, if the organization has one."""
    forms = {f.form for f in pair.forms.all()}
    by_form: dict[str, ProgramTemplate] = {}
    for template in templates:
        if template.mentoring_form:
            by_form.setdefault(template.mentoring_form, template)
    return next((by_form[f] for f in FORM_PREFERENCE if f in forms and f in by_form), None)


def waiting_counts(*, user, organization: Organization, roles) -> dict:
    """What waits for the user: drafts to agree, programs to review or approve, overdue events."""
    today = timezone.localdate()
    own = visible_programs(user=user, organization=organization, roles=frozenset())
    # Drafts to agree, overdue events and proposed changes: one aggregate over her programs.
    overdue = PlanRow.objects.filter(
        program=OuterRef("pk"), status__in=OPEN_ROW, deadline__lt=today
    )
    changes = ProgramChange.objects.filter(program=OuterRef("pk"), status="proposed").exclude(
        proposed_by=user
    )
    mine = ProgramAgreement.objects.filter(
        program=OuterRef("pk"), staff__user=user, revision=OuterRef("revision")
    )
    # Each look-up asked only for the programs it counts for (drafts, running programs): a
    # mentor of many years has hundreds of finished ones.
    counts = own.aggregate(
        to_agree=Count("pk", filter=Q(status=ProgramStatus.DRAFT) & ~Exists(mine)),
        overdue=Coalesce(Sum(_per_program(overdue), filter=Q(status__in=RUNNING)), 0),
        changes=Coalesce(Sum(_per_program(changes)), 0),
    )
    result = {
        "to_agree": counts["to_agree"],
        "overdue": counts["overdue"],
        "changes": counts["changes"],
        # A draft with the curator's remarks was returned for rework.
        "returned": list(
            own.filter(status=ProgramStatus.DRAFT)
            .exclude(curator_comment="")
            .values_list("pk", "curator_comment")[:1]
        ),
    }
    return result


def _per_program(queryset) -> Coalesce:
    """How many rows of a queryset correlated with the outer program, as a subquery's value."""
    counted = queryset.order_by().values("program").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def organization_counts(*, organization: Organization) -> dict:
    """Programs by status, overdue events and agreed changes; cached until anything changes."""
    return org_cached(
        organization.pk,
        "programs:counts",
        lambda: _organization_counts(organization),
        reads=("programs",),
    )


def _organization_counts(organization: Organization) -> dict:
    """Programs by status with their overdue events, and agreed changes: one query of grouped
    counts whose SQL is made once per process for the organization and the day (``tally_of``:
    building and compiling its subqueries cost more than the database's work)."""
    today = timezone.localdate()

    def parts() -> list[Part]:
        # Counted per running program, by the index on (program, status, deadline): a join of
        # all the organization's plan rows made PostgreSQL read the whole table (18 ms at
        # 40,000 rows).
        late = PlanRow.objects.filter(
            program=OuterRef("pk"), status__in=OPEN_ROW, deadline__lt=today
        )
        overdue = CaseWhen(
            When(status__in=RUNNING, then=_per_program(late)),
            default=Value(0),
            output_field=IntegerField(),
        )
        return [
            part(
                "programs",
                Program.objects.filter(organization=organization),
                group="status",
                sums={"overdue": overdue},
            ),
            part(
                "agreed changes",
                ProgramChange.objects.filter(program__organization=organization, status="agreed"),
            ),
        ]

    key = ("programs:counts", organization.pk, today, timezone.get_current_timezone_name())
    found = tally_of(key, parts)
    return {
        "by_status": found.groups("programs"),
        "overdue": found.total("programs", "overdue"),
        "changes": found.count("agreed changes"),
    }


def plan_events_on_time(rows: QuerySet[PlanRow]) -> tuple[int, int]:
    """Of these plan events, how many were done by their deadline, and how many there are.

    «В срок» compares the day the event was marked done (``done_on``) with its deadline, so a
    later edit of a done row does not make it late.
    """
    totals = rows.aggregate(
        total=Count("pk"),
        on_time=Count("pk", filter=Q(status=RowStatus.DONE, done_on__lte=F("deadline"))),
    )
    return totals["on_time"], totals["total"]
