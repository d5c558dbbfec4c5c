"""The roll-up for reporting upward: one row per ДОУ plus the municipality's totals."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from core.models import Municipality
from monitoring.models import Measure
from region import selectors
from region.models import OrganizationSummary

HEADER = [
    "ДОУ",
    "Текущий этап дорожной карты",
    "Дорожная карта, % выполнения",
    "Просрочено этапов",
    "Педагогов-наставляемых",
    "Педагогов всего",
    "Доля педагогов-наставляемых, %",
    "Молодых специалистов-наставляемых",
    "Молодых специалистов всего",
    "Доля молодых специалистов-наставляемых, %",
    "Удовлетворённость наставляемых, %",
    "Удовлетворённость наставников, %",
    "Наставников",
    "Наставляемых без пары",
    "Пар и групп",
    "Программ реализуется",
    "Программ завершено",
    "Просроченных мероприятий",
    "Пар без движения 21 день",
    "Подписанных приказов",
] + [f"{label}: {when}, %" for label in Measure.labels for when in ("до", "после")]


def _impact_cells(impact: list[dict]) -> list:
    by_measure = {item["measure"]: item for item in impact}
    cells = []
    for measure in Measure.values:
        item = by_measure.get(measure)
        # One value per cell: «до» and «после» in two numeric columns, never «62 / 71».
        if not item or item["before"] is None or item["after"] is None:
            cells.extend(["", ""])
        else:
            cells.extend([item["before"], item["after"]])
    return cells


def _blank(value):
    return "" if value is None else value


def summary_row(row: OrganizationSummary) -> list:
    return [
        row.organization.short_name,
        f"{row.stage_number}. {row.stage_title}" if row.stage_number else "",
        row.roadmap_percent,
        row.late_count,
        row.teachers_part,
        row.teachers_total,
        _blank(row.teachers_percent),
        row.young_part,
        row.young_total,
        _blank(row.young_percent),
        _blank(row.satisfaction_mentee),
        _blank(row.satisfaction_mentor),
        row.mentors,
        row.mentees_without_pair,
        row.pairs,
        row.programs_in_progress,
        row.programs_completed,
        row.overdue_events,
        row.stalled_pairs,
        row.orders_signed,
        *_impact_cells(row.impact),
    ]


def totals_row(totals: dict) -> list:
    return [
        f"Итого по муниципалитету ({totals['organizations']} ДОУ)",
        "",
        "",
        totals["late_stages"],
        totals["teachers_part"],
        totals["teachers_total"],
        _blank(totals["teachers_percent"]),
        totals["young_part"],
        totals["young_total"],
        _blank(totals["young_percent"]),
        _blank(totals["satisfaction_mentee"]),
        _blank(totals["satisfaction_mentor"]),
        totals["mentors"],
        totals["mentees_without_pair"],
        totals["pairs"],
        totals["programs_in_progress"],
        totals["programs_completed"],
        totals["overdue_events"],
        totals["stalled_pairs"],
        totals["orders_signed"],
        *_impact_cells(totals["impact"]),
    ]


def rollup_rows(
    municipality: Municipality, start_year: int, progress: Callable[[int, int], None] | None = None
) -> tuple[list[str], Iterator[list]]:
    """The header and rows (each ДОУ, then the totals); ``progress(done, total)`` after each ДОУ."""
    rows = list(selectors.summaries(municipality, start_year))
    total = len(rows)

    def generate():
        for index, row in enumerate(rows, start=1):
            yield summary_row(row)
            if progress is not None:
                progress(index, total)
        yield totals_row(selectors.totals(rows))

    return HEADER, generate()
