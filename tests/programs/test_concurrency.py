"""Two people edit at once: a stale save is refused, shows what changed, and loses nothing."""

from django.urls import reverse

from programs.models import PlanRow, ProgramStatus


def _note_data(response):
    form = response.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    for name in ("starts_on", "ends_on"):
        value = form[name].value()
        data[name] = value if isinstance(value, str) else value.isoformat()
    return data


def test_second_note_save_over_a_newer_version_gets_the_conflict(client_for, program):
    mentor, mentee = client_for("mentor"), client_for("mentee")
    url = reverse("programs:program-edit", args=[program.pk])
    first, second = _note_data(mentor.get(url)), _note_data(mentee.get(url))

    first["goal"] = "Цель наставника"
    assert mentor.post(url, first).status_code == 302
    second["tasks"] = "Задачи наставляемой"
    response = mentee.post(url, second)

    assert response.status_code == 200
    page = response.content.decode()
    assert "уже сохранила изменения" in page
    assert "Цель наставничества" in page and "Цель наставника" in page  # field, old → new
    assert "Задачи наставляемой" in page  # the mentee's input stays in the form
    program.refresh_from_db()
    assert program.goal == "Цель наставника"  # nothing of the first save is lost
    assert program.tasks != "Задачи наставляемой"
    assert program.version == 2

    # The mentee merges: the form now carries the current version, a second save goes through.
    merged = _note_data(response)
    merged["goal"] = "Цель наставника"
    assert mentee.post(url, merged).status_code == 302
    program.refresh_from_db()
    assert (program.goal, program.tasks) == ("Цель наставника", "Задачи наставляемой")
    assert program.history.count() >= 3


def test_plan_rows_are_saved_each_on_its_own(client_for, program):
    mentor, mentee = client_for("mentor"), client_for("mentee")
    first_row, second_row = list(program.rows.all())[:2]

    def data(row, **changes):
        values = {
            "direction": row.direction,
            "event": row.event,
            "event_form": row.event_form,
            "deadline": row.deadline.isoformat(),
            "expected_result": row.expected_result,
            "version": row.version,
        }
        return {**values, **changes}

    save = "programs:row-save"
    # Different rows at once: both saved, no conflict.
    headers = {"HTTP_HX_REQUEST": "true"}
    r1 = mentor.post(
        reverse(save, args=[first_row.pk]), data(first_row, event="Семинар"), **headers
    )
    r2 = mentee.post(
        reverse(save, args=[second_row.pk]), data(second_row, event="Тренинг"), **headers
    )
    assert 'data-testid="plan-row"' in r1.content.decode()
    assert 'data-testid="plan-row"' in r2.content.decode()

    # The same row from a stale load: the conflict fragment with both sides.
    stale = data(first_row, event="Мастер-класс")  # carries version 1, the row is at 2 now
    response = mentee.post(reverse(save, args=[first_row.pk]), stale, **headers)
    page = response.content.decode()
    assert 'data-testid="conflict"' in page
    assert "Семинар" in page and "Мастер-класс" in page
    first_row.refresh_from_db()
    assert first_row.event == "Семинар"
    assert first_row.version == 2


def test_row_edit_fragment_is_the_inline_form(client_for, program):
    row = program.rows.first()
    response = client_for("mentee").get(
        reverse("programs:row-edit", args=[row.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'data-testid="plan-row-form"' in response.content.decode()
    assert "<html" not in response.content.decode()


def test_running_program_rows_take_status_and_result_not_plan(client_for, pair):
    from tests.programs.factories import make_program

    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    row = program.rows.first()
    response = client_for("mentee").post(
        reverse("programs:row-save", args=[row.pk]),
        {"status": "done", "actual_result": "Провела занятие", "version": 1, "event": "Другое"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    row.refresh_from_db()
    assert (row.status, row.actual_result) == ("done", "Провела занятие")
    assert row.event != "Другое"
    assert PlanRow.history.filter(id=row.pk, status="done").exists()


def _resubmit(response) -> dict:
    """What the conflict form holds, posted again as it is."""
    return _note_data(response)


def test_saving_the_conflict_form_as_it_is_keeps_the_other_persons_note_change(client_for, program):
    mentor, mentee = client_for("mentor"), client_for("mentee")
    url = reverse("programs:program-edit", args=[program.pk])
    first, second = _note_data(mentor.get(url)), _note_data(mentee.get(url))
    first["goal"] = "Цель, которую записал наставник"
    assert mentor.post(url, first).status_code == 302
    second["tasks"] = "Задачи от наставляемой"
    conflict = mentee.post(url, second)

    assert mentee.post(url, _resubmit(conflict)).status_code == 302
    program.refresh_from_db()
    assert program.goal == "Цель, которую записал наставник"  # not reverted
    assert program.tasks == "Задачи от наставляемой"  # hers kept


def test_a_field_both_changed_is_shown_side_by_side_and_the_saved_value_stays(client_for, program):
    mentor, mentee = client_for("mentor"), client_for("mentee")
    url = reverse("programs:program-edit", args=[program.pk])
    first, second = _note_data(mentor.get(url)), _note_data(mentee.get(url))
    first["goal"] = "Вариант наставника"
    mentor.post(url, first)
    second["goal"] = "Вариант наставляемой"
    conflict = mentee.post(url, second)

    page = conflict.content.decode()
    assert 'data-testid="conflict-fields"' in page
    assert "Вариант наставника" in page and "Вариант наставляемой" in page
    assert "Изменили вы оба" in page
    assert mentee.post(url, _resubmit(conflict)).status_code == 302
    program.refresh_from_db()
    assert program.goal == "Вариант наставника"

    # Choosing her own value is an explicit edit of the merged form.
    again = _note_data(mentee.get(url))
    again["goal"] = "Вариант наставляемой"
    assert mentee.post(url, again).status_code == 302
    program.refresh_from_db()
    assert program.goal == "Вариант наставляемой"


def test_saving_a_plan_rows_conflict_form_as_it_is_keeps_the_other_persons_change(
    client_for, program
):
    mentor, mentee = client_for("mentor"), client_for("mentee")
    row = program.rows.first()
    save = reverse("programs:row-save", args=[row.pk])
    loaded = {
        "direction": row.direction,
        "event": row.event,
        "event_form": row.event_form,
        "deadline": row.deadline.isoformat(),
        "expected_result": row.expected_result,
        "version": row.version,
    }
    headers = {"HTTP_HX_REQUEST": "true"}
    mentor.post(save, {**loaded, "event": "Семинар наставника"}, **headers)
    response = mentee.post(save, {**loaded, "expected_result": "Умею сама"}, **headers)
    form = response.context["form"]
    resubmitted = {name: form[name].value() or "" for name in form.fields}
    assert resubmitted["event"] == "Семинар наставника"

    final = mentee.post(save, resubmitted, **headers)
    assert 'data-testid="plan-row"' in final.content.decode()
    row.refresh_from_db()
    assert (row.event, row.expected_result) == ("Семинар наставника", "Умею сама")


def test_marking_a_row_done_records_the_day_and_a_later_edit_keeps_it(client_for, pair):
    import datetime as dt

    from django.utils import timezone

    from tests.programs.factories import make_program

    program = make_program(pair, status=ProgramStatus.IN_PROGRESS)
    row = program.rows.first()
    save = reverse("programs:row-save", args=[row.pk])
    headers = {"HTTP_HX_REQUEST": "true"}
    client = client_for("mentee")
    client.post(save, {"status": "done", "actual_result": "Провела", "version": 1}, **headers)
    row.refresh_from_db()
    assert row.done_on == timezone.localdate()

    earlier = timezone.localdate() - dt.timedelta(days=3)
    client.post(
        save,
        {"status": "done", "actual_result": "Провела", "done_on": earlier, "version": 2},
        **headers,
    )
    row.refresh_from_db()
    assert row.done_on == earlier
    client.post(
        save,
        {"status": "done", "actual_result": "Провела, фото", "done_on": earlier, "version": 3},
        **headers,
    )
    row.refresh_from_db()
    assert (row.done_on, row.actual_result) == (earlier, "Провела, фото")

    future = timezone.localdate() + dt.timedelta(days=2)
    response = client.post(
        save,
        {"status": "done", "actual_result": "Провела", "done_on": future, "version": 4},
        **headers,
    )
    assert "не может быть позже сегодняшнего дня" in response.content.decode()
    row.refresh_from_db()
    assert row.done_on == earlier
