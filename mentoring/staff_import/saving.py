"""Save the good rows of a planned import, remember the mapping, build the files to download."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from core.exports import to_xlsx
from core.models import Organization
from mentoring.accounts import link_existing_account
from mentoring.models import Category, Education, Position, StaffMember
from mentoring.staff_import.headers import FIELDS, fold_heading
from mentoring.staff_import.planning import ImportResult, import_settings, match_existing

ERRORS_HEADING = "Ошибки"
TEMPLATE_HEADINGS = [
    "Табельный номер",
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Должность",
    "Общий стаж",
    "Педагогический стаж",
    "Образование",
    "Квалификационная категория",
    "Дата приёма",
    "Электронная почта",
    "Телефон",
]


@dataclass
class ApplyReport:
    added: int = 0
    updated: int = 0
    failed: list[str] = field(default_factory=list)


def staff_import_apply(
    *, organization: Organization, result: ImportResult, remember: bool = True
) -> ApplyReport:
    """Save every row without errors (one transaction); rows with errors are left out.

    Raises ValidationError when no row can be saved. An update fills only the cells the file
    has, so a list without phones does not erase the phones already known.
    """
    if not result.is_importable:
        raise ValidationError(
            "В файле нет ни одной строки без ошибок. Исправьте ошибки и загрузите файл снова — "
            "ничего не сохранено.",
            code="nothing_to_import",
        )
    report = ApplyReport()
    with transaction.atomic():
        match_existing(organization, result)  # the staff may have changed since the preview
        existing = StaffMember.objects.select_for_update().in_bulk(
            [r.existing_id for r in result.good_rows if r.existing_id]
        )
        for row in result.good_rows:
            staff = existing.get(row.existing_id) or StaffMember(organization=organization)
            for name, value in row.values.items():
                if value not in (None, "") or staff.pk is None:
                    setattr(staff, name, value)
            try:
                with transaction.atomic():
                    staff.full_clean(exclude=["user"])
                    staff.save()
            except ValidationError as exc:
                report.failed.append(f"Строка {row.number}: {' '.join(exc.messages)}")
                continue
            if staff.user_id is None:
                link_existing_account(staff=staff)  # the account made earlier, not a second one
            if row.existing_id:
                report.updated += 1
            else:
                report.added += 1
        if remember:
            remember_settings(organization=organization, result=result)
    return report


def remember_settings(*, organization: Organization, result: ImportResult) -> None:
    """Keep the column mapping and the values the curator chose, for the next upload."""
    settings = import_settings(organization)
    columns = dict(settings.columns or {})
    for index, heading in enumerate(result.header):
        if fold_heading(heading):
            columns[fold_heading(heading)] = result.mapping.get(index, "")
    values = {f: dict(v) for f, v in (settings.values or {}).items()}
    for item in result.unmatched:
        if item.chosen:
            values.setdefault(item.field, {})[item.key] = item.chosen
    settings.columns, settings.values = columns, values
    settings.save()


def errors_xlsx(result: ImportResult) -> bytes:
    """The rows with errors as they were in the file, plus a column with the problems."""
    header = [*result.header, ERRORS_HEADING]
    width = len(result.header)
    rows = [
        [*(list(r.cells) + [None] * width)[:width], " ".join(r.errors)] for r in result.error_rows
    ]
    return to_xlsx({"Строки с ошибками": (header, rows)})


def template_xlsx() -> bytes:
    """An empty staff list with the usual headings and a sheet of the accepted values."""
    lists = [
        ("Должность", Position),
        ("Образование", Education),
        ("Квалификационная категория", Category),
    ]
    longest = max(len(choices.choices) for _, choices in lists)
    accepted = [
        [str(c.choices[i][1]) if i < len(c.choices) else "" for _, c in lists]
        for i in range(longest)
    ]
    notes = [
        ["Даты пишите как 01.09.2019; стаж — числом лет («12») или «12 л. 3 мес.»."],
        ["Вместо трёх столбцов «Фамилия», «Имя», «Отчество» можно оставить один — «ФИО»."],
        [
            "Повторная загрузка обновляет сотрудников: по табельному номеру, иначе по ФИО и "
            "дате рождения или дате приёма."
        ],
    ]
    return to_xlsx(
        {
            "Сотрудники": (TEMPLATE_HEADINGS, []),
            "Допустимые значения": ([name for name, _ in lists], accepted),
            "Как заполнять": (["Подсказки"], notes),
        }
    )


def describe_mapping(result: ImportResult) -> list[str]:
    """«Столбец «ФИО» → ФИО (одним столбцом)» lines, for the command's output."""
    return [f"«{result.header[i]}» → {FIELDS[f]}" for i, f in sorted(result.mapping.items())] + [
        f"«{h}» не загружается"
        for i, h in enumerate(result.header)
        if h and i not in result.mapping
    ]
