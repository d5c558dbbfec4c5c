"""The abstract base of every row that belongs to one organization (ДОУ)."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class _OrganizationKey(models.ForeignKey):
    """The foreign key to the organization, named and ruled by the model that has it.

    Its reverse accessor and its deletion rule come from the concrete model's
    ``organization_related_name`` and ``organization_on_delete``; in migrations it is a plain
    ``ForeignKey``, so adopting the base changes no schema.
    """

    def contribute_to_class(self, cls, name, *args, **kwargs):
        # A historical copy (django-simple-history) keeps the rules it was copied with.
        if not cls._meta.abstract and hasattr(cls, "organization_related_name"):
            self._related_name = self.remote_field.related_name = cls.organization_related_name
            self.remote_field.on_delete = cls.organization_on_delete
        super().contribute_to_class(cls, name, *args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ForeignKey", args, kwargs


class OrganizationOwned(models.Model):
    """A row of one organization: its ``organization`` key, scoped reads and the audit trail's
    organization (``core.audit.organization_of``) come from here.

        class Pair(OrganizationOwned):
            organization_related_name = "pairs"  # organization.pairs
    """

    organization_related_name: ClassVar[str] = "+"
    # PROTECT: an organization with rows is never deleted by accident; CASCADE for rows that
    # are only the organization's own settings or publications.
    organization_on_delete: ClassVar = models.PROTECT

    organization = _OrganizationKey(
        "core.Organization", on_delete=models.PROTECT, verbose_name=_("организация")
    )

    class Meta:
        abstract = True
