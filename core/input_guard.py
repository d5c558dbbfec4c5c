"""Control characters and out-of-range numbers never reach a view: they are a 400.

PostgreSQL refuses a NUL in any text value (SQLite takes it), so a ``%00`` that reached a query
was a 500 on one database and not on the other. The check is done once, here, for the path and
every query and form parameter (names and values); tabs and line breaks stay allowed in forms.
A parameter that is a whole number beyond a database id (``MAX_ID``) is refused the same way:
a form's list of ids (``ModelMultipleChoiceField``) sent it to SQLite as an overflow.
"""

from __future__ import annotations

import re

from django.core.exceptions import BadRequest

from core.http import MAX_ID

# C0 controls and DEL; a form may keep tab, line feed and carriage return.
_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
_IN_PARAMS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _out_of_range(value: str) -> bool:
    digits = value.strip().lstrip("+-")
    return digits.isascii() and digits.isdigit() and (len(digits) > 19 or int(digits) > MAX_ID)


def _refused(value: str) -> bool:
    return bool(_IN_PARAMS.search(value)) or _out_of_range(value)


def is_malformed(request) -> bool:
    """True when the path or a parameter carries a control character or a number too large."""
    if _IN_PATH.search(request.path_info) or _IN_PATH.search(request.path):
        return True
    params = [request.GET]
    if request.method == "POST":
        params.append(request.POST)
    for query in params:
        for name, values in query.lists():
            if _IN_PARAMS.search(name) or any(_refused(v) for v in values):
                return True
    return False


class MalformedInputMiddleware:
    """Answer 400 (templates/400.html) to a malformed request (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_malformed(request):
            raise BadRequest("Control characters or an out-of-range number in the request.")
        return self.get_response(request)
