"""Plan an import: read every row into model values, find problems and existing people."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.models import Organization
from core.text import fold
from mentoring.models import Category, Education, Position, StaffImportSettings, StaffMember
from mentoring.staff_import import normalizers as n
from mentoring.staff_import.headers import FIELDS, find_header, propose_mapping
from mentoring.staff_import.readers import FORMATS_TEXT, Formula, cell_text, read_table

CHOICE_FIELDS = {
    "position": (Position, n.match_position, "Неизвестная должность", "Не указана должность."),
    "education": (Education, n.match_education, "Неизвестное образование", ""),
    "qualification_category": (
        Category,
        n.match_category,
        "Неизвестная квалификационная категория",
        "",
    ),
}
DATE_FIELDS = {"birth_date": "Дата рождения", "date_hired": "Дата приёма"}
EXPERIENCE_FIELDS = {
    "total_experience": ("total_experience_years", "Общий стаж"),
    "teaching_experience": ("teaching_experience_years", "Педагогический стаж"),
}
TEXT_FIELDS = ("personnel_number", "email", "phone")


@dataclass
class Unmatched:
    """A value of a reference list the importer could not recognize, with the rows having it."""

    field: str
    raw: str
    rows: list[int] = field(default_factory=list)
    chosen: str = ""

    @property
    def key(self) -> str:
        return fold(self.raw)

    @property
    def form_name(self) -> str:
        digest = hashlib.sha1(self.key.encode(), usedforsecurity=False).hexdigest()[:12]
        return f"fix-{self.field}-{digest}"

    @property
    def field_label(self) -> str:
        return FIELDS[self.field]

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(v, str(label)) for v, label in CHOICE_FIELDS[self.field][0].choices]


@dataclass
class ImportRow:
    number: int  # the row number as the spreadsheet shows it
    cells: list
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
        if self.errors:
            return "error"
        return "update" if self.existing_id else "create"


@dataclass
class ImportResult:
    header_row: int | None = None  # 1-based, as the spreadsheet shows it
    header: list[str] = field(default_factory=list)
    mapping: dict[int, str] = field(default_factory=dict)
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # problems of the whole file
    unmatched: list[Unmatched] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def good_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.errors]

    @property
    def error_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.errors]

    @property
    def to_create(self) -> int:
        return sum(1 for r in self.good_rows if not r.existing_id)

    @property
    def to_update(self) -> int:
        return sum(1 for r in self.good_rows if r.existing_id)

    @property
    def is_importable(self) -> bool:
        return not self.errors and bool(self.good_rows)

    @property
    def columns(self) -> list[tuple[int, str, str]]:
        """(index, heading, mapped field) for every non-empty heading, for the mapping form."""
        return [(i, h, self.mapping.get(i, "")) for i, h in enumerate(self.header) if h]


def import_settings(organization: Organization) -> StaffImportSettings:
    """The organization's remembered mapping (unsaved and empty on the first upload)."""
    found = StaffImportSettings.objects.filter(organization=organization).first()
    return found or StaffImportSettings(organization=organization)


def parse(
    *,
    organization: Organization,
    name: str,
    data: bytes,
    mapping: dict[int, str] | None = None,
    resolutions: dict[str, dict[str, str]] | None = None,
) -> ImportResult:
    """Read the file and plan every row; nothing is saved here."""
    result = ImportResult()
    remembered = import_settings(organization)
    try:
        table = read_table(name, data)
    except ValidationError as exc:
        result.errors.extend(exc.messages)
        return result
    header_index = find_header(table, remembered.columns)
    if header_index is None:
        result.errors.append(
            "Не найдена строка с названиями столбцов. Проверьте, что в файле есть строка "
            "заголовков, например «ФИО», «Должность», «Стаж общий», «Дата приёма» — или "
            f"скачайте шаблон. Поддерживаются форматы {FORMATS_TEXT}."
        )
        return result
    result.header_row = header_index + 1
    result.header = [cell_text(c) for c in table[header_index]]
    result.mapping = (
        {i: f for i, f in mapping.items() if f in FIELDS}
        if mapping is not None
        else propose_mapping(table[header_index], remembered.columns)
    )
    _check_mapping(result)
    if result.errors:
        return result
    known = {f: dict(v) for f, v in (remembered.values or {}).items()}
    for field_name, chosen in (resolutions or {}).items():
        known.setdefault(field_name, {}).update(chosen)
    unmatched: dict[tuple[str, str], Unmatched] = {}
    for index in range(header_index + 1, len(table)):
        cells = list(table[index])
        raw = {f: cells[i] if i < len(cells) else None for i, f in result.mapping.items()}
        filled = [v for v in raw.values() if cell_text(v)]
        if not filled:
            continue
        if len(filled) == 1:
            result.skipped.append(
                f"Строка {index + 1} пропущена: в ней заполнена одна ячейка "
                f"(«{cell_text(filled[0])}»), это не похоже на сотрудника."
            )
            continue
        result.rows.append(_plan_row(index + 1, cells, raw, known, unmatched))
    result.unmatched = sorted(unmatched.values(), key=lambda u: (u.field, u.key))
    if not result.rows:
        result.errors.append("В файле есть заголовок, но нет ни одного сотрудника.")
        return result
    _check_duplicates(result)
    match_existing(organization, result)
    return result


def _check_mapping(result: ImportResult) -> None:
    chosen = list(result.mapping.values())
    repeated = sorted({f for f in chosen if chosen.count(f) > 1}, key=list(FIELDS).index)
    for field_name in repeated:
        result.errors.append(
            f"Поле «{FIELDS[field_name]}» выбрано для нескольких столбцов. "
            "Оставьте его у одного столбца."
        )
    has_name = "full_name" in chosen or {"last_name", "first_name"} <= set(chosen)
    if not has_name:
        result.errors.append(
            "Не выбран столбец с именами. Укажите столбец «ФИО (одним столбцом)» или столбцы "
            "«Фамилия» и «Имя»."
        )
    if "position" not in chosen:
        result.errors.append("Не выбран столбец «Должность». Укажите, в каком столбце должности.")


def _plan_row(number: int, cells: list, raw: dict, known: dict, unmatched: dict) -> ImportRow:
    row = ImportRow(number=number, cells=cells)
    v, errors = row.values, row.errors
    raw = dict(raw)
    formulas = [name for name, value in raw.items() if isinstance(value, Formula)]
    for name in formulas:
        errors.append(
            f"Ячейка содержит формулу, а не значение: «{raw[name]}» (столбец «{FIELDS[name]}»). "
            "Замените формулу её значением (в Excel: «Копировать», затем «Вставить значения») "
            "и загрузите файл снова."
        )
        raw[name] = None
    name_formula = any(f in formulas for f in ("full_name", "last_name", "first_name"))
    if "full_name" in raw:
        v["last_name"], v["first_name"], v["middle_name"] = n.split_full_name(raw["full_name"])
    for part in ("last_name", "first_name", "middle_name"):
        if part in raw and n.clean_name_part(raw[part]):
            v[part] = n.clean_name_part(raw[part])
    if not v.get("last_name") and not name_formula:
        errors.append("Не указана фамилия.")
    if not v.get("first_name") and not name_formula:
        errors.append("Не указано имя: в ФИО должно быть хотя бы два слова — фамилия и имя.")
    for name in TEXT_FIELDS:
        if name in raw:
            v[name] = cell_text(raw[name])
    for name, label in DATE_FIELDS.items():
        if name in raw:
            try:
                v[name] = n.parse_date(raw[name])
            except ValueError as exc:
                errors.append(f"{label}: {exc}")
    if v.get("birth_date") and v["birth_date"] > dt.date.today():
        errors.append("Дата рождения в будущем: проверьте год.")
    for name, (model_field, label) in EXPERIENCE_FIELDS.items():
        if name in raw:
            try:
                v[model_field] = n.parse_experience(raw[name])
            except ValueError as exc:
                errors.append(f"{label}: {exc}")
    total, teaching = v.get("total_experience_years"), v.get("teaching_experience_years")
    if total is not None and teaching is not None and teaching > total:
        errors.append(f"Педагогический стаж ({teaching}) больше общего ({total}): проверьте стаж.")
    for name, (choices, matcher, unknown_text, missing_text) in CHOICE_FIELDS.items():
        if name not in raw:
            continue
        text = cell_text(raw[name])
        found = matcher(text)
        chosen = known.get(name, {}).get(fold(text)) if text else None
        if found is None and chosen:
            # The curator chose it (now or on an earlier upload): keep it visible and changeable.
            item = unmatched.setdefault(
                (name, fold(text)), Unmatched(field=name, raw=text, chosen=chosen)
            )
            item.rows.append(number)
            found = chosen
        if found is None:
            item = unmatched.setdefault((name, fold(text)), Unmatched(field=name, raw=text))
            item.rows.append(number)
            accepted = ", ".join(f"«{label}»" for _, label in choices.choices)
            errors.append(
                f"{unknown_text} «{text}». Выберите значение в разделе «Значения, которые "
                "нужно уточнить» — оно применится ко всем строкам с таким текстом. "
                f"Допустимые значения: {accepted}."
            )
        elif found == "" and missing_text:
            errors.append(missing_text)
        else:
            v[name] = found
    if v.get("email"):
        try:
            validate_email(v["email"])
        except ValidationError:
            errors.append(f"Адрес электронной почты «{v['email']}» записан с ошибкой.")
    return row


def _keys(values: dict) -> list[tuple]:
    """Ways to recognize a person, most reliable first."""
    name = fold(" ".join(values.get(k) or "" for k in ("last_name", "first_name", "middle_name")))
    keys = []
    if values.get("personnel_number"):
        keys.append(("number", values["personnel_number"]))
    if values.get("birth_date"):
        keys.append(("born", name, values["birth_date"]))
    if values.get("date_hired"):
        keys.append(("hired", name, values["date_hired"]))
    return keys


def _check_duplicates(result: ImportResult) -> None:
    seen: dict[tuple, int] = {}
    for row in result.rows:
        for key in _keys(row.values):
            if key in seen:
                what = "Табельный номер" if key[0] == "number" else "Этот же сотрудник"
                row.errors.append(
                    f"{what} уже встречается в строке {seen[key]}: один человек записан дважды."
                )
                break
        for key in _keys(row.values):
            seen.setdefault(key, row.number)


def match_existing(organization: Organization, result: ImportResult) -> None:
    """Find who is already on staff: by personnel number, else by name and birth or hire date."""
    index: dict[tuple, int] = {}
    # A mentor from outside the staff is never matched (nor changed) by a staff file.
    for staff in (
        StaffMember.objects.employees()
        .filter(organization=organization)
        .only(
            "pk",
            "personnel_number",
            "last_name",
            "first_name",
            "middle_name",
            "birth_date",
            "date_hired",
        )
    ):
        values = {
            "personnel_number": staff.personnel_number,
            "last_name": staff.last_name,
            "first_name": staff.first_name,
            "middle_name": staff.middle_name,
            "birth_date": staff.birth_date,
            "date_hired": staff.date_hired,
        }
        for key in _keys(values):
            index.setdefault(key, staff.pk)
    for row in result.rows:
        row.existing_id = next((index[k] for k in _keys(row.values) if k in index), None)
