"""Signing a document: one password check (counted and locked like the login), one service.

``document_sign`` is what every kind's own service calls::

    def report_approve(*, report, signer, password, request=None):
        return document_sign(
            kind="report",
            document=report,
            signer=signer,
            password=password,
            request=request,
            not_done="Отчёт не утверждён",
            prepare=lambda current, now: _approval(current, signer),
        )

The password comes first: until it is right, every refusal is the same «Пароль введён неверно»,
so a wrong guess learns nothing about the document. Five wrong passwords (at the login or at
any signing) lock the person and the address for the django-axes cool-off; while locked, even
the right password raises ``SigningLocked``. Then, under a row lock, ``prepare`` checks the
kind's own rules and fills its fields; when the step completes the document, it gets a
verification code and its signed text (the HTML of its PDF, stamp and QR code included) is kept
with its SHA-256. The audit entry is written in the same transaction. The PDF is laid out from
that text by the worker right after the commit (``core.signing.pdfs``): WeasyPrint never runs
in the request, and the code and the text's checksum verify the document from the first second.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from core import security
from core.audit import log_action
from core.pdf import STORED_FONTS, render_html
from core.signing.pdfs import signed_pdf_enqueue
from core.signing.registry import get_kind

VERIFY_CODE_RE = re.compile(r"^[A-Za-z0-9_-]{16}$")


class SigningLocked(ValidationError):
    """Too many wrong passwords: signing is closed for the cool-off, the right one included."""

    def __init__(self):
        super().__init__(
            "Слишком много неверных паролей: подпись временно закрыта. Попробуйте позже или "
            "восстановите пароль по ссылке «Забыли пароль?» на странице входа.",
            code="locked",
        )


@dataclass(frozen=True)
class Step:
    """What one signature did: its audit action, and whether it completes the document."""

    action: str
    complete: bool = True
    data: dict = field(default_factory=dict)


def new_verify_code() -> str:
    """Sixteen URL-safe characters (96 random bits), printed in the stamp and the QR link."""
    return secrets.token_urlsafe(12)


def verify_url(code: str) -> str:
    """The public address that confirms a signed document, as printed in its QR code."""
    return settings.SITE_URL + reverse("signing:verify", args=[code])


def qr_data_uri(url: str) -> str:
    """The QR code of ``url`` as an SVG data URI for a PDF template."""
    import segno

    return segno.make_qr(url, error="m").svg_data_uri(scale=4, border=2)


def signing_password_check(
    *, signer, password: str, not_done: str, request: HttpRequest | None = None
) -> None:
    """Refuse a locked signer or a wrong password; a wrong one counts towards the lockout.

    ``not_done`` says what stays undone («Приказ не подписан»). Without a request (a command,
    a test set-up) the password is checked but nothing is counted: every page passes its own.
    """
    if request is not None and security.password_reentry_locked(request, signer):
        raise SigningLocked()
    if not password or not signer.check_password(password):
        if request is not None:
            security.password_reentry_failed(request, signer)
        raise ValidationError(
            f"Пароль введён неверно. {not_done}: введите пароль, которым вы входите в систему.",
            code="bad_password",
        )


def document_sign(
    *,
    kind: str,
    document,
    signer,
    password: str,
    not_done: str,
    prepare: Callable,
    after: Callable | None = None,
    request: HttpRequest | None = None,
    ip: str | None = None,
):
    """Sign ``document`` of ``kind``: password, then ``prepare(current, now) -> Step``, PDF, audit.

    ``after(current)`` runs once the signed text is kept, still inside the transaction (the
    effects of a signed order); anything raising rolls the whole signature back.
    """
    signing_password_check(signer=signer, password=password, not_done=not_done, request=request)
    if ip is None and request is not None:
        ip = security.client_ip(request)
    spec = get_kind(kind)
    with transaction.atomic():
        current = spec.model._default_manager.select_for_update().get(pk=document.pk)
        now = timezone.now()
        step = prepare(current, now)
        if step.complete:
            _complete(spec, current, signer=signer, now=now, ip=ip)
        if after is not None:
            after(current)
        current.save()
        log_action(current, step.action, actor=signer, ip=ip or None, **step.data)
        if step.complete:
            _pdf_after_commit(spec.name, current)
    return current


def _complete(spec, current, *, signer, now, ip) -> None:
    """Record the signing facts on the kind's own columns and the signed text; the worker makes
    the PDF from that text once the transaction commits."""
    model = type(current)
    if getattr(current, model.SIGNED_AT) is None:
        setattr(current, model.SIGNED_AT, now)
    if model.SIGNED_BY:
        setattr(current, model.SIGNED_BY, signer)
    if model.SIGNED_IP:
        setattr(current, model.SIGNED_IP, ip or None)
    current.verify_code = new_verify_code()
    html = render_html(spec.pdf_template, spec.pdf_context(current), fonts_dir=STORED_FONTS)
    current.keep_signed_text(html)


def _pdf_after_commit(kind: str, document) -> None:
    """The worker lays the signed text out as the PDF once the signature is committed."""
    pk = document.pk
    if settings.SIGNED_PDF_AT_ONCE:  # tests only: their transaction never commits
        signed_pdf_enqueue(kind, pk)
        stored = [f.name for f in document._meta.concrete_fields if f.name in ("pdf", "pdf_sha256")]
        document.refresh_from_db(fields=stored)
        return
    transaction.on_commit(lambda: signed_pdf_enqueue(kind, pk))
