"""What the roadmap app's pages share."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError

from core import security

PAGE_SIZE = 25


def ip_of(request) -> str | None:
    return security.client_ip(request)


def fail(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))
