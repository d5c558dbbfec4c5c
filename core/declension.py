"""Russian names, positions and counted nouns in the case a sentence needs.

The one place every generated text takes its forms from: pytrovich (the petrovich rules) for
people's names, pymorphy3 for positions and nouns. A person's own declined forms, entered by the
curator on the staff card, win over both. What the libraries cannot decline stays as written.

    decline_name(staff, "acc")            → «Кузнецову Елену Николаевну»
    decline_name(staff, "dat", short=True) → «Кузнецовой Е. Н.»
    decline_position("старший воспитатель", "acc") → «старшего воспитателя»
    agree(5, "занятие") → «5 занятий»
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

CASES = ("nom", "gen", "dat", "acc", "ins", "pre")
_ALIASES = {
    "nominative": "nom",
    "genitive": "gen",
    "dative": "dat",
    "accusative": "acc",
    "instrumental": "ins",
    "ablative": "ins",
    "prepositional": "pre",
    "loc": "pre",
    "им": "nom",
    "род": "gen",
    "дат": "dat",
    "вин": "acc",
    "твор": "ins",
    "пред": "pre",
}
# Field names on StaffMember that hold the curator's corrections (the nominative is the name).
OVERRIDE_FIELDS = {
    "gen": "name_genitive",
    "dat": "name_dative",
    "acc": "name_accusative",
    "ins": "name_instrumental",
    "pre": "name_prepositional",
}
_MORPHY_CASE = {
    "nom": "nomn",
    "gen": "gent",
    "dat": "datv",
    "acc": "accs",
    "ins": "ablt",
    "pre": "loct",
}
# Suppletive counting forms pymorphy3's dictionary files under another word.
_COUNTING_GENITIVE_PLURAL = {"год": "лет"}
_CYRILLIC_WORD = re.compile(r"^[А-Яа-яЁё]+$")
# Patronymic particles of Turkic names: «Тофик оглы», «Тофик кызы» keep their form.
_TURKIC = {"оглы": "m", "улы": "m", "уулу": "m", "кызы": "f", "гызы": "f"}
# Endings Rosenthal lists as never declining (-ых/-их, -ово/-аго/-яго, -ко) and final vowels of
# foreign surnames other than -а/-я. The rules file knows most of them; this guards the rest.
_INDECLINABLE_SURNAME = re.compile(r"(ых|их|ово|аго|яго|ко|[еэиоуюы])$", re.IGNORECASE)


def normalize_case(case: str) -> str:
    """«acc», «accusative» or «вин» → «acc»; anything else is an error in the template."""
    key = (case or "").strip().lower()
    key = _ALIASES.get(key, key)
    if key not in CASES:
        raise ValueError(f"Unknown case {case!r}; use one of {', '.join(CASES)}.")
    return key


@lru_cache(maxsize=1)
def _maker():
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker()


@lru_cache(maxsize=1)
def _detector():
    from pytrovich.detector import PetrovichGenderDetector

    return PetrovichGenderDetector()


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


# --- people ---------------------------------------------------------------------------------


def _parts(person) -> tuple[str, str, str]:
    """(last, first, middle) from a StaffMember-like object, a tuple or a «Фамилия Имя Отчество»."""
    if isinstance(person, str):
        words = person.split()
        last = words[0] if words else ""
        first = words[1] if len(words) > 1 else ""
        middle = " ".join(words[2:])
        return last, first, middle
    if isinstance(person, Sequence):
        padded = [*person, "", "", ""][:3]
        return tuple(str(p or "").strip() for p in padded)  # type: ignore[return-value]
    return (
        (getattr(person, "last_name", "") or "").strip(),
        (getattr(person, "first_name", "") or "").strip(),
        (getattr(person, "middle_name", "") or "").strip(),
    )


def _card_gender(user) -> str:
    """A login's gender as her staff card records it («» when no card says); cached on the user."""
    records = getattr(user, "staff_records", None)
    if records is None or isinstance(user, str | Sequence) or not getattr(user, "pk", None):
        return ""
    cached = user.__dict__.get("_card_gender")
    if cached is None:
        prefetched = getattr(user, "_prefetched_objects_cache", {}).get("staff_records")
        if prefetched is not None:
            cached = next((s.gender for s in prefetched if s.gender), "")
        else:
            cached = records.exclude(gender="").values_list("gender", flat=True).first() or ""
        user.__dict__["_card_gender"] = cached
    return cached


def gender_of(person, *, default: str | None = None) -> str | None:
    """«m» or «f»: the staff card's own choice, else the patronymic, else petrovich's guess."""
    stored = ""
    if not isinstance(person, str | Sequence):
        deferred = getattr(person, "get_deferred_fields", lambda: ())()
        # A row loaded with .only() without «gender» would cost a query each: the name decides.
        stored = "" if "gender" in deferred else getattr(person, "gender", "")
    if stored not in ("m", "f"):
        stored = _card_gender(person)
    if stored in ("m", "f"):
        return stored
    last, first, middle = _parts(person)
    words = middle.lower().split()
    if words and words[-1] in _TURKIC:
        return _TURKIC[words[-1]]
    if middle.lower().endswith(("ич", "ыч")):
        return "m"
    if middle.lower().endswith("на"):
        return "f"
    from pytrovich.enums import Gender

    try:
        found = _detector().detect(
            firstname=first or None, lastname=last or None, middlename=middle or None
        )
    except Exception:  # noqa: BLE001 - an unknown name is not an error, only unknown
        return default
    return {Gender.MALE: "m", Gender.FEMALE: "f"}.get(found, default)


def _inflect(part_kind: str, word: str, gender: str, case: str) -> str:
    """One word of a name through petrovich; a word it cannot handle stays as written."""
    if case == "nom" or not word:
        return word
    if not all(_CYRILLIC_WORD.match(piece) for piece in word.split("-")):
        return word  # Latin letters, digits, initials: keep them
    from pytrovich.enums import Case, Gender, NamePart

    kinds = {"last": NamePart.LASTNAME, "first": NamePart.FIRSTNAME, "middle": NamePart.MIDDLENAME}
    cases = {
        "gen": Case.GENITIVE,
        "dat": Case.DATIVE,
        "acc": Case.ACCUSATIVE,
        "ins": Case.INSTRUMENTAL,
        "pre": Case.PREPOSITIONAL,
    }
    sex = Gender.FEMALE if gender == "f" else Gender.MALE
    try:
        result = _maker().make(kinds[part_kind], sex, cases[case], word)
    except Exception:  # noqa: BLE001 - stay as written rather than guess
        return word
    return result or word


def _surname(word: str, gender: str | None, case: str) -> str:
    if gender is None:
        return word  # without a gender any ending would be a guess
    pieces = word.split("-")
    out = []
    for piece in pieces:
        if _INDECLINABLE_SURNAME.search(piece) and not piece.lower().endswith(("ий", "ый", "ой")):
            out.append(piece)
        else:
            out.append(_inflect("last", piece, gender, case))
    return "-".join(out)


def _first_name(word: str, gender: str | None, case: str) -> str:
    if gender is None:
        return word
    return _inflect("first", word, gender, case)


def _middle_name(middle: str, gender: str | None, case: str) -> str:
    if not middle or gender is None:
        return middle
    words = middle.split()
    if len(words) > 1 and words[-1].lower() in _TURKIC:
        # «Тофик оглы»: the father's name and the particle keep their form.
        return middle
    return " ".join(_inflect("middle", w, gender, case) for w in words)


def _override(person, case: str) -> str:
    field = OVERRIDE_FIELDS.get(case)
    if field is None or isinstance(person, str | Sequence):
        return ""
    return (getattr(person, field, "") or "").strip()


def decline_parts(person, case: str, gender: str | None = None) -> tuple[str, str, str]:
    """(last, first, middle) in ``case``; the curator's forms win when they were entered."""
    case = normalize_case(case)
    own = _override(person, case)
    if own:
        return _parts(own) if len(own.split()) >= 2 else (own, "", "")
    last, first, middle = _parts(person)
    if case == "nom":
        return last, first, middle
    gender = gender or gender_of(person)
    return (
        _surname(last, gender, case),
        _first_name(first, gender, case),
        _middle_name(middle, gender, case),
    )


def decline_name(
    person, case: str, gender: str | None = None, *, short: bool = False, initials_first=False
) -> str:
    """The full name in ``case``: «Кузнецову Елену Николаевну»; ``short``: «Кузнецову Е. Н.»."""
    last, first, middle = decline_parts(person, case, gender)
    if short or initials_first:
        _, nom_first, nom_middle = _parts(person)
        initials = " ".join(f"{p[0]}." for p in (nom_first, nom_middle) if p)
        if initials_first:
            return f"{initials} {last}".strip()
        return f"{last} {initials}".strip()
    return " ".join(p for p in (last, first, middle) if p)


# --- positions and nouns --------------------------------------------------------------------


def _best_parse(word: str):
    """The parse of ``word`` as a nominative noun or adjective, when pymorphy3 has one."""
    parses = _morph().parse(word)
    for wanted in ("NOUN", "ADJF", "PRTF"):
        for p in parses:
            if wanted == p.tag.POS and p.tag.case == "nomn":
                return p
    return None


def _can_be_adjective(word: str) -> bool:
    return any(
        p.tag.POS in ("ADJF", "PRTF") and p.tag.case == "nomn" for p in _morph().parse(word.lower())
    )


def _match_case(source: str, target: str) -> str:
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def _inflect_word(
    word: str, case: str, *, gender: str, animate: bool, adjective: bool = False
) -> str:
    pieces = word.split("-")
    out = []
    for piece in pieces:
        parsed = _best_parse(piece.lower())
        if parsed is None:
            out.append(piece)
            continue
        if adjective and parsed.tag.POS == "NOUN":
            parsed = next(
                (
                    p
                    for p in _morph().parse(piece.lower())
                    if p.tag.POS in ("ADJF", "PRTF") and p.tag.case == "nomn"
                ),
                parsed,
            )
        grammemes = {_MORPHY_CASE[case]}
        if parsed.tag.POS in ("ADJF", "PRTF"):
            grammemes |= {gender, "sing"}
            if case == "acc":
                grammemes.add("anim" if animate else "inan")
        inflected = parsed.inflect(grammemes)
        out.append(_match_case(piece, inflected.word) if inflected else piece)
    return "-".join(out)


def decline_position(text: str, case: str) -> str:
    """A job title in ``case``: the words up to the head noun change, the rest stays.

    «старший воспитатель» → «старшего воспитателя»; «инструктор по физической культуре» →
    «инструктора по физической культуре»; «учитель-логопед» → «учителя-логопеда».
    """
    case = normalize_case(case)
    if case == "nom" or not text:
        return text
    words = text.split()
    head = None
    for index, word in enumerate(words):
        parsed = _best_parse(word.split("-")[0].lower())
        if parsed is None:
            return text  # an unknown word before the head: keep the title as written
        if index + 1 < len(words) and _can_be_adjective(word):
            continue  # «старший воспитатель»: «старший» qualifies the noun after it
        if parsed.tag.POS == "NOUN" or index == len(words) - 1:
            head = index
            break
        if parsed.tag.POS not in ("ADJF", "PRTF"):
            return text
    if head is None:
        return text
    head_parse = _best_parse(words[head].split("-")[0].lower())
    gender = (head_parse.tag.gender if head_parse else None) or "masc"
    animate = head_parse is None or head_parse.tag.animacy != "inan"
    changed = [
        _inflect_word(w, case, gender=gender, animate=animate, adjective=i < head)
        for i, w in enumerate(words[: head + 1])
    ]
    return " ".join(changed + words[head + 1 :])


def decline_organization_name(text: str, case: str) -> str:
    """An organization's name in ``case``: the words up to «учреждение» change, the rest stays.

    «Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад №20»» →
    «Муниципального бюджетного дошкольного образовательного учреждения «Детский сад №20»»;
    an abbreviation first («МБДОУ «Детский сад №20»») does not decline and stays as written.
    """
    if not text:
        return text
    first = text.split()[0]
    if first.isupper() or "«" in first or '"' in first:
        return text
    head, quote, rest = text.partition("«")
    return decline_position(head.rstrip(), case) + (" " + quote + rest if quote else "")


@lru_cache(maxsize=4096)  # pure, and list pages call it once a row
def agree(number: int, noun: str, case: str = "nom") -> str:
    """«1 занятие», «3 занятия», «5 занятий»: the noun agrees with the number (pymorphy3)."""
    parsed = _best_parse(noun.lower())
    if parsed is None:
        return f"{number} {noun}"
    if case != "nom":
        parsed = parsed.inflect({_MORPHY_CASE[normalize_case(case)]}) or parsed
    agreed = parsed.make_agree_with_number(abs(int(number)))
    word = agreed.word if agreed else noun
    if agreed is not None and {"gent", "plur"} <= agreed.tag.grammemes:
        # After a numeral the genitive plural of «год» is «лет» (5 лет, not 5 годов).
        word = _COUNTING_GENITIVE_PLURAL.get(parsed.normal_form, word)
    return f"{number} {_match_case(noun, word)}"


def plural(number: int, one: str, few: str, many: str) -> str:
    """The form for ``number`` among three given words (for words pymorphy3 forms oddly: лет)."""
    from core.text import plural as pick

    return pick(number, one, few, many)


def by_gender(person, masculine: str, feminine: str, *, unknown: str | None = None) -> str:
    """«включён»/«включена» by the person's gender (a login: her staff card's)."""
    gender = gender_of(person)
    if gender == "m":
        return masculine
    if gender == "f":
        return feminine
    # Not known: the masculine, the common gender of official texts (never «включён(а)»).
    return unknown if unknown is not None else masculine
