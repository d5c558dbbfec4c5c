"""Small readers of request parameters: malformed input becomes 404 or None, never a 500."""

from __future__ import annotations

from datetime import date

from django.http import Http404, QueryDict
from django.utils.http import url_has_allowed_host_and_scheme

# PostgreSQL bigint; anything larger can't be an id.
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """A positive database id from text, or None when the text is not one."""
    if value is None:
        return None
    text = str(value).strip()
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def int_param(params: QueryDict, name: str, *, required: bool = False) -> int | None:
    """An id from a query string or form; a malformed one is 404 when required, else None."""
    raw = params.get(name)
    if raw in (None, ""):
        if required:
            raise Http404(f"Parameter {name} is required.")
        return None
    number = parse_id(raw)
    if number is None:
        raise Http404(f"Parameter {name} is not an id.")
    return number


def date_param(params: QueryDict, name: str) -> date | None:
    """An ISO date (YYYY-MM-DD) or a Russian one (DD.MM.YYYY); anything else is None."""
    raw = (params.get(name) or "").strip()
    for parse in (date.fromisoformat, _russian_date):
        try:
            return parse(raw)
        except ValueError:
            continue
    return None


def _russian_date(text: str) -> date:
    day, month, year = text.split(".")
    return date(int(year), int(month), int(day))


def choice_param(params: QueryDict, name: str, choices) -> str:
    """The value when it is one of ``choices`` (values or a TextChoices class), else ''."""
    values = getattr(choices, "values", choices)
    raw = params.get(name, "")
    return raw if raw in values else ""


def safe_next(request, default: str) -> str:
    """The form's «next» address when it is a path on this site, else ``default``.

    Only an absolute path counts: a bare word would reach ``redirect()``, which takes it for a
    view name and fails with a 500.
    """
    target = request.POST.get("next", "")
    if (
        target.startswith("/")
        and not any(ord(c) < 32 or ord(c) == 127 for c in target)
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        return target
    return default
