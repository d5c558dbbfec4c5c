"""What the monitoring app's pages share."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from core.models import Role
from monitoring.forms import FilterForm

CURATOR = (Role.CURATOR,)


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def filters_of(request):
    form = FilterForm(request.GET or None, organization=request.organization)
    return form, form.filters()
