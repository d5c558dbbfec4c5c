"""The admin's history pages answer 404 to an id that can't be one, never a 500.

simple-history's ``history_view`` filters by the raw ``object_id`` of the address:
``/admin/<app>/<model>/abc/history/`` raised ``ValueError`` (a 500). Every admin module imports
``SimpleHistoryAdmin`` from here instead of from simple-history.
"""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin as _SimpleHistoryAdmin

from core.http import MAX_ID


class SimpleHistoryAdmin(_SimpleHistoryAdmin):
    def history_view(self, request, object_id, extra_context=None):
        pk = self.model._meta.pk
        try:
            value = pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404("Not an id.") from None
        integer = isinstance(pk, models.IntegerField | models.AutoField)
        if integer and not 0 < value <= MAX_ID:
            raise Http404("Not an id.")
        return super().history_view(request, object_id, extra_context)
