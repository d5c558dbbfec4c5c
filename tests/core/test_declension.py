"""core.declension: names, positions and numbers in the case the sentence needs."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from core.declension import CASES, agree, by_gender, decline_name, decline_position, gender_of
from core.text import sentence
from mentoring.models import Position
from tests.core.declension_table import NEEDS_OVERRIDE, ROWS
from tests.factories import StaffMemberFactory

TABLE = [
    pytest.param(row[0], row[1], case, expected, id=f"{row[0]}-{case}")
    for row in ROWS
    for case, expected in zip(CASES[1:], row[2:], strict=True)
]


def test_the_hand_written_table_has_at_least_sixty_names():
    assert len(ROWS) >= 60


@pytest.mark.parametrize(("nominative", "gender", "case", "expected"), TABLE)
def test_every_name_of_the_table_declines_as_the_grammar_says(nominative, gender, case, expected):
    assert decline_name(nominative, case, gender) == expected


@pytest.mark.parametrize("row", [r for r in ROWS if len(r[0].split()) == 3], ids=lambda r: r[0])
def test_the_gender_is_read_from_the_patronymic(row):
    assert gender_of(row[0]) == row[1]


def test_the_nominative_is_the_name_as_written():
    assert decline_name("Кузнецова Елена Николаевна", "nom") == "Кузнецова Елена Николаевна"


def test_a_name_whose_gender_nothing_shows_stays_as_written():
    assert gender_of("Нгуен Ань") is None
    assert decline_name("Нгуен Ань", "dat") == "Нгуен Ань"


def test_latin_letters_stay_as_written():
    assert decline_name(("Smith", "John", ""), "gen", "m") == "Smith John"


def test_short_form_declines_the_surname_and_keeps_the_initials():
    assert decline_name("Сергеева Анна Игоревна", "gen", short=True) == "Сергеевой А. И."


def test_initials_first_form_as_in_signature_blocks():
    assert decline_name("Кузнецова Елена Николаевна", "dat", initials_first=True) == (
        "Е. Н. Кузнецовой"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("row", NEEDS_OVERRIDE, ids=lambda r: r[0])
def test_the_curators_forms_win_for_names_whose_stress_the_rules_cannot_see(org, row):
    last, first = row[0].split()
    person = StaffMemberFactory(
        organization=org,
        last_name=last,
        first_name=first,
        middle_name="",
        gender=row[1],
        name_genitive=row[2],
        name_dative=row[3],
        name_accusative=row[4],
        name_instrumental=row[5],
        name_prepositional=row[6],
    )
    assert [decline_name(person, c) for c in CASES[1:]] == list(row[2:])
    assert person.name_in("dat", short=True) == f"{row[3].split()[0]} {first[0]}."


@pytest.mark.django_db
def test_the_gender_on_the_staff_card_wins_over_the_guess(org):
    person = StaffMemberFactory(
        organization=org, last_name="Гёте", first_name="Иоганн", middle_name="", gender="m"
    )
    assert decline_name(person, "ins") == "Гёте Иоганном"


@pytest.mark.parametrize(
    ("position", "case", "expected"),
    [
        (Position.SENIOR_EDUCATOR.label, "acc", "старшего воспитателя"),
        (Position.SENIOR_EDUCATOR.label, "dat", "старшему воспитателю"),
        (Position.MUSIC.label, "ins", "музыкальным руководителем"),
        (Position.PE_INSTRUCTOR.label, "gen", "инструктора по физической культуре"),
        (Position.SPEECH_THERAPIST.label, "dat", "учителю-логопеду"),
        (Position.PSYCHOLOGIST.label, "acc", "педагога-психолога"),
        (Position.ADDITIONAL_ED.label, "dat", "педагогу дополнительного образования"),
        (Position.HEAD.label, "gen", "заведующего"),
        (Position.DEPUTY_HEAD.label, "dat", "заместителю заведующего"),
        (Position.EDUCATOR.label, "pre", "воспитателе"),
    ],
)
def test_positions_decline_up_to_their_head_noun(position, case, expected):
    assert decline_position(str(position).lower(), case) == expected


@pytest.mark.parametrize(
    ("number", "noun", "expected"),
    [
        (1, "год", "1 год"),
        (3, "год", "3 года"),
        (5, "год", "5 лет"),
        (11, "год", "11 лет"),
        (21, "год", "21 год"),
        (2, "занятие", "2 занятия"),
        (25, "наставник", "25 наставников"),
        (1, "программа", "1 программа"),
    ],
)
def test_a_noun_agrees_with_its_number(number, noun, expected):
    assert agree(number, noun) == expected


def test_a_participle_follows_the_gender_from_the_patronymic():
    assert by_gender("Сергеева Анна Игоревна", "включён", "включена") == "включена"
    assert by_gender("Иванов Иван Иванович", "включён", "включена") == "включён"


def test_a_sentence_ending_in_an_initial_gets_no_second_full_stop():
    assert sentence("наставляемый Сергеева А. И.") == "наставляемый Сергеева А. И."
    assert sentence("стаж 3 года") == "стаж 3 года."


@pytest.mark.django_db
def test_template_filters_decline_a_staff_member_and_agree_numbers(org):
    person = StaffMemberFactory(
        organization=org,
        last_name="Кузнецова",
        first_name="Елена",
        middle_name="Николаевна",
        position=Position.SENIOR_EDUCATOR,
    )
    html = Template(
        '{% load declension %}Назначить {{ p|case:"acc" }}, {{ p|position_case:"acc" }}; '
        'у {{ p|case_short:"gen" }}; {{ p|gendered:"включён,включена" }}; {{ 5|agree:"год" }}'
    ).render(Context({"p": person}))
    assert html == (
        "Назначить Кузнецову Елену Николаевну, старшего воспитателя; у Кузнецовой Е. Н.; "
        "включена; 5 лет"
    )


@pytest.mark.django_db
def test_the_curator_corrects_a_declined_form_on_the_staff_card(org, client_for, users):
    person = StaffMemberFactory(
        organization=org, last_name="Дюма", first_name="Александр", middle_name="", gender="m"
    )
    client = client_for("curator")
    page = client.get(reverse("mentoring:staff-edit", args=[person.pk]))
    assert page.status_code == 200
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(name_dative="Дюма Александру", gender="m")
    response = client.post(reverse("mentoring:staff-edit", args=[person.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    person.refresh_from_db()
    assert person.name_dative == "Дюма Александру"
    detail = client.get(person.get_absolute_url()).content.decode()
    assert "Дюма Александру" in detail
