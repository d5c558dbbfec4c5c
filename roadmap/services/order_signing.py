"""Signing an order with the simple e-signature, its PDF, and acknowledging it.

Signing goes through the one sign service (``core.signing``): the password first (counted and
locked like the login), then, under the row lock, the director's e-signature check, the
transition and the blocking checks, the next number of the organization's journal for the year,
the PDF rendered once and stored with its SHA-256, the registered effects, the freeze and the
audit entry, all in one transaction: if anything fails the number is not consumed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from core.audit import log_action, status_data
from core.lifecycle import TransitionError, check_transition
from core.models import NotificationKind, Organization, User
from core.pdf import render_pdf
from core.signing.services import Step, document_sign, qr_data_uri, verify_url
from roadmap import effects, local_acts
from roadmap.esign import director_esign_check, esign_check
from roadmap.models import (
    MAIN_JOURNAL,
    Order,
    OrderJournalCounter,
    OrderKind,
    OrderPerson,
    OrderStatus,
)
from roadmap.services.orders import (
    ALLOWED,
    _notify_order,
    _send_problems,
    initials_first,
    journal_year,
)


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
        "organization_genitive": order.organization.name_in("gen", short=True),
        "order_reference": (
            f"от {order.order_date:%d.%m.%Y} № {order.number_text}"
            if order.number_text and order.order_date
            else "от «___» ____________ 20__ г. № ______"
        ),
    }
    if not preview:
        url = verify_url(order.verify_code)
        context.update(
            {
                "verify_url": url,
                "qr": qr_data_uri(url),
                "signed_at_local": timezone.localtime(order.signed_at),
            }
        )
    return context


def order_preview_pdf(order: Order) -> bytes:
    """The order as it will be printed, without number and stamp (not stored)."""
    return render_pdf("roadmap/pdf/order.html", order_pdf_context(order, preview=True))


def order_sign(
    *,
    order: Order,
    signer: User,
    password: str,
    ip: str | None = None,
    request: HttpRequest | None = None,
) -> Order:
    """Sign with a simple electronic signature: number, date, PDF, checksum, effects, freeze."""
    return document_sign(
        kind="order",
        document=order,
        signer=signer,
        password=password,
        request=request,
        ip=ip,
        not_done="Приказ не подписан",
        prepare=lambda current, now: _number_and_sign(current, signer, now),
        after=_signed,
    )


def _number_and_sign(order: Order, signer: User, now) -> Step:
    """Checks after the password, then the journal's number and the signer's requisites."""
    organization = order.organization
    director_esign_check(
        signer=signer,
        organization=organization,
        director_only="Подписать приказ может только руководитель организации.",
        verb="подписывать",
        # The e-signature regulation itself is signed before anyone can have read it.
        regulation_read=order.kind == OrderKind.ESIGN_REGULATION,
    )
    if order.status == OrderStatus.SIGNED:
        raise TransitionError(
            f"Этот приказ уже подписан: № {order.number_text} от "
            f"{order.order_date:%d.%m.%Y}. Повторно подписывать его не нужно.",
            code="already_signed",
        )
    old = order.status
    check_transition(ALLOWED, old, OrderStatus.SIGNED, labels=OrderStatus)
    problems = _send_problems(order)
    if problems:
        raise ValidationError("Приказ не подписан. " + " ".join(problems), code="not_ready")
    today = timezone.localdate(now)
    year = journal_year(organization, today)
    number = _take_number(organization, year)
    order.journal = MAIN_JOURNAL
    order.journal_year = year
    order.number = number
    order.number_text = f"{number}{organization.order_number_suffix}"
    order.order_date = today
    order.signed_at = now
    order.signer_name = signer.full_name or organization.director_name
    order.signer_position = organization.director_position
    return Step(
        "order.signed",
        data={"number": order.number_text, **status_data(old, OrderStatus.SIGNED, OrderStatus)},
    )


def _signed(order: Order) -> None:
    """The registered effects, the freeze and the letters to the people named."""
    effects.run_signed(order)
    order.status = OrderStatus.SIGNED
    readers = User.objects.filter(staff_records__order_links__order=order).distinct()
    _notify_order(order, NotificationKind.ORDER_SIGNED, readers, order.signed_by)


def order_acknowledge(*, order: Order, user: User, ip: str | None) -> OrderPerson:
    """A person named in a signed order acknowledges it («ознакомлен(а)»)."""
    if order.status != OrderStatus.SIGNED:
        raise ValidationError(
            "Ознакомиться можно только с подписанным приказом.", code="not_signed"
        )
    if order.kind != OrderKind.ESIGN_REGULATION:
        esign_check(user=user, organization=order.organization, verb="знакомиться")
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
