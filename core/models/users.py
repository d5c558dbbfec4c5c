"""The login: one account a person uses in every organization she belongs to."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.history import HistoricalRecords
from core.text import initials_name


class User(AbstractUser):
    """A login; the person behind it is described by their StaffMember records."""

    middle_name = models.CharField(_("отчество"), max_length=150, blank=True)
    # Set when a curator hands out a temporary password; the access layer sends the person to
    # the password change page until they choose their own.
    must_change_password = models.BooleanField(_("должен сменить пароль"), default=False)

    history = HistoricalRecords(
        excluded_fields=["password", "last_login"], table_name="mentoring_historicaluser"
    )

    class Meta:
        db_table = "mentoring_user"
        verbose_name = _("пользователь")
        verbose_name_plural = _("пользователи")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def short_name(self) -> str:
        return initials_name(self.last_name, self.first_name, self.middle_name) or self.username
