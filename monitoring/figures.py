"""The monitoring page's figures counted together, by a few plain SQL statements (issue 24).

``monitoring.indicators`` and ``monitoring.indicators_growth`` count one number per function
and give the people behind it: the drill-downs, the exports and the region read them, and they
are the definitions. The page needs all of those numbers at once, right after any write in the
kindergarten, and building a dozen querysets with subqueries cost more time in Python than the
database spent counting. So the page's numbers are counted here by six statements written out
in SQL (the same in PostgreSQL and SQLite): the staff grouped by what each share asks of a
person; the year's scale answers in one aggregate; before/after grouped by pair, measure,
moment and whether the other moment was answered (the kindergarten's row is summed from the
pairs'); the plan events and meetings; the adaptation; the activity records by kind. Every
condition says which definition it stands for; ``tests/monitoring/test_figures.py`` checks
every number against those functions on a varied data set, for every filter, on both
databases, so a definition changed there and not here fails it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.grammar import role_word
from core.models import Organization
from core.text import initials_name
from mentoring.models import MenteeCategory
from monitoring.indicators import (
    ENTERED,
    NOT_PEDAGOGICAL,
    YOUNG_SPECIALIST_YEARS,
    Change,
    Filters,
    Level,
    ProcessMeasures,
    Share,
    _round,
)
from monitoring.indicators_growth import DAYS_IN_MONTH, PLANS_FROM, Adaptation
from monitoring.models import SCALE_MAX, Measure, Moment, ResponseStatus, SurveyKind
from programs.models import ActivityKind, ActivityStatus, EndReason, RowStatus


class _Params(dict):
    """Named parameters of a statement; dates and times as the database keeps them."""

    def one(self, name: str, value) -> str:
        self[name] = value
        return f"%({name})s"

    def many(self, name: str, values) -> str:
        return ", ".join(self.one(f"{name}_{n}", value) for n, value in enumerate(values))

    def day(self, name: str, value) -> str:
        return self.one(name, connection.ops.adapt_datefield_value(value))

    def moment(self, name: str, value) -> str:
        return self.one(name, connection.ops.adapt_datetimefield_value(value))


def _aware(value) -> dt.datetime:
    """A moment as the database returned it (SQLite: text in UTC) as an aware datetime."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value if timezone.is_aware(value) else timezone.make_aware(value, dt.UTC)


def _young_specialist(params: _Params) -> str:
    """``indicators.young_specialist()`` of ``s`` with its bank card ``mp`` (LEFT JOIN)."""
    young = params.one("young", MenteeCategory.YOUNG)
    years = params.one("young_years", YOUNG_SPECIALIST_YEARS)
    return f"(mp.category = {young} OR (mp.id IS NULL AND s.teaching_experience_years < {years}))"


def _rows(sql: str, params: _Params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _pairs_in_scope(organization: Organization, filters: Filters, params: _Params) -> str:
    """``indicators.pairs_in_scope``: id and status of the organization's pairs that worked
    during the year (``began_by``, not closed before it), narrowed by form and mentor."""
    year = filters.year
    sql = f"""
        SELECT p.id, p.status FROM mentoring_pair p
        WHERE p.organization_id = {params.one("org", organization.pk)}
          AND (p.year_start <= {params.one("year_start", year.start_year)}
               OR (p.year_start IS NULL
                   AND p.created_at < {params.moment("ends_at", year.ends_at)}))
          AND NOT (p.closed_at < {params.moment("starts_at", year.starts_at)}
                   AND p.closed_at IS NOT NULL)"""  # noqa: S608 (placeholders only)
    if filters.form:
        sql += f"""
          AND EXISTS (SELECT 1 FROM mentoring_pairform pf
                      WHERE pf.pair_id = p.id AND pf.form = {params.one("form", filters.form)})"""  # noqa: S608 (placeholders only)
    if filters.mentor_id:
        sql += f"""
          AND EXISTS (SELECT 1 FROM mentoring_pair_mentors pm
                      WHERE pm.pair_id = p.id
                        AND pm.staffmember_id = {params.one("mentor", filters.mentor_id)})"""  # noqa: S608 (placeholders only)
    return sql


def _submitted_answers(
    organization: Organization, filters: Filters, params: _Params, *, join: str = ""
) -> str:
    """``indicators.submitted_answers``: scale answers (``a``) of responses (``r``) sent in the
    year to the organization's assignments (``sa``), by people who did not withdraw consent;
    ``join``: more tables to join."""
    year = filters.year
    sql = f"""
        FROM monitoring_answer a
        JOIN monitoring_surveyresponse r ON r.id = a.response_id
        JOIN monitoring_surveyassignment sa ON sa.id = r.assignment_id
        JOIN mentoring_staffmember s ON s.id = r.staff_id {join}
        WHERE sa.organization_id = {params.one("org", organization.pk)}
          AND r.status = {params.one("submitted", ResponseStatus.SUBMITTED)}
          AND r.submitted_at >= {params.moment("starts_at", year.starts_at)}
          AND r.submitted_at < {params.moment("ends_at", year.ends_at)}
          AND a.kind IN ({params.many("scale", SCALE_MAX)})
          AND s.personal_data_withdrawn_at IS NULL"""
    if filters.form or filters.mentor_id:
        scope = _pairs_in_scope(organization, filters, params)
        sql += f"""
          AND r.pair_id IN (SELECT scope.id FROM ({scope}) scope)"""  # noqa: S608 (placeholders only)
    return sql


# An answer's value as a percentage of its scale (indicators._pct): whole numbers for the
# 5- and 10-point scales, so sums of them are exact.
_PCT = "(CAST(a.value AS DOUBLE PRECISION) * 100.0) / a.scale_max"


@dataclass(frozen=True)
class People:
    """The shares over people: section 6's two and the activity cards' three."""

    teachers: Share
    young: Share
    active_mentees: Share
    active_mentors: Share
    innovation: Share
    withdrawn: int


def people(organization: Organization, filters: Filters) -> People:
    """Staff of the organization grouped by what each share asks of a person (one statement).

    The sets of ``indicators.mentee_shares``, ``indicators_growth.active_people`` (mentees,
    mentors, innovation) and ``indicators_growth.withdrawn_count``.
    """
    params = _Params()
    year = filters.year
    scope = _pairs_in_scope(organization, filters, params)
    entered_statuses = params.many("entered", ENTERED)
    # indicators_growth.participants(role="mentor"): with a mentor filter, that mentor alone.
    only_mentor = (
        f"AND pm.staffmember_id = {params.one('mentor', filters.mentor_id)}"
        if filters.mentor_id
        else ""
    )
    starts_on, ends_on = (
        params.day("starts_on", year.starts_on),
        params.day("ends_on", year.ends_on),
    )
    confirmed = f"""
        SELECT 1 FROM programs_activity act
        WHERE act.staff_id = s.id
          AND act.status = {params.one("confirmed", ActivityStatus.CONFIRMED)}
          AND act.happened_on >= {starts_on} AND act.happened_on <= {ends_on}"""  # noqa: S608 (placeholders only)
    sql = f"""
        WITH entered AS (  -- the pairs whose people entered a program
          SELECT scope.id FROM ({scope}) scope WHERE scope.status IN ({entered_statuses})
        )
        SELECT
          -- indicators.teachers(organization, year)
          (NOT s.is_external
           AND ((s.left_on IS NULL AND s.is_active) OR s.left_on >= {starts_on})
           AND NOT (s.date_hired > {ends_on} AND s.date_hired IS NOT NULL)
           AND NOT (s.position IN ({params.many("not_teaching", NOT_PEDAGOGICAL)}))
           AND s.personal_data_withdrawn_at IS NULL),
          {_young_specialist(params)},
          s.personal_data_withdrawn_at IS NOT NULL,
          -- indicators_growth.participants: mentees, mentors of the pairs that entered
          s.id IN (SELECT pe.staffmember_id FROM mentoring_pair_mentees pe
                   WHERE pe.pair_id IN (SELECT id FROM entered)),
          s.id IN (SELECT pm.staffmember_id FROM mentoring_pair_mentors pm
                   WHERE pm.pair_id IN (SELECT id FROM entered) {only_mentor}),
          -- indicators_growth.confirmed_activity(filters): any kind, and innovation
          EXISTS ({confirmed}),
          EXISTS ({confirmed} AND act.kind = {params.one("innovation", ActivityKind.INNOVATION)}),
          COUNT(*)
        FROM mentoring_staffmember s
        LEFT JOIN mentoring_menteeprofile mp ON mp.staff_id = s.id
        WHERE s.organization_id = {params.one("org", organization.pk)}
        GROUP BY 1, 2, 3, 4, 5, 6, 7"""  # noqa: S608 (placeholders only)
    counts: dict[str, int] = defaultdict(int)
    for *flags, n in _rows(sql, params):
        # A condition that is NULL in SQL (a missing value) is not met, as in a WHERE clause.
        teacher, young, withdrawn, mentee, mentor, active, innovative = (bool(f) for f in flags)
        if teacher:
            counts["teachers"] += n
            counts["teacher_mentees"] += n if mentee else 0
            counts["young"] += n if young else 0
            counts["young_mentees"] += n if young and mentee else 0
        if withdrawn:
            counts["withdrawn"] += n
            continue  # participants: only those whose data may be processed
        if mentee:
            counts["mentees"] += n
            counts["active_mentees"] += n if active else 0
            counts["innovative_mentees"] += n if innovative else 0
        if mentor:
            counts["mentors"] += n
            counts["active_mentors"] += n if active else 0
    return People(
        teachers=Share(counts["teacher_mentees"], counts["teachers"]),
        young=Share(counts["young_mentees"], counts["young"]),
        active_mentees=Share(counts["active_mentees"], counts["mentees"]),
        active_mentors=Share(counts["active_mentors"], counts["mentors"]),
        innovation=Share(counts["innovative_mentees"], counts["mentees"]),
        withdrawn=counts["withdrawn"],
    )


@dataclass(frozen=True)
class Answers:
    """What the year's scale answers give: both satisfactions and the plans to mentor."""

    mentees: Level
    mentors: Level
    planning: Share


def answers(organization: Organization, filters: Filters) -> Answers:
    """``indicators.satisfaction`` of mentees and of mentors and
    ``indicators_growth.planning_to_mentor``'s share, from one aggregate over the answers."""
    params = _Params()
    base = _submitted_answers(
        organization,
        filters,
        params,
        join="""
        JOIN monitoring_surveyversion v ON v.id = sa.version_id
        JOIN monitoring_surveytemplate t ON t.id = v.template_id""",
    )
    mentee = f"t.kind = {params.one('sat_mentee', SurveyKind.SATISFACTION_MENTEE)}"
    mentor = f"t.kind = {params.one('sat_mentor', SurveyKind.SATISFACTION_MENTOR)}"
    future = f"a.measure = {params.one('future', Measure.FUTURE_MENTOR)}"
    agrees = (
        f"CAST(a.value AS DOUBLE PRECISION) / a.scale_max >= {params.one('plans_from', PLANS_FROM)}"
    )
    sql = f"""
        SELECT
          AVG({_PCT}) FILTER (WHERE {mentee}),
          COUNT(DISTINCT r.staff_id) FILTER (WHERE {mentee}),
          COUNT(*) FILTER (WHERE {mentee}),
          AVG({_PCT}) FILTER (WHERE {mentor}),
          COUNT(DISTINCT r.staff_id) FILTER (WHERE {mentor}),
          COUNT(*) FILTER (WHERE {mentor}),
          COUNT(DISTINCT r.staff_id) FILTER (WHERE {future}),
          COUNT(DISTINCT r.staff_id) FILTER (WHERE {future} AND {agrees})
        {base}"""
    (row,) = _rows(sql, params)
    return Answers(
        mentees=Level(_round(row[0]), row[1], row[2]),
        mentors=Level(_round(row[3]), row[4], row[5]),
        planning=Share(row[7], row[6]),
    )


@dataclass(frozen=True)
class Impact:
    """Before/after of each measure for the organization, and per pair."""

    changes: list[Change]
    by_pair: list[dict]  # as indicators.impact_changes_by_pair's rows, ordered by pair, measure


def _sums() -> dict:
    """Sums and counts of «before» and «after» answers, compared and missing responses."""
    return {Moment.BEFORE: [0.0, 0], Moment.AFTER: [0.0, 0], "paired": 0, "missing": 0}


def impact(organization: Organization, filters: Filters) -> Impact:
    """``indicators.impact_changes`` and ``impact_changes_by_pair`` from one grouped statement.

    Grouped by pair, measure, moment and whether the same person in the same pair answered the
    measure at the other moment (sent, in any year: ``indicators._impact_answers``' has_after
    for a «before» answer, has_before for an «after» one). The means are sums over counts (the
    answers are whole percentages, so the sums are exact and the means equal the database's
    AVG), and a response belongs to one pair and one moment, so its distinct counts add up
    across the groups.
    """
    params = _Params()
    base = _submitted_answers(organization, filters, params)
    moments = params.many("moment", (Moment.BEFORE, Moment.AFTER))
    sql = f"""
        SELECT r.pair_id, a.measure, sa.moment,
          EXISTS (
            SELECT 1 FROM monitoring_answer a2
            JOIN monitoring_surveyresponse r2 ON r2.id = a2.response_id
            JOIN monitoring_surveyassignment sa2 ON sa2.id = r2.assignment_id
            WHERE r2.staff_id = r.staff_id AND r2.pair_id = r.pair_id
              AND a2.measure = a.measure
              AND r2.status = {params.one("submitted", ResponseStatus.SUBMITTED)}
              AND sa2.moment IN ({moments}) AND sa2.moment <> sa.moment),
          SUM({_PCT}), COUNT(*), COUNT(DISTINCT a.response_id)
        {base}
          AND a.measure <> '' AND sa.moment IN ({moments})
        GROUP BY 1, 2, 3, 4"""  # noqa: S608 (placeholders only)
    by_pair: dict[tuple, dict] = {}
    by_measure: dict[str, dict] = {}
    for pair_id, measure, moment, other, total, count, responses in _rows(sql, params):
        for table, key in ((by_pair, (pair_id, measure)), (by_measure, measure)):
            if key not in table:
                table[key] = _sums()
            sums = table[key]
            if other:
                sums[moment][0] += total
                sums[moment][1] += count
                if moment == Moment.AFTER:
                    sums["paired"] += responses
            elif moment == Moment.BEFORE:
                sums["missing"] += responses

    def mean(pair: list) -> float | None:
        return pair[0] / pair[1] if pair[1] else None

    changes = []
    for measure in Measure.values:
        sums = by_measure.get(measure) or _sums()
        before, after = mean(sums[Moment.BEFORE]), mean(sums[Moment.AFTER])
        delta = None if before is None or after is None else _round(after - before)
        changes.append(
            Change(measure, _round(before), _round(after), sums["paired"], sums["missing"], delta)
        )
    rows = [
        {
            "response__pair": pair_id,
            "measure": measure,
            "before": mean(sums[Moment.BEFORE]),
            "after": mean(sums[Moment.AFTER]),
            "paired": sums["paired"],
            "missing": sums["missing"],
        }
        for (pair_id, measure), sums in sorted(by_pair.items())
    ]
    return Impact(changes=changes, by_pair=rows)


def process(organization: Organization, filters: Filters) -> ProcessMeasures:
    """``indicators.process_measures``: plan events due in the year up to today and those done
    by their deadline (``programs.selectors.plan_events_on_time``), and meetings held in the
    year, in the pairs in scope (one statement)."""
    params = _Params()
    year = filters.year
    scope = _pairs_in_scope(organization, filters, params)
    in_scope = f"p.pair_id IN (SELECT scope.id FROM ({scope}) scope)"  # noqa: S608
    starts_on = params.day("starts_on", year.starts_on)
    last_day = params.day("last_day", min(timezone.localdate(), year.ends_on))
    sql = f"""
        SELECT
          COUNT(*),
          COUNT(*) FILTER (WHERE pr.status = {params.one("done", RowStatus.DONE)}
                           AND pr.done_on <= pr.deadline),
          (SELECT COUNT(*) FROM programs_meeting m
           JOIN programs_program p ON p.id = m.program_id
           WHERE {in_scope}
             AND m.held_on >= {starts_on}
             AND m.held_on <= {params.day("ends_on", year.ends_on)})
        FROM programs_planrow pr
        JOIN programs_program p ON p.id = pr.program_id
        WHERE {in_scope} AND pr.deadline >= {starts_on} AND pr.deadline <= {last_day}"""  # noqa: S608 (placeholders only)
    ((total, on_time, meetings),) = _rows(sql, params)
    return ProcessMeasures(
        available=True, events_on_time=Share(on_time, total), meetings_held=meetings
    )


def adaptation(organization: Organization, filters: Filters) -> Adaptation:
    """``indicators_growth.adaptation``'s mean and count (one statement): young specialists
    whose program was completed in full in the year, months from hire to the first such
    completion, each rounded, then averaged in the order of the staff list."""
    params = _Params()
    year = filters.year
    scope = _pairs_in_scope(organization, filters, params)
    sql = f"""
        SELECT s.date_hired, first_met.at
        FROM (
          SELECT pe.staffmember_id AS staff_id, MIN(p.finished_at) AS at
          FROM programs_program p
          JOIN mentoring_pair_mentees pe ON pe.pair_id = p.pair_id
          WHERE p.organization_id = {params.one("org", organization.pk)}
            AND p.end_reason = {params.one("plan_done", EndReason.PLAN_DONE)}
            AND p.finished_at >= {params.moment("starts_at", year.starts_at)}
            AND p.finished_at < {params.moment("ends_at", year.ends_at)}
            AND p.pair_id IN (SELECT scope.id FROM ({scope}) scope)
          GROUP BY pe.staffmember_id
        ) first_met
        JOIN mentoring_staffmember s ON s.id = first_met.staff_id
        LEFT JOIN mentoring_menteeprofile mp ON mp.staff_id = s.id
        WHERE s.organization_id = {params.one("org", organization.pk)}
          AND s.date_hired IS NOT NULL
          AND s.personal_data_withdrawn_at IS NULL
          AND {_young_specialist(params)}
        ORDER BY s.search_name, s.id"""  # noqa: S608 (placeholders only)
    months = [
        round((_aware(met).date() - hired).days / DAYS_IN_MONTH, 1)
        for hired, met in _rows(sql, params)
    ]
    mean = round(sum(months) / len(months), 1) if months else None
    return Adaptation(mean, len(months))


def activity_counts(organization: Organization, filters: Filters) -> list[tuple[str, int]]:
    """``indicators_growth.activity_counts``: confirmed records of the year by kind, of people
    whose data may be processed (one statement)."""
    params = _Params()
    year = filters.year
    sql = f"""
        SELECT act.kind, COUNT(*)
        FROM programs_activity act
        JOIN mentoring_staffmember s ON s.id = act.staff_id
        WHERE act.organization_id = {params.one("org", organization.pk)}
          AND act.status = {params.one("confirmed", ActivityStatus.CONFIRMED)}
          AND act.happened_on >= {params.day("starts_on", year.starts_on)}
          AND act.happened_on <= {params.day("ends_on", year.ends_on)}
          AND s.personal_data_withdrawn_at IS NULL
        GROUP BY act.kind"""  # noqa: S608 (placeholders only)
    counts = dict(_rows(sql, params))
    return [(str(label), counts.get(value, 0)) for value, label in ActivityKind.choices]


def pair_labels(organization: Organization, pair_ids) -> dict[int, str]:
    """``selectors.pair_label`` of the organization's pairs ``pair_ids`` (one statement): the
    pairs' numbers, then the mentors and the mentees who did not withdraw consent, each in the
    staff list's order (``StaffMember.Meta.ordering``), as the prefetched pairs gave them."""
    ids = sorted(set(pair_ids))
    if not ids:
        return {}
    params = _Params()
    in_pairs = params.many("pair", ids)
    # The pairs named in each branch too: a condition outside a UNION is not pushed into it.
    people = "\n          UNION ALL".join(
        f"""
          SELECT x.pair_id, {role} AS role, s.last_name, s.first_name, s.middle_name,
                 s.search_name, s.id AS staff_id
          FROM {table} x JOIN mentoring_staffmember s ON s.id = x.staffmember_id
          WHERE x.pair_id IN ({in_pairs}) AND s.personal_data_withdrawn_at IS NULL"""  # noqa: S608 (no input)
        for role, table in ((0, "mentoring_pair_mentors"), (1, "mentoring_pair_mentees"))
    )
    sql = f"""
        SELECT p.id, p.number, who.role, who.last_name, who.first_name, who.middle_name
        FROM mentoring_pair p
        LEFT JOIN ({people}) who ON who.pair_id = p.id
        WHERE p.organization_id = {params.one("org", organization.pk)}
          AND p.id IN ({in_pairs})
        ORDER BY p.id, who.role, who.search_name, who.staff_id"""  # noqa: S608 (placeholders only)
    numbers: dict[int, int | None] = {}
    found: dict[int, tuple[list, list]] = {}
    for pair_id, number, role, *name in _rows(sql, params):
        numbers[pair_id] = number
        mentors, mentees = found.setdefault(pair_id, ([], []))
        if role is not None:
            (mentors if role == 0 else mentees).append(tuple(n or "" for n in name))
    labels = {}
    for pair_id, (mentors, mentees) in found.items():
        kind = "Пара" if len(mentors) == 1 and len(mentees) == 1 else "Группа"
        who, whom = role_word("наставник", mentors), role_word("наставляемый", mentees)
        labels[pair_id] = (
            f"{kind} № {numbers[pair_id] or pair_id}: "
            f"{who} {', '.join(initials_name(*p) for p in mentors)}, "
            f"{whom} {', '.join(initials_name(*p) for p in mentees)}"
        )
    return labels
