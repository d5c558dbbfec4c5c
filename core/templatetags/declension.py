"""Names, positions and numbers in the case a sentence needs, for every generated text.

    {% load declension %}
    Назначить {{ staff|case:"acc" }}, {{ staff|position_case:"acc" }}
    у {{ staff|case_short:"gen" }} · {{ staff|gendered:"включён,включена" }}
    {{ mentees|role:"наставляемый" }} · {{ mentees|gendered:"ознакомлен,ознакомлена,ознакомлены" }}
    {{ 3|agree:"занятие" }} · {{ text|sentence }}
    работников {{ organization|org_name:"gen" }} · в {{ organization|org_name:"pre:short" }}

Every form comes from core.declension; the curator's corrections on the staff card win.
"""

from django import template

from core import declension, grammar, text

register = template.Library()


@register.filter(name="case")
def case(person, grammatical_case: str) -> str:
    """A full name (StaffMember, or a «Фамилия Имя Отчество» string) in the case."""
    if person in (None, ""):
        return ""
    return declension.decline_name(person, grammatical_case)


@register.filter
def case_short(person, grammatical_case: str) -> str:
    """«Кузнецовой Е. Н.»: the surname declined, the initials after it."""
    if person in (None, ""):
        return ""
    return declension.decline_name(person, grammatical_case, short=True)


@register.filter
def case_initials_first(person, grammatical_case: str) -> str:
    """«Е. Н. Кузнецовой»: as signature blocks and addresses write it."""
    if person in (None, ""):
        return ""
    return declension.decline_name(person, grammatical_case, initials_first=True)


@register.filter
def org_name(organization, grammatical_case: str) -> str:
    """``{{ organization|org_name:"gen" }}``: the full name in the case (``"gen:short"`` the
    short one); the forms a records clerk typed on the requisites page win."""
    if organization in (None, ""):
        return ""
    grammatical_case, _, short = grammatical_case.partition(":")
    return organization.name_in(grammatical_case or "nom", short=short == "short")


@register.filter
def position_case(value, grammatical_case: str) -> str:
    """A StaffMember's position (or a title string) in lower case and in the case."""
    if value in (None, ""):
        return ""
    title = value if isinstance(value, str) else value.get_position_display()
    return declension.decline_position(str(title).lower(), grammatical_case)


@register.filter
def position_clause(person, grammatical_case: str) -> str:
    """What follows a name in a list of an order: «, воспитателя»; for a mentor from outside
    the staff, who has no position, « (внешний наставник, педагог на пенсии, …)»."""
    if person in (None, ""):
        return ""
    if getattr(person, "is_external", False):
        return f" ({person.external_label})"
    return f", {position_case(person, grammatical_case)}"


@register.filter
def any_external(people) -> bool:
    """Whether a list of people names a mentor from outside the staff."""
    return any(getattr(p, "is_external", False) for p in people or ())


@register.filter
def gendered(person, forms: str) -> str:
    """``{{ staff|gendered:"включён,включена" }}``: the form for the person's gender.

    A third form is for several people:
    ``{{ mentees|gendered:"ознакомлен,ознакомлена,ознакомлены" }}``.
    """
    masculine, feminine, *plural = forms.split(",")
    return grammar.agree_with(person, masculine, feminine, plural[0] if plural else None)


@register.filter
def role(people, word: str) -> str:
    """``{{ mentees|role:"наставляемый" }}`` → «наставляемая», «наставляемые»; ``":gen"`` a case."""
    word, _, grammatical_case = word.partition(":")
    return grammar.role_word(word, people, grammatical_case or "nom")


@register.filter
def agree(number, noun: str) -> str:
    """``{{ 5|agree:"занятие" }}`` → «5 занятий»; ``"занятие:gen"`` for another case."""
    noun, _, grammatical_case = noun.partition(":")
    return declension.agree(int(number or 0), noun, grammatical_case or "nom")


@register.filter
def sentence(value) -> str:
    """End with one full stop: no «..» after initials or an abbreviation."""
    return text.sentence(str(value or ""))


@register.filter
def greeting(person) -> str:
    """``{{ user|greeting }}`` → «Здравствуйте, Валентина Петровна!» (one form in every letter)."""
    return grammar.greeting(person)
