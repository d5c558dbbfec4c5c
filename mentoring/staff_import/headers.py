"""Find the header row under title rows and propose which column is which field."""

from __future__ import annotations

import re

from mentoring.staff_import.readers import cell_text

# The fields a column can fill, in the order the mapping form and the template show them.
FIELDS: dict[str, str] = {
    "personnel_number": "Табельный номер",
    "full_name": "ФИО (одним столбцом)",
    "last_name": "Фамилия",
    "first_name": "Имя",
    "middle_name": "Отчество",
    "birth_date": "Дата рождения",
    "position": "Должность",
    "total_experience": "Общий стаж",
    "teaching_experience": "Педагогический стаж",
    "education": "Образование",
    "qualification_category": "Квалификационная категория",
    "date_hired": "Дата приёма",
    "email": "Электронная почта",
    "phone": "Телефон",
}
HEADER_SEARCH_ROWS = 30


def fold_heading(value) -> str:
    """A heading reduced to lower-case words: «Общий стаж (лет)» → «общий стаж лет»."""
    text = cell_text(value).casefold().replace("ё", "е")
    return " ".join(re.findall(r"[a-zа-я0-9]+", text))


def guess_field(heading) -> str | None:
    """The field a usual heading stands for, or None («№ п/п», unknown headings)."""
    text = fold_heading(heading)
    words = set(text.split())
    if not text:
        return None
    if "фио" in words or ({"фамилия", "имя"} <= words) or "ф и о" in text:
        return "full_name"
    if "табельный" in words or text.startswith("таб ") or "таб номер" in text:
        return "personnel_number"
    if "фамилия" in words:
        return "last_name"
    if "отчество" in words:
        return "middle_name"
    if "имя" in words:
        return "first_name"
    if "рождения" in words:
        return "birth_date"
    if words & {"приема", "поступления", "трудоустройства"}:
        return "date_hired"
    if "стаж" in words:
        if any(w.startswith("пед") for w in words):
            return "teaching_experience"
        return "total_experience"
    if "должность" in words:
        return "position"
    if "категория" in words:
        return "qualification_category"
    if "образование" in words:
        return "education"
    if words & {"email", "mail", "почта"} or "e mail" in text:
        return "email"
    if words & {"телефон", "тел"}:
        return "phone"
    return None


def find_header(table: list[list], known: dict[str, str] | None = None) -> int | None:
    """Index of the row that names the columns: the first one with two or more known headings."""
    known = known or {}
    best, best_score = None, 1
    for index, row in enumerate(table[:HEADER_SEARCH_ROWS]):
        score = len(
            {known.get(fold_heading(c)) or guess_field(c) for c in row if cell_text(c)} - {None}
        )
        if score > best_score:
            best, best_score = index, score
    return best


def propose_mapping(header: list, known: dict[str, str] | None = None) -> dict[int, str]:
    """Column index → field: the organization's remembered choices first, then usual headings.

    A field taken by an earlier column is not proposed again.
    """
    known = known or {}
    mapping: dict[int, str] = {}
    for index, cell in enumerate(header):
        heading = fold_heading(cell)
        if not heading:
            continue
        field = known[heading] if heading in known else guess_field(cell)
        if field and field in FIELDS and field not in mapping.values():
            mapping[index] = field
    return mapping
