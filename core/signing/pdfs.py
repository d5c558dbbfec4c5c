"""The PDF of a signed document, laid out by the worker from the text kept at signing.

``document_sign`` keeps the signed HTML and hands ``(kind, pk)`` to the worker after the commit
(``signed_pdf_enqueue``); the task ``core.tasks.render_signed_pdf`` calls ``signed_pdf_render``.
The documents themselves are the outbox: a signed row whose ``pdf_sha256`` is still empty waits
for its file, and the beat's sweep (``signed_pdfs_sweep``) hands it over again when the broker
was down or lost the message. Rendering twice stores the first file only.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from core.cache import scoped_to
from core.pdf import PdfAttachment, html_to_pdf
from core.signing.registry import get_kind, kinds

logger = logging.getLogger(__name__)

# A signed document still without its PDF this long after signing is handed over again.
RETRY_AFTER = dt.timedelta(seconds=60)


def signed_pdf_enqueue(kind: str, pk: int) -> None:
    """Hand the rendering to the worker (without a broker: run it here, after the commit)."""
    from core.tasks import render_signed_pdf

    try:
        render_signed_pdf.delay(kind, pk)
    except Exception:
        logger.warning("Broker unavailable: the PDF of %s %s waits in the database", kind, pk)


def signed_pdf_render(*, kind: str, pk: int) -> str:
    """Lay out the signed text of one document as its PDF and store it, once."""
    spec = get_kind(kind)
    document = spec.model._base_manager.filter(pk=pk).first()
    if document is None or not document.signed_html:
        return "missing"
    if document.pdf_sha256:
        return "exists"
    content = html_to_pdf(document.signed_html, attachments=(signature_attachment(spec, document),))
    with scoped_to(getattr(document, "organization_id", None)):
        stored = document.attach_pdf(content)
    return "stored" if stored else "exists"


SIGNATURE_FILE = "signature.json"


def _signer_name(model, document) -> str:
    """Who signed: the kind's signer column (a user), else the name the document keeps."""
    signer = getattr(document, model.SIGNED_BY, None) if model.SIGNED_BY else None
    for name in ("signer_name", "approver_name", "director_name"):
        if getattr(document, name, ""):
            return getattr(document, name)
    if signer is not None:
        return getattr(signer, "full_name", "") or str(signer)
    return ""


def signature_record(spec, document) -> dict:
    """The signature as data: what a machine reads from the PDF's attached ``signature.json``."""
    moment = document.signed_moment
    number = getattr(document, "number_text", "") or getattr(document, "number", None)
    return {
        "kind": spec.name,
        "document": str(document),
        "number": str(number) if number not in (None, "") else "",
        "signer": _signer_name(spec.model, document),
        "signed_at": moment.isoformat() if moment else "",
        "verify_code": document.verify_code or "",
        "text_sha256": document.text_sha256,
        "signature": "простая электронная подпись (Федеральный закон от 06.04.2011 № 63-ФЗ)",
    }


def signature_attachment(spec, document) -> PdfAttachment:
    """The signature record as the PDF/A-3 associated file ``signature.json``."""
    moment = document.signed_moment
    return PdfAttachment.json(
        SIGNATURE_FILE,
        signature_record(spec, document),
        description="Сведения о подписи: номер, кто подписал, время, SHA-256 подписанного текста",
        moment=moment.astimezone(dt.UTC) if moment else None,
    )


def signed_pdfs_sweep(*, now: dt.datetime | None = None) -> int:
    """Beat's sweep: hand over again every signed document waiting for its PDF too long."""
    now = now or timezone.now()
    handed = 0
    for kind in kinds().values():
        signed_at = f"{kind.model.SIGNED_AT}__lt"
        rows = kind.model._base_manager.filter(pdf_sha256="", **{signed_at: now - RETRY_AFTER})
        for pk in rows.exclude(text_sha256="").order_by("pk").values_list("pk", flat=True)[:200]:
            signed_pdf_enqueue(kind.name, pk)
            handed += 1
    return handed
