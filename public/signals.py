"""Cache invalidation: any change in what the section shows bumps the organization's version.

A municipality's page follows its kindergartens' versions by itself; what it shows of its own
(its name, which kindergartens belong to it, the list of municipalities) is bumped here when an
organization or a municipality changes, for the municipality it left as well as the new one.
Only the cache listens here; the domain's flow never depends on these receivers.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from core.models import Municipality, Organization
from mentoring.models import Consent, Pair, StaffMember
from programs.models import Case, Program
from public.cache import DIRECTORY, invalidate, invalidate_municipality
from public.models import FinalEvent, NewsItem, PublicFile, PublicSettings
from roadmap.models import Cycle, Order


def _organization_id(instance) -> int | None:
    if isinstance(instance, Organization):
        return instance.pk
    if isinstance(instance, Case):
        return (
            Program.objects.filter(pk=instance.program_id)
            .values_list("organization_id", flat=True)
            .first()
        )
    return getattr(instance, "organization_id", None)


def _bump(sender, instance, **kwargs) -> None:
    if isinstance(instance, Organization):
        cache.delete(f"public:slug:{instance.slug}")
    invalidate(_organization_id(instance))


for _model in (
    Organization,
    StaffMember,
    Consent,
    Pair,
    Program,
    Case,
    Order,
    Cycle,
    PublicSettings,
    NewsItem,
    PublicFile,
    FinalEvent,
):
    post_save.connect(_bump, sender=_model, dispatch_uid=f"public-bump-{_model.__name__}")
    post_delete.connect(_bump, sender=_model, dispatch_uid=f"public-bump-del-{_model.__name__}")

m2m_changed.connect(_bump, sender=FinalEvent.best_cases.through, dispatch_uid="public-bump-best")


def _remember_municipality(sender, instance: Organization, **kwargs) -> None:
    stored = Organization.objects.filter(pk=instance.pk) if instance.pk else None
    instance._public_old_municipality_id = (
        stored.values_list("municipality_id", flat=True).first() if stored is not None else None
    )


def _bump_municipalities(sender, instance: Organization, **kwargs) -> None:
    invalidate_municipality(DIRECTORY)
    invalidate_municipality(instance.municipality_id)
    old = getattr(instance, "_public_old_municipality_id", None)
    if old != instance.municipality_id:
        invalidate_municipality(old)


def _bump_municipality(sender, instance: Municipality, **kwargs) -> None:
    cache.delete(f"public:mo-slug:{instance.slug}")
    invalidate_municipality(DIRECTORY)
    invalidate_municipality(instance.pk)
    # The kindergartens' pages link to the municipality's page by its address.
    for pk in Organization.objects.filter(municipality_id=instance.pk).values_list("pk", flat=True):
        invalidate(pk)


pre_save.connect(_remember_municipality, sender=Organization, dispatch_uid="public-mo-old")
post_save.connect(_bump_municipalities, sender=Organization, dispatch_uid="public-mo-org")
post_delete.connect(_bump_municipalities, sender=Organization, dispatch_uid="public-mo-org-del")
post_save.connect(_bump_municipality, sender=Municipality, dispatch_uid="public-mo")
post_delete.connect(_bump_municipality, sender=Municipality, dispatch_uid="public-mo-del")
