"""The case of a completed program (seed 004), the material of the public «Лучшие практики»."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.models import User
from programs.models.program import Program

STAGES = (
    "Подготовка условий для запуска программы наставничества",
    "Формирование базы наставляемых",
    "Формирование базы наставников",
    "Отбор и обучение наставников",
    "Формирование наставнических пар/групп",
    "Организация работы наставнических пар/групп",
    "Завершение наставничества",
)


class Case(models.Model):
    """The case of a completed program (seed 004)."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="case")
    form_and_role_model = models.CharField(
        _("форма наставничества / ролевая модель"), max_length=300, blank=True
    )
    given = models.TextField(_("Дано (портрет наставляемого)"), blank=True)
    need = models.TextField(_("Надо (цель и результат)"), blank=True)
    who_needed = models.TextField(_("Кто нам нужен? (портрет наставника)"), blank=True)
    results = models.TextField(_("Оцениваемые результаты"), blank=True)
    stage_1 = models.TextField(_("Этап 1. ") + STAGES[0], blank=True)
    stage_2 = models.TextField(_("Этап 2. ") + STAGES[1], blank=True)
    stage_3 = models.TextField(_("Этап 3. ") + STAGES[2], blank=True)
    stage_4 = models.TextField(_("Этап 4. ") + STAGES[3], blank=True)
    stage_5 = models.TextField(_("Этап 5. ") + STAGES[4], blank=True)
    stage_6 = models.TextField(_("Этап 6. ") + STAGES[5], blank=True)
    stage_7 = models.TextField(_("Этап 7. ") + STAGES[6], blank=True)
    is_published = models.BooleanField(_("опубликован"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    ORGANIZATION_PATH = "program__organization"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("кейс программы")
        verbose_name_plural = _("кейсы программ")

    def __str__(self) -> str:
        return f"Кейс: {self.program}"

    @property
    def stages(self) -> list[tuple[int, str, str]]:
        return [(n, STAGES[n - 1], getattr(self, f"stage_{n}")) for n in range(1, 8)]
