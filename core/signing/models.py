"""The abstract model every signed document extends."""

from __future__ import annotations

import hashlib
import hmac

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignedDocument(models.Model):
    """What a signed document stores: its verification code, its PDF and the PDF's SHA-256.

    When and by whom it was signed stay in the concrete model's own columns (``signed_at`` of
    an order, ``approved_at`` of a report); ``SIGNED_AT`` and ``SIGNED_BY`` name them for the
    shared pages. A model that keeps its file elsewhere (orders: ``OrderFile``) sets
    ``pdf = None`` and overrides ``signed_pdf`` and ``store_pdf``.
    """

    verify_code = models.CharField(
        _("код проверки"), max_length=32, null=True, blank=True, unique=True
    )
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    pdf_sha256 = models.CharField(_("SHA-256 файла"), max_length=64, blank=True)

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

    def store_pdf(self, content: bytes) -> None:
        """Keep the rendered PDF and its checksum on the row (saved by the caller)."""
        self.pdf = content
        self.pdf_sha256 = hashlib.sha256(content).hexdigest()

    def matches(self, digest: str) -> bool:
        """True when ``digest`` is the SHA-256 of the signed file (constant-time compare)."""
        return bool(self.pdf_sha256) and hmac.compare_digest(digest, self.pdf_sha256)
