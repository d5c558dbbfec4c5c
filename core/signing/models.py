"""The abstract model every signed document extends."""

from __future__ import annotations

import hashlib
import hmac

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class SignedDocument(models.Model):
    """What a signed document stores: its verification code, its signed text, its PDF.

    The signature records the text in the request (``signed_html``, the HTML of the PDF with
    its stamp and QR code, and its SHA-256 ``text_sha256``); the worker lays that HTML out as
    the PDF right after the commit (``attach_pdf``), and ``pdf_sha256`` is empty until then.

    When and by whom it was signed stay in the concrete model's own columns (``signed_at`` of
    an order, ``approved_at`` of a report); ``SIGNED_AT`` and ``SIGNED_BY`` name them for the
    shared pages. A model that keeps its file elsewhere (orders: ``OrderFile``) sets
    ``pdf = None`` and overrides ``signed_pdf`` and ``_attach``.
    """

    verify_code = models.CharField(
        _("код проверки"), max_length=32, null=True, blank=True, unique=True
    )
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField(_("SHA-256 файла"), max_length=64, blank=True)
    signed_html = models.TextField(_("подписанный текст (HTML)"), blank=True, editable=False)
    text_sha256 = models.CharField(_("SHA-256 подписанного текста"), max_length=64, blank=True)

    SIGNED_AT = "signed_at"
    SIGNED_BY: str | None = "signed_by"
    SIGNED_IP: str | None = None

    class Meta:
        abstract = True

    @property
    def signed_moment(self):
        """When the document was signed (approved), from the kind's own column."""
        return getattr(self, self.SIGNED_AT)

    def signed_pdf(self) -> bytes | None:
        """The stored PDF exactly as rendered at signing, or None before."""
        return bytes(self.pdf) if self.pdf else None

    @property
    def pdf_pending(self) -> bool:
        """Signed, but the worker has not stored its PDF yet («PDF готовится»)."""
        return bool(self.verify_code) and not self.pdf_sha256

    def keep_signed_text(self, html: str) -> None:
        """Record the signed text and its SHA-256 on the row (saved by the caller)."""
        self.signed_html = html
        self.text_sha256 = hashlib.sha256(html.encode()).hexdigest()

    def attach_pdf(self, content: bytes) -> bool:
        """Store the PDF the worker rendered, once: False when a PDF was already there.

        The one write a signed (frozen) row takes after its signature: the file's checksum goes
        from empty to the checksum of this file, by a conditional UPDATE under a row lock.
        """
        digest = hashlib.sha256(content).hexdigest()
        with transaction.atomic():
            rows = type(self)._base_manager.select_for_update().filter(pk=self.pk, pdf_sha256="")
            if not rows.exists():
                return False
            self._attach(content, digest)
            type(self)._base_manager.filter(pk=self.pk).update(pdf_sha256=digest)
        self.pdf_sha256 = digest
        return True

    def _attach(self, content: bytes, digest: str) -> None:
        type(self)._base_manager.filter(pk=self.pk).update(pdf=content)
        self.pdf = content

    def matches(self, digest: str) -> bool:
        """True when ``digest`` is the SHA-256 of the signed file (constant-time compare)."""
        return bool(self.pdf_sha256) and hmac.compare_digest(digest, self.pdf_sha256)
