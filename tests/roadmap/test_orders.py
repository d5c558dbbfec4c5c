"""The life cycle of orders: drafting, sending, returning, signing, freezing, acknowledging."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from simple_history.utils import get_history_model_for_model

from core.lifecycle import TransitionError
from roadmap import services
from roadmap.models import (
    FrozenOrderError,
    Order,
    OrderFile,
    OrderKind,
    OrderPerson,
    OrderStatus,
)
from roadmap.services import ALLOWED, journal_year
from tests.audit import actions, entry
from tests.factories import PASSWORD, StaffMemberFactory
from tests.roadmap.factories import draft, esign_in_force, sent, signed, staff_of

pytestmark = pytest.mark.django_db


def test_draft_fills_the_organizations_requisites_and_the_people(org, users):
    curator = staff_of(users["curator"], org)
    member = StaffMemberFactory(organization=org, last_name="Соколова", first_name="Арина")
    order = draft(org, users["curator"], OrderKind.INTRODUCE_MODEL, people=[curator, member])
    assert order.status == OrderStatus.DRAFT
    assert order.title.startswith("О внедрении целевой модели наставничества")
    assert "ПРИКАЗЫВАЮ:" in order.body
    assert org.short_name in order.body
    assert "Назначить куратора внедрения целевой модели наставничества — " + (
        curator.name_in("acc")
    ) in (order.body)
    assert "– Соколовой Арины" in order.body  # «в составе» takes the genitive
    assert set(order.people.values_list("staff", flat=True)) == {curator.pk, member.pk}
    assert actions(order) == [("order.drafted", "curator")]


@pytest.mark.parametrize("kind", OrderKind.values)
def test_every_kind_has_a_template_that_drafts(kind, org, users):
    people = [staff_of(users["mentor"], org)]
    order = draft(org, users["curator"], kind, people=people)
    assert order.title and "ПРИКАЗЫВАЮ:" in order.body


def test_a_kind_that_names_people_refuses_to_draft_without_them(org, users):
    with pytest.raises(ValidationError) as info:
        draft(org, users["curator"], OrderKind.APPOINT_MENTORS)
    assert "выберите наставников" in info.value.messages[0]
    assert not Order.objects.exists()


def test_a_person_of_another_organization_cannot_be_named(org, other_org, users):
    stranger = StaffMemberFactory(organization=other_org)
    with pytest.raises(ValidationError, match="только сотрудников своей организации"):
        draft(org, users["curator"], OrderKind.APPOINT_MENTORS, people=[stranger])


def test_esign_regulation_names_everyone_with_a_login_and_a_signing_role(org, users):
    StaffMemberFactory(organization=org)  # no login: not named
    order = draft(org, users["curator"], OrderKind.ESIGN_REGULATION)
    named = set(order.people.values_list("staff__user__username", flat=True))
    # The administrator signs nothing, so the regulation does not concern her.
    assert named == {"director", "curator", "mentor", "mentee", "council"}


def test_sending_with_an_empty_text_is_refused_in_russian(org, users):
    order = draft(org, users["curator"])
    Order.objects.filter(pk=order.pk).update(body="  ")
    order.refresh_from_db()
    with pytest.raises(ValidationError) as info:
        services.order_send(order=order, actor=users["curator"])
    assert "Не заполнен текст приказа." in info.value.messages[0]
    order.refresh_from_db()
    assert order.status == OrderStatus.DRAFT


def test_sending_without_the_organizations_requisites_is_refused(org, users):
    order = draft(org, users["curator"])
    org.city = ""
    org.save()
    with pytest.raises(ValidationError, match="Не хватает реквизитов организации: населённый"):
        services.order_send(order=order, actor=users["curator"])


def test_editing_a_draft_requires_title_and_text(org, users):
    order = draft(org, users["curator"])
    with pytest.raises(ValidationError, match="Заполните обязательные поля: заголовок"):
        services.order_update(order=order, actor=users["curator"], title="", body="x", annexes="")
    order.refresh_from_db()
    assert order.title.startswith("Об утверждении")


def _order_in(state, org, users):
    if state == OrderStatus.DRAFT:
        return draft(org, users["curator"])
    if state == OrderStatus.SENT:
        return sent(org, users["curator"])
    if state == OrderStatus.RETURNED:
        order = sent(org, users["curator"])
        return services.order_return(order=order, actor=users["director"], comment="Поправьте")
    return signed(org, users["curator"], users["director"])


MOVES = {
    OrderStatus.SENT: lambda order, users: services.order_send(order=order, actor=users["curator"]),
    OrderStatus.RETURNED: lambda order, users: services.order_return(
        order=order, actor=users["director"], comment="Уточните сроки"
    ),
    OrderStatus.SIGNED: lambda order, users: services.order_sign(
        order=order, signer=users["director"], password=PASSWORD, ip="10.0.0.9"
    ),
}


@pytest.mark.parametrize(
    ("current", "target"), list(itertools.product(OrderStatus.values, list(MOVES)))
)
def test_transition_matrix_drives_the_order_services(current, target, org, users, esign):
    order = _order_in(current, org, users)
    before = actions(order)
    if target in ALLOWED[current]:
        MOVES[target](order, users)
        order.refresh_from_db()
        assert order.status == target
        assert actions(order)[len(before) :] == [
            (f"order.{target}", "curator" if target == OrderStatus.SENT else "director")
        ]
    else:
        with pytest.raises((TransitionError, FrozenOrderError)) as refused:
            MOVES[target](order, users)
        if current == OrderStatus.SIGNED and target == OrderStatus.SIGNED:
            assert "Этот приказ уже подписан" in refused.value.messages[0]
        elif current == OrderStatus.SIGNED:
            assert refused.value.messages[0].startswith("Подписанный приказ нельзя изменить")
        else:
            assert refused.value.messages[0].startswith(
                f"Нельзя перейти из состояния «{OrderStatus(current).label}» "
                f"в «{OrderStatus(target).label}»."
            )
        order.refresh_from_db()
        assert order.status == current
        assert actions(order) == before


def test_signing_assigns_number_date_file_and_records_the_signature(org, users, esign):
    order = signed(org, users["curator"], users["director"])
    assert order.status == OrderStatus.SIGNED
    assert order.number == 2 and order.number_text == "2-од"
    assert order.order_date is not None and order.journal_year == order.order_date.year
    assert order.signed_by == users["director"]
    assert order.signed_ip == "10.0.0.7"
    assert order.signer_name == users["director"].full_name
    assert len(order.verify_code) == 16
    file = OrderFile.objects.get(order=order)
    assert file.sha256 == order.pdf_sha256 and len(order.pdf_sha256) == 64
    assert bytes(file.content).startswith(b"%PDF")
    event = entry(order, "order.signed")
    assert event.actor == users["director"] and event.data["ip"] == "10.0.0.7"
    assert event.label == "Подписан простой электронной подписью"


def test_signing_twice_is_refused_and_changes_nothing(org, users, esign):
    order = signed(org, users["curator"], users["director"])
    with pytest.raises(TransitionError, match="уже подписан: № 2-од"):
        services.order_sign(order=order, signer=users["director"], password=PASSWORD, ip=None)
    order.refresh_from_db()
    assert order.number == 2 and Order.objects.filter(number__isnull=False).count() == 2


def test_a_non_director_cannot_sign(org, users, esign):
    order = sent(org, users["curator"])
    with pytest.raises(ValidationError, match="Подписать приказ может только руководитель"):
        services.order_sign(order=order, signer=users["curator"], password=PASSWORD, ip=None)
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT and order.number is None


def test_a_wrong_password_does_not_sign(org, users, esign):
    order = sent(org, users["curator"])
    with pytest.raises(ValidationError, match="Пароль введён неверно"):
        services.order_sign(order=order, signer=users["director"], password="nope", ip=None)
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT


def test_the_director_signs_only_after_acknowledging_the_esign_regulation(org, users):
    order = sent(org, users["curator"])
    with pytest.raises(ValidationError, match="Такого приказа пока нет"):
        services.order_sign(order=order, signer=users["director"], password=PASSWORD, ip=None)
    regulation = signed(org, users["curator"], users["director"], OrderKind.ESIGN_REGULATION)
    # She is acquainted with the regulation by signing it: the next order signs at once.
    link = regulation.people.get(staff__user=users["director"])
    assert link.acknowledged_at == regulation.signed_at
    order = services.order_sign(order=order, signer=users["director"], password=PASSWORD, ip=None)
    assert order.number_text == "2-од"


def test_a_signed_order_cannot_be_saved_or_deleted_by_any_path(org, users, esign):
    order = signed(org, users["curator"], users["director"])
    order.title = "Другое"
    with pytest.raises(FrozenOrderError):
        order.save()
    with pytest.raises(FrozenOrderError):
        order.delete()
    with pytest.raises(FrozenOrderError):
        Order.objects.filter(pk=order.pk).delete()
    with pytest.raises(FrozenOrderError):
        Order.objects.filter(pk=order.pk).update(title="Другое")
    with pytest.raises(FrozenOrderError):
        services.order_update(order=order, actor=users["curator"], title="X", body="Y", annexes="")
    with pytest.raises(FrozenOrderError):
        OrderFile.objects.get(order=order).delete()
    order.refresh_from_db()
    assert order.title.startswith("Об утверждении")


def test_editing_a_signed_order_through_its_url_changes_nothing(org, users, esign, client_for):
    order = signed(org, users["curator"], users["director"])
    response = client_for("curator").post(
        reverse("roadmap:order-edit", args=[order.pk]),
        {"title": "Подмена", "body": "Подмена", "annexes": ""},
        follow=True,
    )
    assert "Этот приказ нельзя изменить" in response.content.decode()
    order.refresh_from_db()
    assert order.title != "Подмена"


def test_the_admin_cannot_change_or_delete_a_signed_order(org, users, esign, client_for):
    users["admin"].is_staff = users["admin"].is_superuser = True
    users["admin"].save()
    order = signed(org, users["curator"], users["director"])
    client = client_for("admin")
    change = reverse("admin:roadmap_order_change", args=[order.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="title"' not in page.content.decode()
    client.post(change, {"title": "Подмена"})
    assert client.post(reverse("admin:roadmap_order_delete", args=[order.pk])).status_code == 403
    order.refresh_from_db()
    assert order.title != "Подмена"


def test_returning_needs_a_comment_and_records_it(org, users, esign):
    order = sent(org, users["curator"])
    with pytest.raises(ValidationError, match="Напишите, что нужно исправить"):
        services.order_return(order=order, actor=users["director"], comment=" ")
    order = services.order_return(order=order, actor=users["director"], comment="Уточните сроки")
    assert order.status == OrderStatus.RETURNED and order.return_comment == "Уточните сроки"
    event = entry(order, "order.returned")
    assert event.actor == users["director"] and event.data["comment"] == "Уточните сроки"
    services.order_update(order=order, actor=users["curator"], title="T", body="B", annexes="")
    assert services.order_send(order=order, actor=users["curator"]).status == OrderStatus.SENT


def test_a_named_person_acknowledges_a_signed_order_once(org, users, regulation):
    mentor = staff_of(users["mentor"], org)
    order = signed(
        org, users["curator"], users["director"], OrderKind.APPOINT_MENTORS, people=[mentor]
    )
    link = services.order_acknowledge(order=order, user=users["mentor"], ip="10.1.1.1")
    assert link.acknowledged_at is not None and link.acknowledged_ip == "10.1.1.1"
    with pytest.raises(ValidationError, match="Вы уже ознакомились с этим приказом"):
        services.order_acknowledge(order=order, user=users["mentor"], ip=None)
    with pytest.raises(ValidationError, match="Вы не указаны в этом приказе"):
        services.order_acknowledge(order=order, user=users["mentee"], ip=None)
    assert actions(order).count(("order.acknowledged", "mentor")) == 1
    history = get_history_model_for_model(OrderPerson).objects.filter(id=link.pk)
    assert history.count() == 2


def test_acknowledging_needs_the_esign_regulation_first(org, users):
    council = staff_of(users["council"], org)
    esign_in_force(org, users["curator"], users["director"])
    order = signed(
        org, users["curator"], users["director"], OrderKind.ENCOURAGE_MENTORS, people=[council]
    )
    with pytest.raises(ValidationError, match="только после ознакомления с Положением"):
        services.order_acknowledge(order=order, user=users["council"], ip=None)
    assert OrderPerson.objects.get(order=order).acknowledged_at is None


def test_audit_trail_records_who_drafted_sent_returned_and_signed(org, users, esign):
    order = sent(org, users["curator"])
    services.order_return(order=order, actor=users["director"], comment="Поправьте")
    services.order_send(order=order, actor=users["curator"])
    services.order_sign(order=order, signer=users["director"], password=PASSWORD, ip=None)
    assert actions(order) == [
        ("order.drafted", "curator"),
        ("order.sent", "curator"),
        ("order.returned", "director"),
        ("order.sent", "curator"),
        ("order.signed", "director"),
    ]
    assert order.history.count() >= 5


@pytest.mark.parametrize(
    ("start", "day", "year"),
    [
        (1, dt.date(2026, 3, 1), 2026),
        (9, dt.date(2026, 3, 1), 2025),
        (9, dt.date(2026, 9, 1), 2026),
    ],
)
def test_journal_year_follows_the_organizations_first_day(org, start, day, year):
    org.journal_year_start = start
    assert journal_year(org, day) == year


def test_the_suffix_is_set_per_organization(org, users, esign):
    org.order_number_suffix = "/н"
    org.save()
    order = signed(org, users["curator"], users["director"])
    assert order.number_text == "2/н"


def test_a_change_is_a_new_order_that_refers_to_the_old_one(org, users, esign):
    old = signed(org, users["curator"], users["director"])
    new = draft(org, users["curator"], OrderKind.CHANGE_PROGRAM, refers_to=old)
    assert new.refers_to == old and "приказом № 2-од от" in new.body
    with pytest.raises(ValidationError, match="только подписанный приказ"):
        draft(org, users["curator"], OrderKind.CHANGE_PROGRAM, refers_to=new)


def test_the_author_deletes_her_draft_after_confirming(client_for, org, users):
    from roadmap.models import Order

    order = services.order_draft(
        organization=org, kind=OrderKind.APPROVE_REGULATION, author=users["curator"]
    )
    client = client_for("curator")
    url = reverse("roadmap:order-delete", args=[order.pk])
    assert "Удалить проект приказа?" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "удалён" in response.content.decode()
    assert not Order.objects.filter(pk=order.pk).exists()


def test_a_sent_order_cannot_be_deleted(org, users):
    order = services.order_draft(
        organization=org, kind=OrderKind.APPROVE_REGULATION, author=users["curator"]
    )
    services.order_send(order=order, actor=users["curator"])
    with pytest.raises(ValidationError, match="Удалить можно только проект"):
        services.order_delete(order=order, user=users["curator"])
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT


def test_preparing_the_same_order_twice_opens_the_first_draft(client_for, org, users):
    from roadmap.models import Order

    first = services.order_draft(
        organization=org, kind=OrderKind.APPROVE_REGULATION, author=users["curator"]
    )
    second = services.order_draft(
        organization=org, kind=OrderKind.APPROVE_REGULATION, author=users["curator"]
    )
    assert second.pk == first.pk and second.reused_draft
    assert Order.objects.filter(organization=org, kind=OrderKind.APPROVE_REGULATION).count() == 1
