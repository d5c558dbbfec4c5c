"""A file that no row uses any more is deleted from storage, and history keeps no path to it.

When a person replaces an uploaded file (evidence of a plan row, a document) or a row with a
file is deleted, the old file used to stay on disk, still named by the history rows
(simple-history) of the row: an anonymized person's replaced evidence survived that way.

``install()`` (from ``CoreConfig.ready``) watches every model with a ``FileField``: after the
transaction commits, a replaced or deleted file that no current row of any model names is
deleted and the history rows naming it are blanked. ``release_orphans()`` does the same for
every file history still names (anonymization runs it: files replaced before this existed).
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save

logger = logging.getLogger(__name__)


def _file_fields(model) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _models_with_files():
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed or not _file_fields(model):
            continue
        if model.__name__.startswith("Historical"):
            continue
        yield model


def _history_of(model):
    """The simple-history model of ``model`` (where its file fields are plain text), or None."""
    manager = getattr(model._meta, "simple_history_manager_attribute", None)
    return getattr(model, manager).model if manager else None


def in_use(name: str) -> bool:
    """True when a current (not historical) row of any model names this file."""
    for model in _models_with_files():
        query = models.Q()
        for field in _file_fields(model):
            query |= models.Q(**{field.name: name})
        if model._default_manager.filter(query).exists():
            return True
    return False


def _forget_in_history(name: str) -> None:
    for model in _models_with_files():
        history = _history_of(model)
        if history is None:
            continue
        for field in _file_fields(model):
            history._default_manager.filter(**{field.name: name}).update(**{field.name: ""})


def release(name: str, storage) -> bool:
    """Delete the file unless a current row names it; blank it in history. True when deleted."""
    if not name or in_use(name):
        return False
    storage.delete(name)
    _forget_in_history(name)
    return True


def release_orphans() -> int:
    """Delete every file only history rows still name; return how many were released."""
    released = 0
    for model in _models_with_files():
        history = _history_of(model)
        if history is None:
            continue
        for field in _file_fields(model):
            names = set(
                history._default_manager.exclude(**{field.name: ""})
                .exclude(**{f"{field.name}__isnull": True})
                .values_list(field.name, flat=True)
            )
            released += sum(release(name, field.storage) for name in names)
    return released


def _old_names(sender, instance) -> list[tuple[str, object]]:
    if instance.pk is None:
        return []
    fields = _file_fields(sender)
    old = sender._default_manager.filter(pk=instance.pk).values(*[f.name for f in fields]).first()
    if not old:
        return []
    gone = []
    for field in fields:
        before = old[field.name] or ""
        now = getattr(instance, field.attname)
        now = getattr(now, "name", now) or ""
        if before and before != now:
            gone.append((before, field.storage))
    return gone


def _release_after_commit(gone) -> None:
    def run():
        for name, storage in gone:
            try:
                release(name, storage)
            except OSError:
                logger.warning("Could not delete the replaced file %s", name)

    if gone:
        transaction.on_commit(run)


def _before_save(sender, instance, raw=False, **kwargs):
    # Read before the row is written; released after (outside a transaction on_commit runs at
    # once, and the old name must no longer be in the row by then).
    instance._replaced_files = [] if raw else _old_names(sender, instance)


def _after_save(sender, instance, raw=False, **kwargs):
    _release_after_commit(instance.__dict__.pop("_replaced_files", []))


def _on_delete(sender, instance, **kwargs):
    gone = []
    for field in _file_fields(sender):
        file = getattr(instance, field.attname)
        if file and file.name:
            gone.append((file.name, field.storage))
    _release_after_commit(gone)


def install() -> None:
    for model in _models_with_files():
        uid = f"file-cleanup-{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=uid, weak=False)
        post_save.connect(_after_save, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(_on_delete, sender=model, dispatch_uid=uid, weak=False)
