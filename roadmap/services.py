"""Writes and the life cycle of orders: draft, edit, send, return, sign, acknowledge.

Draft (curator) → sent for signature → signed by the director, or returned with a comment and
sent again. Signing takes the next number of the organization's journal for the year under a
row lock, renders the PDF once, stores it with its SHA-256, runs the registered effects and
freezes the order, all in one transaction: if anything fails the number is not consumed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.access import has_role
from core.audit import log_action, register_actions, status_data
from core.declension import by_gender
from core.lifecycle import TransitionError, check_transition
from core.models import NotificationKind, Organization, Role, User
from core.notifications import notify
from core.pdf import render_pdf
from mentoring.models import StaffMember
from roadmap import effects, local_acts
from roadmap.models import (
    MAIN_JOURNAL,
    Cycle,
    FrozenOrderError,
    NormativeDocument,
    Order,
    OrderFile,
    OrderJournalCounter,
    OrderKind,
    OrderPerson,
    OrderStatus,
    OrderSubject,
)
from roadmap.selectors import current_cycle, esign_acknowledged, esign_regulation

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
        "order.acknowledged": "Ознакомлен(а)",
        "cycle.roadmap_approved": "Дорожная карта утверждена",
    }
)
DRAFTING_ROLES = (Role.CURATOR, Role.COUNCIL, Role.DIRECTOR)
VERIFY_CODE_RE = re.compile(r"^[A-Za-z0-9_-]{16}$")
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

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


def verify_url(code: str) -> str:
    return settings.SITE_URL + reverse("roadmap:verify", args=[code])


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
) -> Order:
    """A draft of ``kind`` filled from its template with the requisites, subjects and people."""
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
    existing = _same_draft(
        organization=organization, kind=kind, subjects=subjects, people=people, refers_to=refers_to
    )
    if existing is not None:
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


# --- signing --------------------------------------------------------------------------------


def _take_number(organization: Organization, year: int) -> int:
    """Lock the journal's counter row for the year and take its next number."""
    lookup = {"organization": organization, "journal": MAIN_JOURNAL, "year": year}
    counter = OrderJournalCounter.objects.select_for_update().filter(**lookup).first()
    if counter is None:
        try:
            with transaction.atomic():
                OrderJournalCounter.objects.create(**lookup, last_number=0)
        except IntegrityError:
            pass  # another signing created it first; the lock below waits for it
        counter = OrderJournalCounter.objects.select_for_update().get(**lookup)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _qr_data_uri(url: str) -> str:
    import segno

    return segno.make_qr(url, error="m").svg_data_uri(scale=4, border=2)


def order_pdf_context(order: Order, *, preview: bool = False) -> dict:
    people = list(order.people.select_related("staff").order_by("staff__search_name"))
    paragraphs = [line.strip() for line in order.body.split("\n") if line.strip()]
    annex_pages = effects.annexes_of(order)
    context = {
        "order": order,
        "organization": order.organization,
        "people": people,
        "annexes": order.annex_list,
        "annex_pages": annex_pages,
        # Annexes the order carries inside are listed by their own titles; others as typed.
        "annex_titles": [a.title for a in annex_pages] or order.annex_list,
        "paragraphs": paragraphs[:-1],
        "last_paragraph": paragraphs[-1] if paragraphs else "",
        "signer_short": initials_first(order.signer_name or order.organization.director_name),
        "signer_position": order.signer_position or order.organization.director_position,
        "author": order.author,
        "preview": preview,
    }
    if not preview:
        url = verify_url(order.verify_code)
        context.update(
            {
                "verify_url": url,
                "qr": _qr_data_uri(url),
                "signed_at_local": timezone.localtime(order.signed_at),
            }
        )
    return context


def order_preview_pdf(order: Order) -> bytes:
    """The order as it will be printed, without number and stamp (not stored)."""
    return render_pdf("roadmap/pdf/order.html", order_pdf_context(order, preview=True))


def order_sign(*, order: Order, signer: User, password: str, ip: str | None) -> Order:
    """Sign with a simple electronic signature: number, date, PDF, checksum, effects, freeze."""
    _require_director(signer, order, "Подписать приказ")
    if not password or not signer.check_password(password):
        raise ValidationError(
            "Пароль введён неверно. Приказ не подписан: введите пароль, которым вы входите "
            "в систему.",
            code="bad_password",
        )
    if order.kind != OrderKind.ESIGN_REGULATION and not esign_acknowledged(
        user=signer, organization=order.organization
    ):
        raise ValidationError(
            _esign_message(order.organization, "подписывать", signer), code="no_esign"
        )
    with transaction.atomic():
        order = _lock(order)
        if order.status == OrderStatus.SIGNED:
            raise TransitionError(
                f"Этот приказ уже подписан: №{order.number_text} от "
                f"{order.order_date:%d.%m.%Y}. Повторно подписывать его не нужно.",
                code="already_signed",
            )
        old = order.status
        check_transition(ALLOWED, old, OrderStatus.SIGNED, labels=OrderStatus)
        problems = _send_problems(order)
        if problems:
            raise ValidationError("Приказ не подписан. " + " ".join(problems), code="not_ready")
        organization = order.organization
        now = timezone.now()
        today = timezone.localdate(now)
        year = journal_year(organization, today)
        number = _take_number(organization, year)
        order.journal = MAIN_JOURNAL
        order.journal_year = year
        order.number = number
        order.number_text = f"{number}{organization.order_number_suffix}"
        order.order_date = today
        order.signed_at = now
        order.signed_by = signer
        order.signer_name = signer.full_name or organization.director_name
        order.signer_position = organization.director_position
        order.signed_ip = ip or None
        order.verify_code = secrets.token_urlsafe(12)
        content = render_pdf("roadmap/pdf/order.html", order_pdf_context(order))
        digest = hashlib.sha256(content).hexdigest()
        OrderFile.objects.create(order=order, content=content, sha256=digest, size=len(content))
        order.pdf_sha256 = digest
        effects.run_signed(order)
        order.status = OrderStatus.SIGNED
        order.save()
        log_action(
            order,
            "order.signed",
            actor=signer,
            ip=ip or None,
            number=order.number_text,
            **status_data(old, OrderStatus.SIGNED, OrderStatus),
        )
        readers = User.objects.filter(staff_records__order_links__order=order).distinct()
        _notify_order(order, NotificationKind.ORDER_SIGNED, readers, signer)
    return order


def acknowledge_label(person) -> str:
    """The acknowledgement button's words in quotes, for the person's gender."""
    return by_gender(person, "«Я ознакомлен»", "«Я ознакомлена»", unknown="«Я ознакомлен(а)»")


def _esign_message(organization: Organization, verb: str, user: User | None = None) -> str:
    regulation = esign_regulation(organization=organization)
    if regulation is None:
        return (
            f"Электронно {verb} документы можно только после утверждения Положения об "
            "использовании простой электронной подписи и ознакомления с ним. Такого приказа "
            "пока нет: куратор готовит его на странице «Приказы», руководитель подписывает."
        )
    return (
        f"Электронно {verb} документы можно только после ознакомления с Положением об "
        f"использовании простой электронной подписи (приказ {regulation.reference}). Откройте "
        f"этот приказ и нажмите {acknowledge_label(user)}."
    )


def order_acknowledge(*, order: Order, user: User, ip: str | None) -> OrderPerson:
    """A person named in a signed order acknowledges it («ознакомлен(а)»)."""
    if order.status != OrderStatus.SIGNED:
        raise ValidationError(
            "Ознакомиться можно только с подписанным приказом.", code="not_signed"
        )
    if order.kind != OrderKind.ESIGN_REGULATION and not esign_acknowledged(
        user=user, organization=order.organization
    ):
        raise ValidationError(
            _esign_message(order.organization, "знакомиться", user), code="no_esign"
        )
    with transaction.atomic():
        link = OrderPerson.objects.select_for_update().filter(order=order, staff__user=user).first()
        if link is None and (card := local_acts.concerns(user=user, order=order)) is not None:
            link = local_acts.list_link(order=order, staff=card)  # joined after the signing
        if link is None:
            raise ValidationError(
                "Вы не указаны в этом приказе, поэтому знакомиться с ним под подпись не нужно.",
                code="not_named",
            )
        if link.acknowledged_at is not None:
            raise ValidationError(
                f"Вы уже ознакомились с этим приказом "
                f"{timezone.localtime(link.acknowledged_at):%d.%m.%Y в %H:%M}.",
                code="already_acknowledged",
            )
        link.acknowledged_at = timezone.now()
        link.acknowledged_ip = ip or None
        link.save()
        log_action(order, "order.acknowledged", actor=user, ip=ip or None)
    return link


# --- roadmap and normative base -------------------------------------------------------------


def cycle_approve_roadmap(*, cycle: Cycle, actor: User) -> Cycle:
    """The director approves the roadmap of a cycle (recorded with who and when)."""
    if not has_role(actor, cycle.organization_id, Role.DIRECTOR):
        raise ValidationError(
            "Утвердить дорожную карту может только руководитель организации.",
            code="not_director",
        )
    with transaction.atomic():
        cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if cycle.roadmap_approved_at is not None:
            raise ValidationError(
                f"Дорожная карта уже утверждена "
                f"{timezone.localtime(cycle.roadmap_approved_at):%d.%m.%Y}.",
                code="already_approved",
            )
        cycle.roadmap_approved_at = timezone.now()
        cycle.roadmap_approved_by = actor
        cycle.save()
        log_action(cycle, "cycle.roadmap_approved", actor=actor)
    return cycle


def normative_document_add(
    *, organization: Organization, title: str, uploaded_file, actor: User
) -> NormativeDocument:
    """Add a document to the normative base of the organization."""
    title = (title or "").strip()
    if not title:
        raise ValidationError("Укажите название документа.", code="required")
    if uploaded_file is None:
        raise ValidationError("Выберите файл документа.", code="required")
    if uploaded_file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError("Файл больше 10 МБ: загрузите файл поменьше.", code="too_big")
    return NormativeDocument.objects.create(
        organization=organization,
        title=title,
        file_name=uploaded_file.name[:255],
        content=uploaded_file.read(),
        content_type=getattr(uploaded_file, "content_type", "") or "application/octet-stream",
        uploaded_by=actor,
    )
