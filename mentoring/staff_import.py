"""Staff list import from CSV or XLSX: parse and check every row first, then save all at once.

A small importer on csv/openpyxl rather than django-import-export: the page must show every
row's problems in Russian with its spreadsheet row number (a date like 31.02.2020, an unknown
position, a duplicate person, teaching experience above total) before anything is saved, and
match existing people by personnel number or by full name and birth date; doing that through
import-export's resources would mean overriding most of its hooks and its messages.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from mentoring.models import Category, Education, Organization, Position, StaffMember

MAX_BYTES = 5 * 1024 * 1024
# Column header → model field. The order is that of fixtures/demo_staff.csv.
COLUMNS = {
    "Табельный номер": "personnel_number",
    "Фамилия": "last_name",
    "Имя": "first_name",
    "Отчество": "middle_name",
    "Дата рождения": "birth_date",
    "Должность": "position",
    "Общий стаж": "total_experience_years",
    "Педагогический стаж": "teaching_experience_years",
    "Образование": "education",
    "Квалификационная категория": "qualification_category",
    "Дата приёма": "date_hired",
    "Электронная почта": "email",
    "Телефон": "phone",
}
REQUIRED_COLUMNS = ("Фамилия", "Имя", "Должность")
_CHOICES = {
    "position": {str(label).casefold(): value for value, label in Position.choices},
    "education": {str(label).casefold(): value for value, label in Education.choices},
    "qualification_category": {str(label).casefold(): value for value, label in Category.choices},
}
_LABELS = {
    "position": "должность",
    "education": "образование",
    "qualification_category": "квалификационная категория",
}


@dataclass
class ImportRow:
    number: int  # the row number as the spreadsheet shows it (the header is row 1)
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    existing_id: int | None = None

    @property
    def full_name(self) -> str:
        parts = (self.values.get(k, "") for k in ("last_name", "first_name", "middle_name"))
        return " ".join(p for p in parts if p)

    @property
    def position_label(self) -> str:
        return str(dict(Position.choices).get(self.values.get("position", ""), ""))

    @property
    def action(self) -> str:
        return "обновить" if self.existing_id else "добавить"


@dataclass
class ImportResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # problems of the whole file

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows) and not any(r.errors for r in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(len(r.errors) for r in self.rows)

    @property
    def to_create(self) -> int:
        return sum(1 for r in self.rows if not r.existing_id)

    @property
    def to_update(self) -> int:
        return sum(1 for r in self.rows if r.existing_id)


def _read_table(name: str, data: bytes) -> list[list]:
    lower = name.lower()
    if lower.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise ValidationError(
                "Файл XLSX не читается: возможно, он повреждён или это другой формат. "
                "Сохраните список заново в Excel как «Книга Excel (.xlsx)».",
                code="bad_xlsx",
            ) from exc
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    if lower.endswith(".csv"):
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ValidationError(
                "Не удалось прочитать CSV: сохраните его в кодировке UTF-8.", code="bad_encoding"
            )
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") >= first.count(",") else ","
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    raise ValidationError(
        "Этот формат файла не поддерживается. Загрузите список сотрудников в формате XLSX "
        "или CSV (разделитель «;» или «,», кодировка UTF-8).",
        code="bad_format",
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value, label: str, errors: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    try:
        return dt.datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        errors.append(f"{label}: «{text}» — такой даты нет или она записана не в виде ДД.ММ.ГГГГ.")
        return None


def _years(value, label: str, errors: list[str]) -> int | None:
    text = _text(value)
    if text == "":
        return 0
    try:
        years = int(text)
    except ValueError:
        errors.append(f"{label}: «{text}» — укажите целое число лет.")
        return None
    if not 0 <= years <= 70:
        errors.append(f"{label}: {years} — стаж должен быть от 0 до 70 лет.")
        return None
    return years


def _choice(value, field_name: str, errors: list[str], *, required: bool) -> str:
    text = _text(value)
    if not text:
        if required:
            errors.append(f"Не указана {_LABELS[field_name]}.")
        return ""
    found = _CHOICES[field_name].get(text.casefold())
    if found is None:
        errors.append(f"Неизвестная {_LABELS[field_name]}: «{text}».")
        return ""
    return found


def _parse_row(number: int, raw: dict) -> ImportRow:
    row = ImportRow(number=number)
    errors = row.errors
    v = row.values
    for header in ("Табельный номер", "Фамилия", "Имя", "Отчество", "Телефон", "Электронная почта"):
        v[COLUMNS[header]] = _text(raw.get(header))
    if not v["last_name"]:
        errors.append("Не указана фамилия.")
    if not v["first_name"]:
        errors.append("Не указано имя.")
    v["birth_date"] = _date(raw.get("Дата рождения"), "Дата рождения", errors)
    v["date_hired"] = _date(raw.get("Дата приёма"), "Дата приёма", errors)
    today = dt.date.today()
    if v["birth_date"] and v["birth_date"] > today:
        errors.append("Дата рождения в будущем.")
    v["position"] = _choice(raw.get("Должность"), "position", errors, required=True)
    v["education"] = _choice(raw.get("Образование"), "education", errors, required=False)
    category = _choice(
        raw.get("Квалификационная категория"), "qualification_category", errors, required=False
    )
    v["qualification_category"] = category or Category.NONE
    total = _years(raw.get("Общий стаж"), "Общий стаж", errors)
    teaching = _years(raw.get("Педагогический стаж"), "Педагогический стаж", errors)
    if total is not None and teaching is not None and teaching > total:
        errors.append(f"Педагогический стаж ({teaching}) больше общего ({total}).")
    v["total_experience_years"], v["teaching_experience_years"] = total or 0, teaching or 0
    if v["email"]:
        try:
            validate_email(v["email"])
        except ValidationError:
            errors.append(f"Адрес электронной почты «{v['email']}» записан с ошибкой.")
    return row


def _person_key(values: dict) -> tuple:
    return (
        " ".join(values[k].casefold() for k in ("last_name", "first_name", "middle_name")),
        values["birth_date"],
    )


def parse(*, organization: Organization, name: str, data: bytes) -> ImportResult:
    """Read the file and check every row; nothing is saved here."""
    result = ImportResult()
    if not data:
        result.errors.append("Файл пустой. Выберите файл со списком сотрудников.")
        return result
    if len(data) > MAX_BYTES:
        result.errors.append("Файл больше 5 МБ. Разделите список на части.")
        return result
    try:
        table = _read_table(name, data)
    except ValidationError as exc:
        result.errors.extend(exc.messages)
        return result
    table = [r for r in table if any(_text(c) for c in r)]
    if not table:
        result.errors.append("В файле нет ни одной строки. Выберите файл со списком сотрудников.")
        return result
    header = [_text(c) for c in table[0]]
    unknown = [h for h in header if h and h not in COLUMNS]
    missing = [h for h in REQUIRED_COLUMNS if h not in header]
    if unknown or missing:
        message = "Заголовок таблицы не подходит."
        if missing:
            message += " Нет столбцов: " + ", ".join(f"«{h}»" for h in missing) + "."
        if unknown:
            message += " Неизвестные столбцы: " + ", ".join(f"«{h}»" for h in unknown) + "."
        message += " Первая строка должна содержать названия столбцов: " + "; ".join(COLUMNS) + "."
        result.errors.append(message)
        return result
    if len(table) == 1:
        result.errors.append("В файле есть заголовок, но нет ни одного сотрудника.")
        return result
    for index, cells in enumerate(table[1:], start=2):
        raw = {h: cells[i] if i < len(cells) else None for i, h in enumerate(header) if h}
        result.rows.append(_parse_row(index, raw))
    _check_duplicates(result)
    _match_existing(organization, result)
    return result


def _check_duplicates(result: ImportResult) -> None:
    by_number: dict[str, int] = {}
    by_person: dict[tuple, int] = {}
    for row in result.rows:
        number = row.values["personnel_number"]
        if number:
            if number in by_number:
                row.errors.append(
                    f"Табельный номер {number} уже встречался в строке {by_number[number]}."
                )
            by_number.setdefault(number, row.number)
        if row.values["last_name"] and row.values["first_name"]:
            key = _person_key(row.values)
            if key in by_person:
                row.errors.append(
                    f"{row.full_name} уже встречается в строке {by_person[key]}: "
                    "один человек записан дважды."
                )
            by_person.setdefault(key, row.number)


def _match_existing(organization: Organization, result: ImportResult) -> None:
    """Find who is already on staff: by personnel number, else by full name and birth date."""
    existing = list(
        StaffMember.objects.filter(organization=organization).values(
            "pk", "personnel_number", "last_name", "first_name", "middle_name", "birth_date"
        )
    )
    by_number = {e["personnel_number"]: e["pk"] for e in existing if e["personnel_number"]}
    by_person = {_person_key(e): e["pk"] for e in existing}
    for row in result.rows:
        number = row.values["personnel_number"]
        if number and number in by_number:
            row.existing_id = by_number[number]
        elif row.values["last_name"]:
            row.existing_id = by_person.get(_person_key(row.values))


def apply(*, organization: Organization, result: ImportResult) -> tuple[int, int]:
    """Save every row in one transaction; refuse a file with any error. Returns (added, updated)."""
    if not result.is_valid:
        raise ValidationError(
            "В файле есть ошибки: исправьте их и загрузите файл снова. Ничего не сохранено.",
            code="invalid_file",
        )
    added = updated = 0
    with transaction.atomic():
        _match_existing(organization, result)  # the list may have changed since the preview
        for row in result.rows:
            if row.existing_id:
                staff = StaffMember.objects.select_for_update().get(
                    pk=row.existing_id, organization=organization
                )
                updated += 1
            else:
                staff = StaffMember(organization=organization)
                added += 1
            for name, value in row.values.items():
                setattr(staff, name, value)
            staff.full_clean(exclude=["user"])
            staff.save()
    return added, updated
