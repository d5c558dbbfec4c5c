"""Mentors from outside the staff (seed 004) and the forms of mentoring (seed 002, 3.3).

Her whole path: the curator adds her → questionnaire → consents → login → pair → program → case;
her login is refused everywhere the mentor's is, and the staff list, its import and counts
leave her out while the banks, matching and pairs treat her like any mentor.
"""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from core.models import Role, RoleAssignment
from mentoring import logins, matching, selectors, services
from mentoring.models import (
    ConsentKind,
    ExternalKind,
    MentoringForm,
    MentorProfile,
    MentorStatus,
    Pair,
    PairStatus,
    Partner,
    StaffMember,
)
from mentoring.services.external import external_mentor_save
from mentoring.staff_import.planning import ImportResult, ImportRow, match_existing
from tests.access_table import MR, ROWS
from tests.mentoring import factories as f

pytestmark = pytest.mark.django_db

NEW = {
    "last_name": "Белова",
    "first_name": "Галина",
    "middle_name": "Петровна",
    "external_kind": "retired",
    "teaching_experience_years": "38",
    "total_experience_years": "40",
    "qualification_category": "highest",
    "email": "belova@example.ru",
}
QUESTIONNAIRE = {
    "experience_sphere": "38 лет воспитателем",
    "strengths": "Организация детей на занятиях",
    "hobbies": "Хоровое пение",
    "motivation": "Передать опыт",
    "hours_per_week": "3",
    "expertise": ["methods", "psychology"],
    "forms": ["traditional", "virtual"],
    "achievements": "",
    "capacity": "1",
}


def _external(org, **kw):
    return external_mentor_save(
        organization=org,
        actor=None,
        last_name=kw.pop("last_name", "Белова"),
        first_name="Галина",
        middle_name="Петровна",
        external_kind=kw.pop("external_kind", ExternalKind.RETIRED),
        **kw,
    )


def test_her_whole_path_from_the_bank_to_the_case(org, users, client_for):
    from programs.models import ProgramTemplate
    from programs.services import case_prefill

    curator = client_for("curator")
    # The curator adds her and is sent on to the seed-004 questionnaire.
    response = curator.post(reverse("mentoring:external-new"), NEW)
    ext = StaffMember.objects.get(last_name="Белова")
    assert ext.is_external and ext.position == "" and ext.personnel_number == ""
    assert response["Location"] == reverse("mentoring:mentor-edit", args=[ext.pk])
    response = curator.post(response["Location"], QUESTIONNAIRE)
    assert response.status_code == 302
    profile = MentorProfile.objects.get(staff=ext)
    assert profile.forms == ["traditional", "virtual"]
    # The 152-FZ consents, recorded by the curator from her signed paper.
    for kind in (ConsentKind.PERSONAL_DATA, ConsentKind.MENTOR_DUTIES):
        curator.post(reverse("mentoring:consent-give", args=[ext.pk]), {"kind": kind})
    assert ext.consents.filter(withdrawn_at__isnull=True).count() == 2
    # Appointed as the signed order would leave her; the matching ranks her like anyone.
    MentorProfile.objects.filter(pk=profile.pk).update(status=MentorStatus.ACTIVE)
    mentee_card = users["mentee"].staff_records.get()
    mentee = f.mentee(org, person=mentee_card, requests=(("methods", "Конспект занятия"),))
    f.consent(mentee_card)
    ranked, _excluded = matching.rank_mentors(
        matching.mentee_data(mentee), matching.load_mentors(org)
    )
    assert ext.pk in [r.mentor.staff_id for r in ranked]
    # Her login: a mentor's, limited to her pairs and programs.
    [slip] = logins.staff_login_slips(staff=[ext], actor=users["curator"])
    ext.refresh_from_db()
    type(ext.user).objects.filter(pk=ext.user_id).update(must_change_password=False)
    assert RoleAssignment.objects.filter(user=ext.user, role=Role.MENTOR).exists()
    her = Client()
    her.force_login(ext.user)
    # The pair: individual, traditional and distance.
    response = curator.post(
        reverse("mentoring:pair-create"),
        {
            "mentors": [ext.pk],
            "mentees": [mentee_card.pk],
            "pair_forms": ["traditional", "virtual"],
            "participants_form": "teacher_teacher",
        },
    )
    pair = Pair.objects.get(mentors=ext)
    assert response["Location"] == reverse("mentoring:pair-detail", args=[pair.pk])
    Pair.objects.filter(pk=pair.pk).update(status=PairStatus.FIXED)  # as the order fixes it
    page = her.get(reverse("mentoring:pair-detail", args=[pair.pk])).content.decode()
    assert "Индивидуальное; «педагог – педагог»; традиционное, виртуальное (дистанционное)" in page
    assert "Белова Галина Петровна (внешний наставник, педагог на пенсии)" in page
    # The program starts from the template of the pair's form by default.
    ProgramTemplate.objects.create(organization=org, title="Первый год")
    distance = ProgramTemplate.objects.create(
        organization=org, title="Дистанционное наставничество", mentoring_form="virtual"
    )
    form = her.get(reverse("programs:program-create")).context["form"]
    assert form.initial == {"pair": pair.pk, "template": distance.pk}
    response = her.post(
        reverse("programs:program-create"),
        {"pair": pair.pk, "template": distance.pk, "starts_on": "2026-09-01"},
    )
    program = pair.program
    assert response["Location"] == program.get_absolute_url() and program.template == distance
    assert her.get(program.get_absolute_url()).status_code == 200
    # The case names her as the Положение does, not by a position in the staff.
    case = case_prefill(program=program)
    assert "внешний наставник, педагог на пенсии" in case.who_needed
    assert case.form_and_role_model.startswith("Индивидуальное наставничество")
    assert slip.username == ext.user.username


def test_her_login_is_refused_wherever_the_mentors_is(org, users):
    """Every page without arguments that the access matrix refuses to the mentor (the staff
    list, its import and logins, the banks, orders, agreements, monitoring…) refuses her too."""
    from django.urls import NoReverseMatch

    ext = _external(org, email="belova@example.ru")
    logins.staff_login_slips(staff=[ext], actor=users["curator"])
    ext.refresh_from_db()
    type(ext.user).objects.filter(pk=ext.user_id).update(must_change_password=False)
    her = Client()
    her.force_login(ext.user)
    checked, wrong = [], []
    for name, row in sorted(ROWS.items()):
        if row.method != "get" or row.expect[MR] not in (403, 404):
            continue
        try:
            path = reverse(name)
        except NoReverseMatch:
            continue  # a page of one object: the matrix's own rows cover it
        answer = her.get(path).status_code
        checked.append(name)
        if answer != row.expect[MR]:
            wrong.append((name, answer))
    assert not wrong
    for name in (
        "mentoring:staff-list",
        "mentoring:staff-import",
        "mentoring:staff-logins",
        "mentoring:mentor-list",
        "mentoring:mentee-list",
        "mentoring:external-new",
        "roadmap:order-list",
        "roadmap:agreement-list",
    ):
        assert name in checked or her.get(reverse(name)).status_code == 403, name
    assert len(checked) > 20


def test_the_staff_list_its_import_and_counts_leave_her_out(org, users, client_for):
    ext = _external(org)
    assert ext not in selectors.staff_list(organization=org)
    assert (
        selectors.staff_count(organization=org)
        == StaffMember.objects.filter(organization=org, is_external=False).count()
    )
    assert ext not in selectors.bank_candidates(organization=org, bank="mentee")
    assert ext in selectors.bank_candidates(organization=org, bank="mentor")
    page = client_for("curator").get(reverse("mentoring:staff-list")).content.decode()
    assert "Белова" not in page
    # A staff file row with her name matches nobody: the import would add an employee.
    names = {"last_name": "Белова", "first_name": "Галина", "middle_name": "Петровна"}
    result = ImportResult(rows=[ImportRow(number=2, cells=[], values=names)])
    match_existing(org, result)
    assert result.rows[0].existing_id is None
    # Her card says who she is; «Изменить» leads to her own form, not the staff form.
    response = client_for("curator").get(reverse("mentoring:staff-edit", args=[ext.pk]))
    assert response["Location"] == reverse("mentoring:external-edit", args=[ext.pk])
    card = client_for("curator").get(ext.get_absolute_url()).content.decode()
    assert "Внешний наставник, педагог на пенсии" in card
    assert "Отметить увольнение" not in card


def test_the_mentor_bank_shows_her_with_her_kind(org, client_for, django_assert_max_num_queries):
    partner = Partner.objects.create(organization=org, name="Колледж", short_name="ИПК")
    for n in range(3):
        ext = _external(
            org, last_name=f"Белова{n}", external_kind=ExternalKind.PARTNER, partner=partner
        )
        f.mentor(org, person=ext)
    client = client_for("curator")
    client.get(reverse("mentoring:mentor-list"))
    with django_assert_max_num_queries(20):
        page = client.get(reverse("mentoring:mentor-list")).content.decode()
    assert "Внешний наставник, представитель организации-партнёра, ИПК" in page
    assert "Добавить внешнего наставника" in page


def test_her_form_says_clearly_what_is_missing(org):
    with pytest.raises(ValidationError, match="выберите организацию из реестра"):
        _external(org, external_kind=ExternalKind.PARTNER)
    with pytest.raises(ValidationError, match="Укажите, кто внешний наставник"):
        _external(org, external_kind="")
    from tests.factories import OrganizationFactory

    foreign = Partner.objects.create(organization=OrganizationFactory(slug="x"), name="Чужая")
    with pytest.raises(ValidationError, match="своего детского сада"):
        _external(org, external_kind=ExternalKind.PARTNER, partner=foreign)
    assert not StaffMember.objects.filter(is_external=True).exists()


def test_the_page_refuses_a_partner_kind_without_a_partner(org, client_for):
    response = client_for("curator").post(
        reverse("mentoring:external-new"), {**NEW, "external_kind": "partner"}
    )
    assert response.status_code == 200
    assert "Выберите организацию-партнёра" in response.content.decode()
    assert not StaffMember.objects.filter(is_external=True).exists()


# --- forms of mentoring ------------------------------------------------------------------------


def _pairable(org):
    mentor = f.appointed_mentor(org, capacity=3)
    mentee = f.mentee(org)
    f.consent(mentee.staff)
    return mentor.staff, mentee.staff


def test_a_network_pair_records_its_partner(org, users, client_for):
    partner = Partner.objects.create(organization=org, name="МБОУ «Школа № 5»")
    mentor, mentee = _pairable(org)
    with pytest.raises(ValidationError, match="выберите организацию-партнёра"):
        services.pair_create(
            organization=org,
            mentors=[mentor],
            mentees=[mentee],
            forms=[MentoringForm.NETWORK],
            created_by=users["curator"],
        )
    with pytest.raises(ValidationError, match="для сетевой формы"):
        services.pair_create(
            organization=org,
            mentors=[mentor],
            mentees=[mentee],
            forms=[MentoringForm.TRADITIONAL],
            partner=partner,
            created_by=users["curator"],
        )
    assert not Pair.objects.exists()
    response = client_for("curator").post(
        reverse("mentoring:pair-create"),
        {
            "mentors": [mentor.pk],
            "mentees": [mentee.pk],
            "pair_forms": ["network", "reverse"],
            "participants_form": "teacher_teacher",
            "partner": partner.pk,
        },
    )
    pair = Pair.objects.get()
    assert response.status_code == 302 and pair.partner == partner
    page = client_for("curator").get(reverse("mentoring:pair-detail", args=[pair.pk]))
    text = page.content.decode()
    assert "реверсивное" in text and "сетевое (с организацией-партнёром)" in text
    assert "МБОУ «Школа № 5»" in text or "МБОУ &laquo;Школа № 5&raquo;" in text
    listing = client_for("curator").get(reverse("mentoring:pair-list")).content.decode()
    assert "Индивидуальное;" in listing


def test_a_group_is_recorded_as_group_mentoring(org):
    mentor = f.appointed_mentor(org, capacity=3).staff
    pair = f.pair(org, [mentor], [f.staff(org), f.staff(org)], forms=("virtual",))
    pair = Pair.objects.prefetch_related("mentors", "mentees").get(pk=pair.pk)
    assert pair.scale_label == "Групповое" and pair.kind_label == "Группа"


def test_an_external_person_is_never_a_mentee(org, users):
    mentor = f.appointed_mentor(org, capacity=3).staff
    ext = _external(org)
    with pytest.raises(ValidationError, match="не может быть наставляемым"):
        services.pair_create(
            organization=org,
            mentors=[mentor],
            mentees=[ext],
            forms=[MentoringForm.TRADITIONAL],
            created_by=users["curator"],
        )


def test_the_export_names_her_kind_and_partner(org, users):
    from monitoring.exports import PARTICIPANT_HEADER, participant_rows
    from monitoring.periods import year_of

    partner = Partner.objects.create(organization=org, name="Колледж культуры")
    ext = _external(org, external_kind=ExternalKind.PARTNER, partner=partner)
    f.mentor(org, person=ext, status=MentorStatus.ACTIVE)
    pair = f.pair(org, [ext], [f.staff(org)], status=PairStatus.ACTIVE, forms=("network",))
    Pair.objects.filter(pk=pair.pk).update(partner=partner)
    year = year_of(pair.created_at.date())
    rows = [dict(zip(PARTICIPANT_HEADER, r, strict=True)) for r in participant_rows([org.pk], year)]
    mine = next(r for r in rows if r["ФИО"].startswith("Белова"))
    assert mine["Внешний наставник (не сотрудник)"] == "представитель организации-партнёра"
    assert mine["Организация-партнёр"] == "Колледж культуры"
    assert mine["Должность"] == ""
    mentee_row = next(r for r in rows if r["Роль"] != mine["Роль"])
    assert mentee_row["Организация-партнёр"] == "Колледж культуры"  # the pair's partner
