"""The final analytical report (PDF) and the statistics export (XLSX, CSV)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from django.db.models import Avg, Count, Q
from django.utils import timezone

from core.exports import to_csv, to_xlsx
from core.models import Organization, Role, RoleAssignment
from core.pdf import render_pdf
from mentoring.models import (
    Category,
    ExternalKind,
    MentoringForm,
    Pair,
    PairForm,
    PairStatus,
    Position,
)
from monitoring import dashboard, exports_indicators, selectors
from monitoring import years as frozen_years
from monitoring.charts import AFTER_COLOR, BEFORE_COLOR, MAIN_COLOR, bar_chart_svg
from monitoring.indicators import ENTERED, Filters, _pct, began_by, teachers
from monitoring.models import Answer, CycleReport, ResponseStatus, SurveyKind
from monitoring.periods import AcademicYear


def report_context(organization: Organization, filters: Filters) -> dict:
    data = dashboard.build(organization, filters)
    charts = data["charts"]
    report = CycleReport.objects.filter(
        organization=organization, year_start=filters.year.start_year
    ).first()
    frozen = frozen_years.frozen(organization.pk, filters.year.start_year)
    if frozen is not None:
        # A finished year: the pairs it completed and its curator as they were when it ended.
        completed, curator = frozen["completed"], frozen["curator"]
    else:
        completed, curator = completed_labels(organization, filters), None
    if report is not None and report.updated_by_id:
        curator = report.updated_by.full_name
    elif curator is None:
        curator = curator_name(organization, filters)
    return {
        **data,
        "organization": organization,
        "year": filters.year,
        "indicators_svg": bar_chart_svg(
            [card["label"] for card in data["cards"]],
            [("Значение", charts["indicators"]["values"], MAIN_COLOR)],
        ),
        "impact_svg": bar_chart_svg(
            charts["impact"]["labels"],
            [
                ("До программы", charts["impact"]["before"], BEFORE_COLOR),
                ("После программы", charts["impact"]["after"], AFTER_COLOR),
            ],
        ),
        "completed": completed,
        "conclusions": report.conclusions if report else "",
        "generated": timezone.localtime(),
        "director_short": _initials_first(organization.director_name),
        "curator_short": _initials_first(curator),
    }


def _initials_first(full_name: str) -> str:
    """«Е. Н. Кузнецова» from «Кузнецова Елена Николаевна», as signature lines write it."""
    parts = (full_name or "").split()
    if not parts:
        return ""
    return " ".join([*(f"{p[0]}." for p in parts[1:3]), parts[0]])


def completed_labels(organization: Organization, filters: Filters) -> list[str]:
    """The pairs that completed their programs during the year, as the report lists them."""
    completed = selectors.pairs_with_people(organization=organization).filter(
        status=PairStatus.CLOSED,
        closed_at__gte=filters.year.starts_at,
        closed_at__lt=filters.year.ends_at,
    )
    return [selectors.pair_label(pair) for pair in completed]


def curator_name(organization: Organization, filters: Filters) -> str:
    """The organization's curator now (a finished year keeps the one it had)."""
    assignment = (
        RoleAssignment.objects.filter(organization=organization, role=Role.CURATOR)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return assignment.user.full_name if assignment else ""


def report_pdf(organization: Organization, filters: Filters) -> bytes:
    return render_pdf("monitoring/pdf/report.html", report_context(organization, filters))


# --- statistics -------------------------------------------------------------------------------

ROLE_LABELS = {"mentor": "Наставник", "mentee": "Наставляемый"}
CATEGORY_LABELS = {value: str(label) for value, label in Category.choices}
FORM_LABELS = {value: str(label) for value, label in MentoringForm.choices}
POSITION_LABELS = {value: str(label) for value, label in Position.choices}
EXTERNAL_LABELS = {value: str(label) for value, label in ExternalKind.choices}
NO_FORM = "Форма не указана"


def _pairs(organization_ids: Sequence[int], year: AcademicYear):
    """Pairs that were in programs during the year."""
    return (
        Pair.objects.filter(began_by(year), organization__in=organization_ids, status__in=ENTERED)
        .exclude(closed_at__lt=year.starts_at)
        .values("pk")
    )


def _links():
    return (("mentor", Pair.mentors.through), ("mentee", Pair.mentees.through))


def summary_rows(organization_ids: Sequence[int], year: AcademicYear) -> list[list]:
    """Participants by role, qualification category and form (a person counts once per cell)."""
    rows = []
    for role, through in _links():
        counts = (
            through.objects.filter(pair__in=_pairs(organization_ids, year))
            .values("staffmember__qualification_category", "pair__forms__form")
            .annotate(n=Count("staffmember", distinct=True))
            .order_by("staffmember__qualification_category", "pair__forms__form")
        )
        for row in counts:
            rows.append(
                [
                    ROLE_LABELS[role],
                    CATEGORY_LABELS.get(row["staffmember__qualification_category"], ""),
                    FORM_LABELS.get(row["pair__forms__form"], NO_FORM),
                    row["n"],
                ]
            )
    return rows


def participant_rows(organization_ids: Sequence[int], year: AcademicYear) -> Iterator[list]:
    """One row per participant and pair; streamed so a region export stays small in memory."""
    forms: dict[int, list[str]] = {}
    for pair_id, form in PairForm.objects.filter(
        pair__in=_pairs(organization_ids, year)
    ).values_list("pair_id", "form"):
        forms.setdefault(pair_id, []).append(FORM_LABELS.get(form, form))
    pair_partners = dict(
        _pairs(organization_ids, year)
        .filter(partner__isnull=False)
        .values_list("pk", "partner__name")
    )
    for role, through in _links():
        rows = (
            through.objects.filter(
                pair__in=_pairs(organization_ids, year),
                staffmember__personal_data_withdrawn_at__isnull=True,
            )
            .order_by("staffmember__organization__short_name", "staffmember__last_name", "pk")
            .values_list(
                "staffmember__organization__short_name",
                "staffmember__last_name",
                "staffmember__first_name",
                "staffmember__middle_name",
                "staffmember__position",
                "staffmember__qualification_category",
                "staffmember__teaching_experience_years",
                "pair_id",
                "pair__number",
                "staffmember__external_kind",
                "staffmember__partner__name",
            )
        )
        for row in rows.iterator(chunk_size=2000):
            org, last, first, middle, position, category, years, pair_id, number, kind, partner = (
                row
            )
            yield [
                org,
                " ".join(p for p in (last, first, middle) if p),
                POSITION_LABELS.get(position, position) if not kind else "",
                CATEGORY_LABELS.get(category, category),
                years,
                ROLE_LABELS[role],
                f"№ {number or pair_id}",
                ", ".join(forms.get(pair_id, [])) or NO_FORM,
                EXTERNAL_LABELS.get(kind, ""),
                partner or pair_partners.get(pair_id, ""),
            ]


def organization_rows(organization_ids: Sequence[int], year: AcademicYear) -> Iterator[list]:
    """Per organization: teachers, mentees among them, satisfaction of mentees and mentors."""
    answers = (
        Answer.objects.filter(
            response__assignment__organization__in=organization_ids,
            response__status=ResponseStatus.SUBMITTED,
            response__submitted_at__gte=year.starts_at,
            response__submitted_at__lt=year.ends_at,
            scale_max__isnull=False,
        )
        .values("response__assignment__organization")
        .annotate(
            mentees=Avg(
                _pct(),
                filter=Q(
                    response__assignment__version__template__kind=SurveyKind.SATISFACTION_MENTEE
                ),
            ),
            mentors=Avg(
                _pct(),
                filter=Q(
                    response__assignment__version__template__kind=SurveyKind.SATISFACTION_MENTOR
                ),
            ),
            answers=Count("pk"),
        )
        .order_by()
    )
    satisfaction = {row["response__assignment__organization"]: row for row in answers}
    mentee_ids = Pair.mentees.through.objects.filter(
        pair__in=_pairs(organization_ids, year)
    ).values("staffmember_id")
    staff = (
        Organization.objects.filter(pk__in=organization_ids)
        .annotate(
            teachers=Count("staff", filter=Q(staff__in=teachers_all())),
            mentees=Count("staff", filter=Q(staff__in=teachers_all()) & Q(staff__in=mentee_ids)),
        )
        .order_by("short_name")
        .values_list("pk", "short_name", "teachers", "mentees")
    )
    for pk, name, total, mentees in staff.iterator(chunk_size=500):
        row = satisfaction.get(pk, {})
        yield [
            name,
            total,
            mentees,
            round(100 * mentees / total, 1) if total else None,
            None if row.get("mentees") is None else round(row["mentees"], 1),
            None if row.get("mentors") is None else round(row["mentors"], 1),
            row.get("answers", 0),
        ]


def teachers_all():
    """Teachers of any organization (the share's denominator), as a subquery."""
    from mentoring.models import StaffMember
    from monitoring.indicators import NOT_PEDAGOGICAL

    return (
        StaffMember.objects.employees()
        .filter(is_active=True)
        .exclude(position__in=NOT_PEDAGOGICAL)
        .values("pk")
    )


SUMMARY_HEADER = ["Роль", "Квалификационная категория", "Форма наставничества", "Число участников"]
PARTICIPANT_HEADER = [
    "Организация",
    "ФИО",
    "Должность",
    "Квалификационная категория",
    "Педагогический стаж, лет",
    "Роль",
    "Пара/группа",
    "Формы наставничества",
    "Внешний наставник (не сотрудник)",
    "Организация-партнёр",
]
ORGANIZATION_HEADER = [
    "Организация",
    "Педагогов",
    "Из них наставляемых",
    "Доля наставляемых, %",
    "Удовлетворённость наставляемых, %",
    "Удовлетворённость наставников, %",
    "Оценок в анкетах",
]


def statistics_file(organization_ids: Sequence[int], year: AcademicYear, *, fmt: str) -> bytes:
    """The statistics for a cycle: XLSX with four sheets (the summary, the report's indicators,
    participants, organizations), or CSV with the summary and the indicators."""
    indicator_rows = exports_indicators.all_indicator_rows(organization_ids, year)
    if fmt == "csv":
        # The summary, an empty line, then the report's indicators under their own header.
        rows = [
            *summary_rows(organization_ids, year),
            [],
            exports_indicators.INDICATOR_HEADER,
            *indicator_rows,
        ]
        return to_csv(SUMMARY_HEADER, rows)
    return to_xlsx(
        {
            "Сводка": (SUMMARY_HEADER, summary_rows(organization_ids, year)),
            "Показатели": (exports_indicators.INDICATOR_HEADER, indicator_rows),
            "Участники": (PARTICIPANT_HEADER, participant_rows(organization_ids, year)),
            "По организациям": (ORGANIZATION_HEADER, organization_rows(organization_ids, year)),
        }
    )


__all__ = ["report_pdf", "statistics_file", "teachers"]
