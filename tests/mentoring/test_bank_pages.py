"""Pages of banks, import, consents and pairs: what the user sees and what is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentoring.models import (
    ChangeRequest,
    Consent,
    ConsentKind,
    MenteeProfile,
    MentorProfile,
    MentorStatus,
    Pair,
    PairStatus,
    StaffMember,
)
from tests.mentoring import factories as f

pytestmark = pytest.mark.django_db


def _upload(client, name, data):
    return client.post(reverse("mentoring:staff-import"), {"file": SimpleUploadedFile(name, data)})


def test_a_file_of_another_format_gets_a_russian_message(client_for, org):
    response = _upload(client_for("admin"), "staff.docx", b"PK\x03\x04")
    assert "Этот формат файла не поддерживается" in response.content.decode()


def test_a_duplicate_personnel_number_is_a_message_not_an_error(client_for, org):
    taken = StaffMember.objects.create(
        organization=org,
        personnel_number="Q501",
        last_name="Тестова",
        first_name="Ольга",
        position="educator",
    )
    response = client_for("curator").post(
        reverse("mentoring:staff-create"),
        {
            "personnel_number": "Q501",
            "last_name": "Новикова",
            "first_name": "Нина",
            "position": "educator",
            "total_experience_years": 3,
            "teaching_experience_years": 2,
            "qualification_category": "none",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert f"Табельный номер Q501 уже есть у сотрудника {taken.full_name}." in (
        response.content.decode()
    )
    assert not StaffMember.objects.filter(last_name="Новикова").exists()


def test_the_staff_form_refuses_teaching_experience_above_total(client_for, org):
    response = client_for("curator").post(
        reverse("mentoring:staff-create"),
        {
            "last_name": "Орлова",
            "first_name": "Нина",
            "position": "educator",
            "total_experience_years": 3,
            "teaching_experience_years": 5,
            "qualification_category": "none",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "Педагогический стаж не может быть больше общего." in response.content.decode()
    assert not StaffMember.objects.filter(last_name="Орлова").exists()


def test_the_teacher_records_their_own_requests(client_for, users):
    client = client_for("mentee")
    response = client.post(
        reverse("mentoring:my-mentee-profile"),
        {
            "category": "young",
            "mode": "mixed",
            "portrait": "Первый год в профессии",
            "req-TOTAL_FORMS": "2",
            "req-INITIAL_FORMS": "0",
            "req-0-direction": "ict",
            "req-0-text": "Освоить интерактивную доску",
            "req-1-direction": "",
            "req-1-text": "",
        },
    )
    assert response.status_code == 302
    profile = MenteeProfile.objects.get(staff__user=users["mentee"])
    assert [r.text for r in profile.requests.all()] == ["Освоить интерактивную доску"]
    assert profile.history.get().history_user == users["mentee"]


def test_a_request_without_direction_is_refused(client_for, users):
    response = client_for("mentee").post(
        reverse("mentoring:my-mentee-profile"),
        {
            "category": "young",
            "mode": "mixed",
            "req-TOTAL_FORMS": "1",
            "req-INITIAL_FORMS": "0",
            "req-0-text": "Без направления",
        },
    )
    assert "Выберите направление" in response.content.decode()
    assert not MenteeProfile.objects.exists()


def test_the_mentor_questionnaire_requires_the_mandatory_questions(client_for, users):
    response = client_for("mentor").post(
        reverse("mentoring:my-mentor-profile"), {"hours_per_week": 2, "capacity": 1}
    )
    assert "Это обязательный вопрос анкеты наставника." in response.content.decode()
    assert not MentorProfile.objects.exists()


def test_the_pair_page_says_who_is_missing_a_consent(client_for, org):
    mentor = f.mentor(org, last_name="Петрова")
    mentee = f.mentee(org, last_name="Соколова")
    pair = f.pair(org, [mentor.staff], [mentee.staff], status=PairStatus.AGREED)
    text = client_for("curator").get(reverse("mentoring:pair-detail", args=[pair.pk])).content
    text = text.decode()
    assert "Пару нельзя включить в приказ о закреплении" in text
    assert "Соколова" in text and "Согласие на обработку персональных данных" in text
    # The list of links ends on the last initials: one full stop, not «Соколова А. С..».
    assert ".</a></p>" in text and ".</a>.</p>" not in text


def test_forming_a_pair_from_a_suggestion_stores_its_reasons(client_for, org):
    mentor = f.appointed_mentor(org, expertise=("ict",), capacity=1)
    mentee = f.mentee(org, requests=(("ict", "Освоить интерактивную доску"),))
    response = client_for("curator").post(
        reverse("mentoring:pair-create"),
        {
            "mentors": [mentor.staff_id],
            "mentees": [mentee.staff_id],
            "pair_forms": ["traditional", "virtual"],
            "participants_form": "teacher_teacher",
            "suggestion_mentee": mentee.pk,
            "suggestion_mentor": mentor.pk,
        },
    )
    pair = Pair.objects.get()
    assert response.status_code == 302
    assert "Освоить интерактивную доску" in pair.match_reasons["criteria"][0]["text"]


def test_a_full_mentor_is_refused_with_a_message_on_the_page(client_for, org):
    mentor = f.appointed_mentor(org, capacity=1)
    f.pair(org, [mentor.staff], [f.mentee(org).staff])
    mentee = f.mentee(org)
    response = client_for("curator").post(
        reverse("mentoring:pair-create"),
        {
            "mentors": [mentor.staff_id],
            "mentees": [mentee.staff_id],
            "pair_forms": ["traditional"],
            "participants_form": "teacher_teacher",
        },
    )
    assert "нет свободных мест" in response.content.decode()
    assert Pair.objects.count() == 1


def test_the_mentor_bank_says_years_of_experience_in_words(client_for, org):
    f.mentor(org, last_name="Лебедева", teaching_experience_years=32, total_experience_years=35)
    listing = client_for("curator").get(reverse("mentoring:mentor-list")).content.decode()
    assert "пед. стаж 32 года</div>" in listing


def test_withdrawing_on_the_page_takes_the_mentor_out_of_the_bank(client_for, org, users):
    mentor = f.mentor(org, status=MentorStatus.ACTIVE)
    consent = Consent.objects.get(staff=mentor.staff, kind=ConsentKind.PERSONAL_DATA)
    client = client_for("curator")
    response = client.post(reverse("mentoring:consent-withdraw", args=[consent.pk]), follow=True)
    assert "будут обезличены через 30 дней" in response.content.decode()
    listing = client.get(reverse("mentoring:mentor-list")).content.decode()
    assert mentor.staff.full_name not in listing


def test_the_mentee_asks_for_another_mentor_from_the_pair_page(client_for, org, users):
    mentee = f.mentee(org, person=users["mentee"].staff_records.get())
    pair = f.pair(org, [f.mentor(org).staff], [mentee.staff], status=PairStatus.ACTIVE)
    client_for("mentee").post(
        reverse("mentoring:change-request-create"),
        {"kind": "change_mentor", "reason": "Не совпадают графики", "pair": pair.pk},
    )
    request = ChangeRequest.objects.get()
    assert request.author == mentee.staff and request.pair == pair
    listing = client_for("director").get(reverse("mentoring:change-request-list"))
    assert "Не совпадают графики" in listing.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "mentoring:mentee-list",
        "mentoring:mentor-list",
        "mentoring:pair-list",
        "mentoring:matching-proposal",
    ],
)
def test_bank_pages_run_a_bounded_number_of_queries(
    name, client_for, org, django_assert_max_num_queries
):
    for i in range(30):
        f.mentee(org, requests=(("ict", f"Запрос {i}"), ("methods", "Конспекты")))
        mentor = f.mentor(org, capacity=2)
        if i % 3 == 0:
            f.pair(org, [mentor.staff], [f.staff(org)])
    client = client_for("curator")
    client.get(reverse(name))
    with django_assert_max_num_queries(14):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_the_mentor_bank_filters_by_direction_status_and_free_capacity(org):
    from mentoring import selectors

    ict = f.mentor(org, expertise=("ict", "methods"), capacity=1)
    health = f.mentor(org, expertise=("health",), capacity=2, status=MentorStatus.CANDIDATE)
    f.pair(org, [ict.staff], [f.staff(org)])
    by_direction = selectors.mentor_bank(organization=org, direction="ict")
    assert list(by_direction) == [ict]
    assert list(selectors.mentor_bank(organization=org, free_only=True)) == [health]
    assert list(selectors.mentor_bank(organization=org, status="candidate")) == [health]
    assert selectors.mentor_bank(organization=org).get(pk=ict.pk).load == 1


def test_the_mentee_bank_filters_by_request_direction(org):
    from mentoring import selectors

    ict = f.mentee(org, requests=(("ict", "Доска"),))
    f.mentee(org, requests=(("health", "Зарядка"),))
    assert list(selectors.mentee_bank(organization=org, direction="ict")) == [ict]


def test_the_pair_form_offers_only_appointed_mentors_with_the_duties_consent(client_for, org):
    ready = f.appointed_mentor(org, last_name="Назначенная")
    f.mentor(org, last_name="Отобранная")  # selected, not appointed
    unwilling = f.mentor(org, status=MentorStatus.ACTIVE, last_name="Безсогласия")
    assert not Consent.objects.filter(staff=unwilling.staff, kind="mentor_duties").exists()
    form = client_for("curator").get(reverse("mentoring:pair-create")).context["form"]
    assert list(form.fields["mentors"].queryset) == [ready.staff]


def test_the_bank_never_offers_the_head_or_the_curator_as_a_mentee(client_for, org, users):
    from mentoring.models import StaffMember

    head = f.staff(org, position="head", last_name="Заведующая")
    curator = StaffMember.objects.get(user=users["curator"])
    teacher = f.staff(org, last_name="Воспитательница")
    page = client_for("curator").get(reverse("mentoring:mentee-list")).content.decode()
    options = page.split('id="add-mentee"')[1].split("</select>")[0]
    assert f'value="{teacher.pk}"' in options
    assert f'value="{head.pk}"' not in options and f'value="{curator.pk}"' not in options
