"""Read values the way people write them in staff lists: names, experience, dates, choices.

Every function takes a raw cell and returns the model's value, or raises ``ValueError`` with a
Russian sentence the preview shows as is. Choice matchers return None when they can't tell.
"""

from __future__ import annotations

import datetime as dt
import re

from mentoring.models import Category, Education, Position

MAX_EXPERIENCE_YEARS = 70
# Spreadsheet day numbers: 1 is 1900-01-01 (with Excel's leap-year bug, hence 1899-12-30).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_LOWER_PARTICLES = {"оглы", "кызы", "угли", "кизи"}


def _fold(text: str) -> str:
    return " ".join(str(text).casefold().replace("ё", "е").split())


# --- names ----------------------------------------------------------------------------------


def proper_case(word: str) -> str:
    """«МЕДВЕДЕВА-СОРОКИНА» → «Медведева-Сорокина»; mixed case as typed stays as it is."""
    if word.isupper() or word.islower():
        return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))
    return word


def clean_name_part(text) -> str:
    """One part of a name: spaces collapsed, hyphens joined, capitals made proper."""
    text = re.sub(r"\s*-\s*", "-", " ".join(str(text or "").replace(",", " ").split()))
    return " ".join(proper_case(w) for w in text.split(" ") if w)


def split_full_name(text) -> tuple[str, str, str]:
    """«  ИВАНОВА  анна  петровна » → («Иванова», «Анна», «Петровна»); extra words go to the
    patronymic («Алиев Рашид Ильхам оглы»)."""
    words = clean_name_part(text).split()
    words += [""] * (3 - len(words))
    tail = [words[2]] + [w.casefold() if w.casefold() in _LOWER_PARTICLES else w for w in words[3:]]
    return words[0], words[1], " ".join(w for w in tail if w)


# --- experience -----------------------------------------------------------------------------

_NONE_WORDS = {"", "нет", "-", "—", "–", "0", "без стажа", "не имеет"}
_YEARS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:г|л|год)")
_MONTHS = re.compile(r"(\d+)\s*м")


def parse_experience(value) -> int:
    """Whole years from «12», 12.0, «12,5», «12 л. 3 мес.», «3 мес.», «нет»; raises ValueError."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        years = int(value)
    else:
        text = _fold(value or "")
        if text in _NONE_WORDS:
            return 0
        found_years, found_months = _YEARS.search(text), _MONTHS.search(text)
        if found_years or found_months:
            years = int(float(found_years.group(1).replace(",", "."))) if found_years else 0
            if found_months and int(found_months.group(1)) >= 12:
                years += int(found_months.group(1)) // 12
        elif re.fullmatch(r"\d+(?:[.,]\d+)?", text):
            years = int(float(text.replace(",", ".")))
        else:
            raise ValueError(
                f"«{value}» — не похоже на стаж. Напишите число лет, например «12» "
                "или «12 л. 3 мес.»."
            )
    if not 0 <= years <= MAX_EXPERIENCE_YEARS:
        raise ValueError(f"{years} — стаж должен быть от 0 до {MAX_EXPERIENCE_YEARS} лет.")
    return years


# --- dates ----------------------------------------------------------------------------------

_DATE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?!\d)")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(value, *, today: dt.date | None = None) -> dt.date | None:
    """A date from a spreadsheet date, a day number, «01.09.2019», «01.09.19», «с 01.09.2019 г.»;
    None for an empty cell; raises ValueError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value <= 80000:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(f"«{value}» — такой даты нет. Запишите дату в виде ДД.ММ.ГГГГ.")
    text = " ".join(str(value).split())
    if not text:
        return None
    today = today or dt.date.today()
    try:
        found = _DATE.search(text)
        if found:
            day, month, year = (int(g) for g in found.groups())
            if len(found.group(3)) == 2:
                year += 2000 if 2000 + year <= today.year else 1900
            return dt.date(year, month, day)
        found = _ISO.search(text)
        if found:
            return dt.date(*(int(g) for g in found.groups()))
    except ValueError:
        pass
    raise ValueError(
        f"«{text}» — такой даты нет или она записана непонятно. Запишите дату в виде ДД.ММ.ГГГГ."
    )


# --- reference lists ------------------------------------------------------------------------


def match_position(value) -> str | None:
    """«педагог - психолог», «Муз. руководитель», «воспитатель (совместитель)» → a Position;
    "" for an empty cell."""
    text = re.sub(r"\(.*?\)", " ", _fold(value or ""))
    text = re.sub(r"\s*-\s*", "-", text).strip()
    if not text:
        return ""
    exact = {_fold(label): val for val, label in Position.choices}
    if text in exact:
        return exact[text]
    rules = (
        (("старш",), ("воспит",), Position.SENIOR_EDUCATOR),
        (("зам",), (), Position.DEPUTY_HEAD),
        (("заведующ", "руководитель доу", "директор"), (), Position.HEAD),
        (("муз",), (), Position.MUSIC),
        (("воспит",), (), Position.EDUCATOR),
        (("физ", "инструктор", "плаван"), (), Position.PE_INSTRUCTOR),
        (("логопед",), (), Position.SPEECH_THERAPIST),
        (("психолог",), (), Position.PSYCHOLOGIST),
        (("дефектолог", "олигофрено", "тифло", "сурдо"), (), Position.DEFECTOLOGIST),
        (("дополнит", "доп.", "доп ", "пдо"), (), Position.ADDITIONAL_ED),
        (("методист",), (), Position.METHODIST),
    )
    for any_of, also, position in rules:
        if any(k in text + " " for k in any_of) and all(k in text for k in also):
            return position
    return None


def match_education(value) -> str | None:
    """«Высшее, ИвГУ, 2015», «Ср.-проф., … пед. колледж», «н/высшее (студентка)» → Education;
    an empty cell is "" (not given)."""
    text = _fold(value or "")
    if not text or text in {"-", "—", "нет"}:
        return ""
    exact = {_fold(label): val for val, label in Education.choices}
    if text in exact:
        return exact[text]
    if any(k in text for k in ("н/в", "неоконч", "незаконч", "студент", "обучается", "получает")):
        return Education.STUDENT
    pedagogical = any(
        k in text for k in ("пед", "дошкольн", "воспитат", "логопед", "дефектолог", "психолог")
    )
    if re.search(r"(^|\W)(высш|впо|вп\b|бакалавр|магистр|специалитет)", text):
        return Education.HIGHER_PEDAGOGICAL if pedagogical else Education.HIGHER
    if re.search(r"(^|\W)(ср|спо|сред|колледж|училищ|техникум)", text):
        return Education.SECONDARY_PEDAGOGICAL if pedagogical else Education.SECONDARY
    return None


def match_category(value) -> str | None:
    """«Высшая, 12.04.2022», «1 кв. категория», «первая, 2023», «СЗД», «б/к» → Category;
    an empty cell means no category."""
    text = _fold(value or "")
    if text in {"", "-", "—", "нет", "б/к", "бк", "б/кат", "б/кат."} or text.startswith(
        ("без", "не имеет", "нет ")
    ):
        return Category.NONE
    if "сзд" in text or "соответств" in text:
        return Category.CONFORMITY
    if text.startswith(("высш", "вкк")) or re.search(r"(^|\W)высш", text):
        return Category.HIGHEST
    if text.startswith(("перв", "1")) or re.search(r"(^|\W)(перв|1\s*кк|1\s*кв)", text):
        return Category.FIRST
    return None
