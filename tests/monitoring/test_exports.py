"""The statistics export and the final analytical report of a cycle."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from mentoring.models import Category, MentoringForm, PairStatus
from monitoring.models import CycleReport, SurveyKind
from monitoring.periods import current_year
from tests.jobs import file_via_job
from tests.monitoring.factories import answer_all, assign, pair, staff


@pytest.fixture
def programs(org, users):
    highest = staff(org, years=20, qualification_category=Category.HIGHEST)
    first = staff(org, years=12, qualification_category=Category.FIRST)
    young1 = staff(org, years=1, last_name='=HYPERLINK("http://evil")')
    young2 = staff(org, years=2)
    main = pair(org, mentors=[highest], mentees=[young1, young2], forms=[MentoringForm.TRADITIONAL])
    pair(
        org,
        mentors=[first],
        mentees=[young2],
        status=PairStatus.FIXED,
        forms=[MentoringForm.VIRTUAL, MentoringForm.SITUATIONAL],
    )
    pair(org, mentors=[first], mentees=[young1], status=PairStatus.PROPOSED)  # not in programs
    return {"highest": highest, "first": first, "young1": young1, "young2": young2, "main": main}


def _xlsx(client_for, persona="admin"):
    response = file_via_job(client_for(persona), reverse("monitoring:export-xlsx"))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def test_admin_exports_participants_by_role_category_and_form(client_for, programs):
    book = _xlsx(client_for)
    rows = list(book["Сводка"].iter_rows(values_only=True))
    assert rows[0] == (
        "Роль",
        "Квалификационная категория",
        "Форма наставничества",
        "Число участников",
    )
    counts = {(r[0], r[1], r[2]): r[3] for r in rows[1:]}
    assert counts == {
        ("Наставник", "Высшая", "Традиционное"): 1,
        ("Наставник", "Первая", "Ситуационное"): 1,
        ("Наставник", "Первая", "Виртуальное (дистанционное)"): 1,
        ("Наставляемый", "Без категории", "Традиционное"): 2,
        ("Наставляемый", "Без категории", "Ситуационное"): 1,
        ("Наставляемый", "Без категории", "Виртуальное (дистанционное)"): 1,
    }


def test_name_starting_with_equals_is_exported_as_text(client_for, programs):
    book = _xlsx(client_for)
    names = [row[1] for row in book["Участники"].iter_rows(min_row=2, values_only=True)]
    evil = [n for n in names if "HYPERLINK" in n]
    assert evil and all(n.startswith("'=") for n in evil)
    cell = next(c for c in book["Участники"]["B"] if "HYPERLINK" in str(c.value))
    assert cell.data_type == "s"
    assert len(names) == 5  # 2 mentors + 3 mentee places in the two pairs in programs


def test_csv_export_opens_in_russian_excel(client_for, programs):
    response = file_via_job(client_for("admin"), reverse("monitoring:export-csv"))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffРоль;Квалификационная категория")
    assert "Наставляемый;Без категории;Традиционное;2" in text


def test_organization_sheet_counts_teachers_and_satisfaction(client_for, org, users, programs):
    the_pair = programs["main"]
    survey = assign(org, SurveyKind.SATISFACTION_MENTEE, pairs=[the_pair], author=users["curator"])
    answer_all(survey, programs["young1"], [5, 5, 5])
    answer_all(survey, programs["young2"], [3, 3, 3], pair=the_pair)
    rows = list(_xlsx(client_for)["По организациям"].iter_rows(min_row=2, values_only=True))
    # 6 persona cards + 4 staff are teachers; mentees young1 and young2.
    assert rows == [(org.short_name, 10, 2, 20.0, 80.0, None, 6)]


def test_curator_saves_conclusions_and_downloads_the_report(
    client_for, org, users, programs, tmp_path
):
    client = client_for("curator")
    year = current_year().start_year
    client.post(
        reverse("monitoring:report-save") + f"?year={year}",
        {"conclusions": "Программы достигли целей; адаптация молодых педагогов успешна."},
    )
    report = CycleReport.objects.get(organization=org, year_start=year)
    assert report.updated_by == users["curator"]
    assert report.history.first().conclusions.startswith("Программы достигли")
    response = file_via_job(client, reverse("monitoring:report-pdf"), {"year": year})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    assert "Итоговый аналитический отчёт" in text
    assert "адаптация молодых педагогов успешна" in text
    assert "Доля педагогов" in text


def test_person_who_withdrew_consent_is_left_out_of_the_participant_list(
    client_for, users, programs
):
    from mentoring.consents import consent_give, consent_withdraw
    from mentoring.models import ConsentKind

    consent = consent_give(
        staff=programs["young2"], kind=ConsentKind.PERSONAL_DATA, recorded_by=users["curator"]
    )
    consent_withdraw(consent=consent, by=users["curator"])
    names = [r[1] for r in _xlsx(client_for)["Участники"].iter_rows(min_row=2, values_only=True)]
    assert not any(programs["young2"].last_name in n for n in names)
    assert len(names) == 3


@pytest.mark.real_pdf
def test_the_report_has_the_directors_approval_and_the_curators_signature_in_one_font(
    client_for, org, users, programs
):
    org.director_name = "Кузнецова Елена Николаевна"
    org.save()
    client = client_for("curator")
    year = current_year().start_year
    client.post(
        reverse("monitoring:report-save") + f"?year={year}", {"conclusions": "Цели достигнуты."}
    )
    content = file_via_job(client, reverse("monitoring:report-pdf"), {"year": year}).content
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "УТВЕРЖДАЮ" in text and "Е. Н. Кузнецова" in text
    curator = users["curator"]
    assert f"Куратор ____________ {curator.first_name[0]}. " in text
    assert curator.last_name in text.split("Куратор ____________")[-1]
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1].split("-")[0])
    assert fonts == {"DocSerif"}


def test_the_export_carries_the_reports_indicators_as_the_indicator_functions_count_them(db):
    import csv

    from django.test import Client

    from core.models import Organization, User
    from mentoring.seeding import seed_demo
    from monitoring import indicators
    from monitoring import indicators_growth as growth
    from monitoring.dashboard_growth import TITLES
    from monitoring.exports_indicators import INDICATOR_HEADER
    from monitoring.indicators import Filters

    seed_demo()
    org = Organization.objects.get(slug="ds20")
    filters = Filters(year=current_year())
    teachers, young = indicators.mentee_shares(org, filters)
    active, _ = growth.active_people(org, filters, role="mentee")
    planning, _ = growth.planning_to_mentor(org, filters)
    adapted, _ = growth.adaptation(org, filters)
    expected = {
        "Доля педагогов, вошедших в программы в роли наставляемого": (
            teachers.percent,
            teachers.part,
            teachers.total,
        ),
        "Доля молодых специалистов, вошедших в программы в роли наставляемого": (
            young.percent,
            young.part,
            young.total,
        ),
        "Удовлетворённость наставляемых участием в программах": (
            indicators.satisfaction_of_mentees(org, filters).percent,
            None,
            indicators.satisfaction_of_mentees(org, filters).respondents,
        ),
        "Удовлетворённость наставников участием в программах": (
            indicators.satisfaction_of_mentors(org, filters).percent,
            None,
            indicators.satisfaction_of_mentors(org, filters).respondents,
        ),
        TITLES["activity_mentees"]: (active.percent, active.part, active.total),
        TITLES["planning"]: (planning.percent, planning.part, planning.total),
        TITLES["adaptation"]: (adapted.months, None, adapted.people),
    }
    assert any(value for value, _, _ in expected.values())  # the demo has figures to compare
    client = Client()
    client.force_login(User.objects.get(username="curator"))

    book = load_workbook(
        io.BytesIO(file_via_job(client, reverse("monitoring:export-xlsx")).content)
    )
    rows = list(book["Показатели"].iter_rows(values_only=True))
    assert list(rows[0]) == INDICATOR_HEADER
    got = {row[1]: (row[2], row[4], row[5]) for row in rows[1:]}
    assert {row[0] for row in rows[1:]} == {org.short_name}
    for label, values in expected.items():
        assert got[label] == values, label
    assert TITLES["activity_mentors"] in got and TITLES["innovation"] in got

    text = file_via_job(client, reverse("monitoring:export-csv")).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    start = lines.index(INDICATOR_HEADER)
    assert lines[start - 1] == []
    in_csv = {line[1]: line for line in lines[start + 1 :]}

    def cell(value):
        return "" if value is None else str(value).replace(".", ",")

    for label, (value, part, total) in expected.items():
        assert in_csv[label][2] == cell(value), label
        assert in_csv[label][4:] == [cell(part), cell(total)], label
