"""Decisions of the methodical council that concern a program (and so its case).

The council's protocols live in ``roadmap`` (below this app); a decision names no program
there. The link is made here, from the program's page, to a decision of a signed protocol.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from programs.models.program import Program


class ProgramCouncilDecision(models.Model):
    """A decision of the methodical council attached to a program."""

    ORGANIZATION_PATH = "program__organization"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="council_decisions")
    decision = models.ForeignKey(
        "roadmap.CouncilDecision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("решение совета"),
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    linked_at = models.DateTimeField(_("привязано"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("решение методического совета о программе")
        verbose_name_plural = _("решения методического совета о программах")
        ordering = ["linked_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "decision"], name="program_council_decision_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.program_id}: {self.decision_id}"
