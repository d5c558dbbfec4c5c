"""Gender and number agreement: the words around a name agree with the person, or the people.

Built on ``core.declension`` (``gender_of`` knows a person's gender: the staff card's field, else
the patronymic, else petrovich). Here live the words that agree with it:

    agree_with(staff, "подписал", "подписала")            → «подписала» for a woman
    agree_with([a, b, c], "ознакомлен", "ознакомлена", "ознакомлены") → «ознакомлены»
    role_word("наставляемый", mentees)                    → «наставляемая» / «наставляемые»
    role_word("наставник", [woman])                       → «наставник» (a noun of common gender)

Official Russian keeps a noun of office masculine for a woman («наставник Степанова О. В.»,
«куратор Кузнецова Е. Н.»); an adjective used as a noun («наставляемый») and a verb or a short
participle agree with the person. Where the gender is not known the masculine form stands — it
is the common gender of official texts — and never a «(а)» form.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from core.declension import _MORPHY_CASE, _morph, gender_of, normalize_case

MASCULINE, FEMININE, PLURAL = "m", "f", "pl"


def _people(value) -> list:
    """A person or several (a list, a queryset, a related manager) as a list."""
    if value is None or value == "":
        return []
    if hasattr(value, "last_name"):
        return [value]  # one person (request.user is a lazy object that looks iterable)
    if hasattr(value, "all") and callable(value.all):
        return list(value.all())
    if isinstance(value, str) or not isinstance(value, Iterable):
        return [value]
    return list(value)


def number_gender(people) -> str | None:
    """«pl» for several people, else the one person's «m»/«f» (None: nobody or not known)."""
    found = _people(people)
    if len(found) > 1:
        return PLURAL
    if not found:
        return None
    return gender_of(found[0])


def agree_with(people, masculine: str, feminine: str, plural: str | None = None) -> str:
    """The form that agrees with the person (or the people): the masculine when not known."""
    form = number_gender(people)
    if form == PLURAL:
        return plural if plural is not None else masculine
    return feminine if form == FEMININE else masculine


def role_word(word: str, people=None, case: str = "nom") -> str:
    """A role word for the people: «наставляемая» for a woman, «наставляемые» for several.

    A noun («наставник», «куратор») keeps its gender and changes only its number and case; an
    adjective used as a noun («наставляемый», «ответственный») agrees in gender as well.
    """
    return _role_form(word, number_gender(people), normalize_case(case))


@functools.lru_cache(maxsize=512)
def _role_form(word: str, form: str | None, case: str) -> str:
    """``role_word`` for a number and gender: parsing and inflecting is kept, since a page of
    pairs asks for the same few forms again and again."""
    parses = [p for p in _morph().parse(word.lower()) if p.tag.case == "nomn"]
    adjective = next((p for p in parses if p.tag.POS in ("ADJF", "PRTF")), None)
    grammemes = {_MORPHY_CASE[case]}
    if adjective is not None:
        parsed = adjective
        if form == PLURAL:
            grammemes.add("plur")
        else:
            grammemes |= {"femn" if form == FEMININE else "masc", "sing"}
        if case == "acc":
            grammemes.add("anim")
    else:
        parsed = next((p for p in parses if p.tag.POS == "NOUN"), None)
        if parsed is None:
            return word
        grammemes.add("plur" if form == PLURAL else "sing")
    inflected = parsed.inflect(grammemes)
    result = inflected.word if inflected else word
    return result[:1].upper() + result[1:] if word[:1].isupper() else result


_FORMS = re.compile(r"\[(actor|subject):([^\[\]|]*)\|([^\[\]|]*)(?:\|([^\[\]|]*))?\]")


def fill_forms(text: str, *, actor=None, subject=None) -> str:
    """``"[actor:подписал|подписала] соглашение"`` → the form that agrees with who did it.

    Audit labels name the verb about the actor (``actor:``) or about the person the object is
    (``subject:``, e.g. «[subject:назначен|назначена] наставником»).
    """

    def pick(match: re.Match) -> str:
        person = actor if match.group(1) == "actor" else subject
        return agree_with(person, match.group(2), match.group(3), match.group(4))

    return _FORMS.sub(pick, text)


def greeting(person) -> str:
    """«Здравствуйте, Валентина Петровна!»: name and patronymic, as every letter greets.

    Without a patronymic, the full name («Здравствуйте, Анна Смирнова!» is never made up: the
    name as the card has it, «Смирнова Анна»); without a name, the login; without anything, a
    plain «Здравствуйте!».
    """
    if person is None:
        return "Здравствуйте!"
    first = (getattr(person, "first_name", "") or "").strip()
    middle = (getattr(person, "middle_name", "") or "").strip()
    if first and middle:
        name = f"{first} {middle}"
    else:
        name = (getattr(person, "full_name", "") or "").strip() or first
        name = name or (getattr(person, "username", "") or "").strip()
    return f"Здравствуйте, {name}!" if name else "Здравствуйте!"
