"""Questionnaires, versions, assignments and filling in, as curator and participants use them."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.audit import audit_for
from mentoring.consents import consent_give, consent_withdraw
from mentoring.models import ConsentKind, PairStatus
from monitoring import services
from monitoring.models import (
    Answer,
    Question,
    ResponseStatus,
    SurveyKind,
    SurveyResponse,
    SurveyTemplate,
    TextAnswer,
)
from monitoring.services import RESPONSE_ALLOWED
from tests.monitoring.factories import assign, pair, template


@pytest.fixture
def the_pair(org, users):
    return pair(
        org,
        mentors=[users["mentor"].staff_records.get()],
        mentees=[users["mentee"].staff_records.get()],
        status=PairStatus.ACTIVE,
    )


@pytest.fixture
def satisfaction(org, users, the_pair):
    return assign(org, SurveyKind.SATISFACTION_MENTEE, pairs=[the_pair], author=users["curator"])


def _keys(assignment):
    return [q["key"] for q in assignment.version.questions]


# --- templates --------------------------------------------------------------------------------


def test_shipped_questionnaires_appear_for_the_organization_on_first_visit(client_for, org):
    response = client_for("curator").get(reverse("monitoring:template-list"))
    text = response.content.decode()
    for title in (
        "Анкета наставника",
        "Анкета-запрос наставляемого",
        "Удовлетворённость наставляемого",
        "Удовлетворённость наставника",
        "Самооценка участника: до и после программы",
    ):
        assert title in text
    impact = SurveyTemplate.objects.get(organization=org, kind=SurveyKind.IMPACT)
    measures = set(impact.questions.exclude(measure="").values_list("measure", flat=True))
    assert len(measures) == 5


def test_shipped_questionnaires_are_created_once(org):
    services.survey_templates_ensure(organization=org)
    services.survey_templates_ensure(organization=org)
    assert SurveyTemplate.objects.filter(organization=org).count() == 5


def test_curator_adds_a_question_in_the_browser_form(client_for, org):
    tpl = template(org, SurveyKind.SATISFACTION_MENTEE)
    response = client_for("curator").post(
        reverse("monitoring:question-create", args=[tpl.pk]),
        {
            "text": "Порекомендуете ли вы наставника коллегам?",
            "kind": "single",
            "options": "Да\nНет",
            "required": "on",
            "measure": "",
        },
    )
    assert response.status_code == 302
    question = tpl.questions.order_by("position").last()
    assert question.text == "Порекомендуете ли вы наставника коллегам?"
    assert question.option_list == ["Да", "Нет"]
    assert question.history.count() == 1


def test_choice_question_without_options_is_refused_in_russian(client_for, org):
    tpl = template(org, SurveyKind.SATISFACTION_MENTEE)
    response = client_for("curator").post(
        reverse("monitoring:question-create", args=[tpl.pk]),
        {"text": "Выберите", "kind": "multiple", "options": "Один", "required": "on"},
    )
    assert response.status_code == 400
    assert "не меньше двух вариантов" in response.content.decode()


def test_questions_move_up_with_htmx(client_for, org):
    tpl = template(org, SurveyKind.SATISFACTION_MENTEE)
    first, second = tpl.questions.order_by("position")[:2]
    response = client_for("curator").post(
        reverse("monitoring:question-move", args=[second.pk]),
        {"direction": "up"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="question-list"' in response.content.decode()
    assert "<html" not in response.content.decode()
    assert list(tpl.questions.order_by("position").values_list("pk", flat=True))[:2] == [
        second.pk,
        first.pk,
    ]


def test_editing_an_unanswered_version_changes_it_in_place(org, satisfaction):
    tpl = satisfaction.version.template
    services.question_add(template=tpl, text="Ещё вопрос", kind="scale5")
    assert tpl.versions.count() == 1
    satisfaction.version.refresh_from_db()
    assert satisfaction.version.questions[-1]["text"] == "Ещё вопрос"


def test_editing_after_answers_makes_a_new_version_and_old_answers_stay_readable(
    org, users, satisfaction, client_for
):
    response = satisfaction.responses.get()
    first = satisfaction.version.questions[0]
    services.answer_save(response=response, question_key=first["key"], raw=["4"])
    tpl = satisfaction.version.template
    question = Question.objects.get(pk=first["key"])
    services.question_update(
        question=question,
        text="Изменённая формулировка",
        kind="scale10",
        options="",
        required=True,
        measure="",
    )
    assert list(tpl.versions.values_list("number", flat=True)) == [2, 1]
    satisfaction.version.refresh_from_db()
    assert satisfaction.version.questions[0]["text"] == first["text"]
    page = client_for("curator").get(reverse("monitoring:response-detail", args=[response.pk]))
    assert first["text"] in page.content.decode()
    assert "4 из 5" in page.content.decode()


# --- assignments ------------------------------------------------------------------------------


def test_curator_assigns_a_survey_to_the_mentees_of_a_pair(client_for, org, users, the_pair):
    tpl = template(org, SurveyKind.SATISFACTION_MENTEE)
    deadline = timezone.localdate() + dt.timedelta(days=7)
    response = client_for("curator").post(
        reverse("monitoring:assignment-create"),
        {
            "template": tpl.pk,
            "moment": "after",
            "deadline": deadline.isoformat(),
            "pairs": [the_pair.pk],
        },
    )
    assert response.status_code == 302
    responses = SurveyResponse.objects.filter(assignment__version__template=tpl)
    assert [r.staff.user for r in responses] == [users["mentee"]]


def test_assignment_with_a_past_deadline_is_refused(client_for, org, the_pair):
    tpl = template(org, SurveyKind.SATISFACTION_MENTEE)
    response = client_for("curator").post(
        reverse("monitoring:assignment-create"),
        {"template": tpl.pk, "moment": "after", "deadline": "2020-01-01", "pairs": [the_pair.pk]},
    )
    assert response.status_code == 400
    assert "Срок заполнения уже прошёл" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_participant_sees_the_survey_on_the_home_page(client_for, satisfaction):
    text = client_for("mentee").get(reverse("home")).content.decode()
    assert "Анкета ждёт ваших ответов" in text
    assert reverse("monitoring:response-fill", args=[satisfaction.responses.get().pk]) in text
    assert (
        "Анкета ждёт ваших ответов"
        not in client_for("mentor").get(reverse("home")).content.decode()
    )


def test_the_home_card_counts_every_survey_waiting(client_for, org, users, the_pair):
    for kind in (SurveyKind.SATISFACTION_MENTEE, SurveyKind.IMPACT):
        for moment in ("before", "intermediate"):
            assign(org, kind, pairs=[the_pair], author=users["curator"], moment=moment)
    response = client_for("mentee").get(reverse("home"))
    card = next(c for c in response.context["cards"] if c.title == "Анкета ждёт ваших ответов")
    assert card.count == 4
    assert "и ещё 3" in card.text


# --- filling in -------------------------------------------------------------------------------


def test_autosave_keeps_each_answer_as_it_is_chosen(client_for, satisfaction):
    response = satisfaction.responses.get()
    key = _keys(satisfaction)[0]
    reply = client_for("mentee").post(
        reverse("monitoring:answer-save", args=[response.pk]),
        {"question": key, f"q{key}": "4"},
        HTTP_HX_REQUEST="true",
    )
    assert "Сохранено" in reply.content.decode()
    assert Answer.objects.get(response=response, question_key=key).value == 4
    assert response.answers.get().history.count() == 1


def test_value_out_of_scale_is_refused_and_the_saved_one_kept(client_for, satisfaction):
    response = satisfaction.responses.get()
    key = _keys(satisfaction)[0]
    client = client_for("mentee")
    client.post(
        reverse("monitoring:answer-save", args=[response.pk]), {"question": key, f"q{key}": "4"}
    )
    reply = client.post(
        reverse("monitoring:answer-save", args=[response.pk]), {"question": key, f"q{key}": "7"}
    )
    assert "Оценка должна быть целым числом от 1 до 5." in reply.content.decode()
    assert Answer.objects.get(response=response, question_key=key).value == 4


def test_required_question_left_empty_keeps_the_draft_and_the_other_answers(
    client_for, satisfaction
):
    response = satisfaction.responses.get()
    a, b, c, text = _keys(satisfaction)
    reply = client_for("mentee").post(
        reverse("monitoring:response-submit", args=[response.pk]),
        {f"q{a}": "5", f"q{b}": "4", f"q{text}": "Больше практики"},
    )
    assert reply.status_code == 400
    page = reply.content.decode()
    assert "Анкета не отправлена: ответьте на отмеченные вопросы" in page
    assert "Это обязательный вопрос: ответьте на него." in page
    response.refresh_from_db()
    assert response.status == ResponseStatus.DRAFT
    assert sorted(response.answers.values_list("value", flat=True)) == [4, 5]
    assert response.text_answers.get().text == "Больше практики"


def test_participant_sends_the_survey_once(client_for, satisfaction):
    response = satisfaction.responses.get()
    a, b, c, _text = _keys(satisfaction)
    client = client_for("mentee")
    url = reverse("monitoring:response-submit", args=[response.pk])
    reply = client.post(url, {f"q{a}": "5", f"q{b}": "4", f"q{c}": "3"})
    assert reply.status_code == 302
    response.refresh_from_db()
    assert response.status == ResponseStatus.SUBMITTED
    again = client.post(url, {f"q{a}": "1", f"q{b}": "1", f"q{c}": "1"}, follow=True)
    assert "Анкета уже отправлена" in again.content.decode()
    assert sorted(response.answers.values_list("value", flat=True)) == [3, 4, 5]


def test_survey_past_its_deadline_cannot_be_sent_and_answers_stay(client_for, satisfaction):
    response = satisfaction.responses.get()
    key = _keys(satisfaction)[0]
    services.answer_save(response=response, question_key=key, raw=["5"])
    satisfaction.deadline = timezone.localdate() - dt.timedelta(days=1)
    satisfaction.save()
    reply = client_for("mentee").post(
        reverse("monitoring:response-submit", args=[response.pk]), {f"q{key}": "2"}, follow=True
    )
    assert "Срок заполнения анкеты истёк" in reply.content.decode()
    response.refresh_from_db()
    assert response.status == ResponseStatus.DRAFT
    assert response.answers.get().value == 5


@pytest.mark.parametrize("current", ResponseStatus.values)
def test_response_submit_matrix_drives_the_service(current, satisfaction, users):
    response = satisfaction.responses.get()
    a, b, c, _text = _keys(satisfaction)
    if current == ResponseStatus.SUBMITTED:
        services.response_submit(response=response, data={a: ["5"], b: ["5"], c: ["4"]})
    before = [e.action for e in audit_for(response)]
    if ResponseStatus.SUBMITTED in RESPONSE_ALLOWED.get(current, ()):
        services.response_submit(response=response, data={a: ["5"], b: ["5"], c: ["4"]})
        response.refresh_from_db()
        assert response.status == ResponseStatus.SUBMITTED
        (logged,) = audit_for(response)
        assert logged.action == "survey.submitted" and logged.actor == response.staff.user
        assert logged.label == "Анкета отправлена"
    else:
        with pytest.raises(ValidationError) as refused:
            services.response_submit(response=response, data={a: ["1"]})
        assert "уже отправлена" in refused.value.messages[0]
        response.refresh_from_db()
        assert response.status == current
        assert [e.action for e in audit_for(response)] == before


def test_assigning_a_survey_is_logged_on_the_assignment(satisfaction, users):
    (logged,) = audit_for(satisfaction)
    assert logged.action == "survey.assigned" and logged.actor == users["curator"]
    assert logged.label.startswith(f"Анкета «{satisfaction.version.title}» назначена участникам")


def test_unknown_option_is_refused():
    question = {"key": 1, "kind": "single", "options": ["Да", "Нет"], "required": True}
    with pytest.raises(ValidationError, match="Выберите вариант из предложенного списка"):
        services.parse_answer(question, ["5"])


# --- who sees answers -------------------------------------------------------------------------


def test_free_text_answers_never_reach_the_monitoring_pages_or_the_report(client_for, satisfaction):
    response = satisfaction.responses.get()
    a, b, c, text = _keys(satisfaction)
    services.response_submit(
        response=response,
        data={a: ["5"], b: ["5"], c: ["4"], text: ["Секретное мнение о наставнике"]},
    )
    assert TextAnswer.objects.get().text == "Секретное мнение о наставнике"
    client = client_for("director")
    for name in ("monitoring:dashboard", "monitoring:report-detail"):
        assert "Секретное мнение" not in client.get(reverse(name)).content.decode()
    for what in ("satisfaction_mentee", "mentees"):
        page = client.get(reverse("monitoring:breakdown"), {"what": what})
        assert "Секретное мнение" not in page.content.decode()
    detail = client.get(reverse("monitoring:response-detail", args=[response.pk]))
    assert "Секретное мнение о наставнике" in detail.content.decode()


def test_council_sees_who_answered_but_not_the_scores(client_for, satisfaction):
    response = satisfaction.responses.get()
    a, b, c, _text = _keys(satisfaction)
    services.response_submit(response=response, data={a: ["5"], b: ["5"], c: ["4"]})
    page = client_for("council").get(
        reverse("monitoring:breakdown"), {"what": "satisfaction_mentee"}
    )
    text = page.content.decode()
    assert response.staff.last_name in text
    assert "93,3" not in text and "93.3" not in text
    curator_page = client_for("curator").get(
        reverse("monitoring:breakdown"), {"what": "satisfaction_mentee"}
    )
    assert "93,3" in curator_page.content.decode() or "93.3" in curator_page.content.decode()


# --- reminders --------------------------------------------------------------------------------


@pytest.fixture
def group(org, users):
    from tests.monitoring.factories import staff

    people = [staff(org, email=f"m{i}@example.ru") for i in range(4)]
    made = pair(org, mentors=[users["mentor"].staff_records.get()], mentees=people)
    return made, people


def test_reminders_go_to_exactly_those_who_have_not_answered(
    org, users, group, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    the_group, people = group
    assignment = assign(
        org, SurveyKind.SATISFACTION_MENTEE, pairs=[the_group], author=users["curator"]
    )
    answered, withdrawn = people[0], people[1]
    a, b, c, _t = _keys(assignment)
    services.response_submit(
        response=assignment.responses.get(staff=answered), data={a: ["5"], b: ["5"], c: ["5"]}
    )
    consent = consent_give(
        staff=withdrawn, kind=ConsentKind.PERSONAL_DATA, recorded_by=users["curator"]
    )
    consent_withdraw(consent=consent, by=users["curator"])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_survey_reminders", stdout=io.StringIO())
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([people[2].email, people[3].email])
    assert "ждут ваших ответов" in mail.outbox[0].body
    assert "Удовлетворённость наставляемого участием в программе" in mail.outbox[0].body
    assert assignment.responses.get(staff=people[2]).last_reminded_at is not None


def test_curator_button_reminds_the_non_responders_of_one_assignment(
    client_for, org, users, group, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    the_group, people = group
    assignment = assign(
        org, SurveyKind.SATISFACTION_MENTEE, pairs=[the_group], author=users["curator"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        reply = client_for("curator").post(
            reverse("monitoring:assignment-remind", args=[assignment.pk]), follow=True
        )
    assert "Напоминания отправлены: 4." in reply.content.decode()
    assert len(mail.outbox) == 4


def test_no_reminders_after_the_deadline(org, users, group, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    the_group, _people = group
    assignment = assign(
        org, SurveyKind.SATISFACTION_MENTEE, pairs=[the_group], author=users["curator"]
    )
    assert services.reminders_send(today=assignment.deadline + dt.timedelta(days=1)) == 0
    assert mail.outbox == []


def test_one_letter_per_person_lists_all_their_open_surveys(
    org, users, group, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    the_group, people = group
    assign(org, SurveyKind.SATISFACTION_MENTEE, pairs=[the_group], author=users["curator"])
    assign(org, SurveyKind.IMPACT, pairs=[the_group], author=users["curator"], roles={"mentee"})
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send() == 4
    body = next(m.body for m in mail.outbox if m.to == [people[0].email])
    assert "Удовлетворённость наставляемого" in body and "Самооценка участника" in body


def test_multiple_choice_and_free_text_are_saved_and_cleared(org, users, the_pair):
    request_form = assign(org, SurveyKind.MENTEE_REQUEST, pairs=[the_pair], author=users["curator"])
    response = request_form.responses.get()
    by_kind = {q["kind"]: q["key"] for q in request_form.version.questions}
    services.answer_save(response=response, question_key=by_kind["multiple"], raw=["0", "2"])
    services.answer_save(response=response, question_key=by_kind["text"], raw=["Игры с детьми"])
    assert response.answers.get(question_key=by_kind["multiple"]).choices == [0, 2]
    assert response.text_answers.get().text == "Игры с детьми"
    services.answer_save(response=response, question_key=by_kind["text"], raw=[""])
    assert not response.text_answers.exists()
    with pytest.raises(ValidationError, match="Выберите вариант"):
        services.answer_save(response=response, question_key=by_kind["multiple"], raw=["9"])
    assert response.answers.get(question_key=by_kind["multiple"]).choices == [0, 2]
