"""Writes and the life cycle of orders up to signing: draft, edit, send, return, delete.

Draft (curator) → sent for signature → signed by the director (``order_signing``), or returned
with a comment and sent again.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.access import has_role
from core.audit import log_action, register_actions, status_data
from core.lifecycle import TransitionError, check_transition
from core.models import NotificationKind, Organization, Role, User
from core.notifications import notify
from mentoring.models import StaffMember
from roadmap import effects, local_acts
from roadmap.models import (
    FrozenOrderError,
    Order,
    OrderKind,
    OrderPerson,
    OrderStatus,
    OrderSubject,
)
from roadmap.selectors import current_cycle

ALLOWED = {
    OrderStatus.DRAFT: {OrderStatus.SENT},
    OrderStatus.RETURNED: {OrderStatus.SENT},
    OrderStatus.SENT: {OrderStatus.SIGNED, OrderStatus.RETURNED},
    OrderStatus.SIGNED: set(),
}
register_actions(
    {
        "order.drafted": "Подготовлен проект",
        "order.edited": "Проект изменён",
        "order.sent": "Отправлен на подпись",
        "order.returned": "Возвращён на доработку",
        "order.signed": "Подписан простой электронной подписью",
        "order.acknowledged": "[actor:Ознакомлен|Ознакомлена] с приказом",
        "cycle.roadmap_approved": "Дорожная карта утверждена",
    }
)
DRAFTING_ROLES = (Role.CURATOR, Role.COUNCIL, Role.DIRECTOR)

DEFAULT_ANNEXES = {
    OrderKind.APPROVE_REGULATION: "Положение о системе наставничества педагогических работников",
    OrderKind.INTRODUCE_MODEL: "Дорожная карта внедрения целевой модели наставничества",
    OrderKind.ESIGN_REGULATION: "Положение об использовании простой электронной подписи",
    OrderKind.APPROVE_PROGRAMS: "Персонализированные программы наставничества",
}
# Kinds that approve a document of the organization: its text is drafted with the order.
DOCUMENT_KINDS = {OrderKind.APPROVE_REGULATION, OrderKind.ESIGN_REGULATION}
# Kinds whose text names people: without them the order makes no sense.
KINDS_NEEDING_PEOPLE = {
    OrderKind.INTRODUCE_MODEL: "куратора и членов рабочей группы",
    OrderKind.APPOINT_MENTORS: "наставников",
    OrderKind.ENCOURAGE_MENTORS: "наставников, которых поощряют",
    OrderKind.COUNCIL_COMPOSITION: "председателя и членов методического совета",
}


def initials_first(full_name: str) -> str:
    """«О. В. Смирнова» from «Смирнова Ольга Викторовна», as a signature block writes it."""
    parts = full_name.split()
    if not parts:
        return ""
    initials = " ".join(f"{p[0]}." for p in parts[1:3])
    return f"{initials} {parts[0]}".strip()


def journal_year(organization: Organization, day: dt.date) -> int:
    """The year of the journal a date belongs to (its first year when it starts on 1 September)."""
    start_month = organization.journal_year_start
    return day.year if day.month >= start_month else day.year - 1


# --- drafting -------------------------------------------------------------------------------


def _render_text(kind: str, context: dict) -> tuple[str, str]:
    text = render_to_string(f"roadmap/order_texts/{kind}.txt", context)
    title, _, body = text.strip().partition("\n")
    body = re.sub(r"\n{3,}", "\n\n", body.strip())
    return title.strip(), body


def _attach_agreements(people: list[StaffMember]) -> None:
    """Each mentor's latest signed «Дополнительное соглашение», for the order to refer to."""
    from roadmap.models import AgreementStatus, MentorAgreement

    found = {}
    for agreement in MentorAgreement.objects.filter(
        mentor__in=people,
        status__in=(AgreementStatus.DIRECTOR_SIGNED, AgreementStatus.SIGNED),
    ).order_by("director_signed_at"):
        found[agreement.mentor_id] = agreement
    for person in people:
        person.agreement = found.get(person.pk)


def order_draft(
    *,
    organization: Organization,
    kind: str,
    author: User,
    subjects: Iterable = (),
    people: Iterable[StaffMember] = (),
    refers_to: Order | None = None,
    extra_context: dict | None = None,
    reuse: bool = True,
) -> Order:
    """A draft of ``kind`` filled from its template with the requisites, subjects and people.

    ``extra_context`` adds to the template's context (the council's chair and secretary);
    ``reuse=False`` always makes a new draft (the caller compares drafts itself)."""
    if kind not in OrderKind.values:
        raise ValidationError("Неизвестный вид приказа.", code="unknown_kind")
    subjects = list(subjects)
    people = list(people)
    if kind in local_acts.LOCAL_ACT_KINDS:
        # Everyone the act concerns by role is on its list, the director who signs among them.
        people = [*people, *local_acts.concerned_staff(organization=organization, kind=kind)]
    if kind in KINDS_NEEDING_PEOPLE and not people:
        raise ValidationError(
            f"Для этого приказа выберите {KINDS_NEEDING_PEOPLE[kind]}.", code="people_required"
        )
    for person in people:
        if person.organization_id != organization.pk:
            raise ValidationError(
                "В приказ можно включить только сотрудников своей организации.",
                code="foreign_person",
            )
    for subject in subjects:
        owner = getattr(subject, "organization_id", organization.pk)
        if owner != organization.pk:
            raise ValidationError(
                "Приказ может касаться только объектов своей организации.", code="foreign_subject"
            )
    if refers_to is not None and (
        refers_to.organization_id != organization.pk or not refers_to.is_signed
    ):
        raise ValidationError(
            "Изменять можно только подписанный приказ своей организации.", code="bad_reference"
        )
    existing = reuse and _same_draft(
        organization=organization, kind=kind, subjects=subjects, people=people, refers_to=refers_to
    )
    if existing:
        existing.reused_draft = True
        return existing
    cycle = current_cycle(organization)
    if kind == OrderKind.APPOINT_MENTORS:
        _attach_agreements(people)
    context = {
        "organization": organization,
        "kind": kind,
        "people": people,
        "curator": people[0] if people else None,
        "group": people[1:],
        "subjects": subjects,
        "refers_to": refers_to,
        "cycle": cycle,
        "director_short": initials_first(organization.director_name),
        **(extra_context or {}),
    }
    title, body = _render_text(kind, context)
    document_text = ""
    if kind in DOCUMENT_KINDS:
        document_text = render_to_string(f"roadmap/annex_texts/{kind}.txt", context).strip()
    with transaction.atomic():
        order = Order.objects.create(
            organization=organization,
            kind=kind,
            title=title,
            body=body,
            annexes=DEFAULT_ANNEXES.get(kind, ""),
            document_text=document_text,
            refers_to=refers_to,
            author=author,
        )
        bulk_create_with_history(
            [
                OrderSubject(
                    order=order,
                    content_type=ContentType.objects.get_for_model(type(s)),
                    object_id=s.pk,
                )
                for s in subjects
            ],
            OrderSubject,
        )
        bulk_create_with_history(
            [OrderPerson(order=order, staff=p) for p in {p.pk: p for p in people}.values()],
            OrderPerson,
        )
        log_action(order, "order.drafted", actor=author, kind=order.kind)
    return order


def _same_draft(*, organization, kind, subjects, people, refers_to) -> Order | None:
    """An unsent draft (or a returned order) of this kind about exactly these things and people."""
    wanted_subjects = {(ContentType.objects.get_for_model(type(s)).pk, s.pk) for s in subjects}
    wanted_people = {p.pk for p in people}
    candidates = Order.objects.filter(
        organization=organization,
        kind=kind,
        status__in=(OrderStatus.DRAFT, OrderStatus.RETURNED),
        refers_to=refers_to,
    ).prefetch_related("subjects", "people")
    for order in candidates.order_by("-pk"):
        if {(s.content_type_id, s.object_id) for s in order.subjects.all()} != wanted_subjects:
            continue
        if {p.staff_id for p in order.people.all()} == wanted_people:
            return order
    return None


@transaction.atomic
def order_delete(*, order: Order, user: User) -> None:
    """The author deletes her draft or returned order; a sent or signed one is never deleted."""
    current = _lock(order)
    if current.status not in (OrderStatus.DRAFT, OrderStatus.RETURNED):
        raise TransitionError(
            "Удалить можно только проект приказа или приказ, возвращённый на доработку.",
            code="not_deletable",
        )
    if current.author_id != user.pk:
        raise ValidationError("Удалить проект приказа может только его автор.", code="not_author")
    current.delete()


def _lock(order: Order) -> Order:
    return Order.objects.select_for_update().get(pk=order.pk)


def _require_editable(order: Order) -> None:
    if order.status == OrderStatus.SIGNED:
        raise FrozenOrderError()
    if not order.is_editable:
        raise TransitionError(
            "Приказ на подписи у руководителя: изменить его можно после возврата на доработку.",
            code="not_editable",
        )


def order_update(
    *,
    order: Order,
    actor: User,
    title: str,
    body: str,
    annexes: str,
    document_text: str | None = None,
) -> Order:
    """Change the title, text, annexes and the approved document of a draft or returned order."""
    title, body = (title or "").strip(), (body or "").strip()
    missing = [name for name, value in (("заголовок", title), ("текст", body)) if not value]
    if missing:
        raise ValidationError(
            f"Заполните обязательные поля: {', '.join(missing)}.", code="required"
        )
    with transaction.atomic():
        order = _lock(order)
        _require_editable(order)
        order.title, order.body = title, body
        order.annexes = "\n".join(
            line.strip() for line in (annexes or "").splitlines() if line.strip()
        )
        if document_text is not None:
            order.document_text = document_text.strip()
        order.save()
        log_action(order, "order.edited", actor=actor)
    return order


def _send_problems(order: Order) -> list[str]:
    found = []
    if not order.title.strip():
        found.append("Не заполнен заголовок приказа.")
    if not order.body.strip():
        found.append("Не заполнен текст приказа.")
    missing = order.organization.missing_requisites
    if missing:
        found.append("Не хватает реквизитов организации: " + ", ".join(missing) + ".")
    found.extend(effects.problems(order))
    return found


def order_send(*, order: Order, actor: User) -> Order:
    """Send a draft (or a returned order) to the director for signature."""
    with transaction.atomic():
        order = _lock(order)
        if order.status == OrderStatus.SIGNED:
            raise FrozenOrderError()
        old = order.status
        check_transition(ALLOWED, old, OrderStatus.SENT, labels=OrderStatus)
        problems = _send_problems(order)
        if problems:
            raise ValidationError(
                "Приказ не отправлен на подпись. " + " ".join(problems), code="not_ready"
            )
        order.status = OrderStatus.SENT
        order.sent_at = timezone.now()
        order.save()
        log_action(
            order, "order.sent", actor=actor, **status_data(old, OrderStatus.SENT, OrderStatus)
        )
        _notify_order(order, NotificationKind.ORDER_SENT, _directors(order.organization), actor)
    return order


def _directors(organization: Organization) -> list[User]:
    return list(
        User.objects.filter(
            role_assignments__organization=organization, role_assignments__role=Role.DIRECTOR
        ).distinct()
    )


def _notify_order(order: Order, kind: str, users: Iterable[User], actor: User, **extra) -> None:
    """Queue the letters about an order; they leave after the transaction commits."""
    notify(
        users=users,
        kind=kind,
        organization=order.organization,
        context={
            "title": order.title,
            "author": actor.full_name or actor.username,
            "actor": actor,  # the verb after the name agrees with her
            "reference": f"{order.number_text} от {order.order_date:%d.%m.%Y}"
            if order.number_text
            else "",
            "path": reverse("roadmap:order-detail", args=[order.pk]),
            **extra,
        },
    )


def _require_director(user: User, order: Order, what: str) -> None:
    if not has_role(user, order.organization_id, Role.DIRECTOR):
        raise ValidationError(f"{what} может только руководитель организации.", code="not_director")


def order_return(*, order: Order, actor: User, comment: str) -> Order:
    """The director returns an order for rework, saying what to fix."""
    _require_director(actor, order, "Вернуть приказ на доработку")
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            "Напишите, что нужно исправить: комментарий увидит исполнитель.",
            code="comment_required",
        )
    with transaction.atomic():
        order = _lock(order)
        if order.status == OrderStatus.SIGNED:
            raise FrozenOrderError()
        old = order.status
        check_transition(ALLOWED, old, OrderStatus.RETURNED, labels=OrderStatus)
        order.status = OrderStatus.RETURNED
        order.return_comment = comment
        order.save()
        log_action(
            order,
            "order.returned",
            actor=actor,
            comment=comment,
            **status_data(old, OrderStatus.RETURNED, OrderStatus),
        )
        _notify_order(
            order, NotificationKind.ORDER_RETURNED, [order.author], actor, comment=comment
        )
    return order
