"""Cache invalidation: any change in what the section shows bumps the organization's version.

Only the cache listens here; the domain's flow never depends on these receivers.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from mentoring.models import Consent, Organization, Pair, StaffMember
from programs.models import Case, Program
from public.cache import invalidate
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
