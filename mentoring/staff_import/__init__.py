"""Staff list import: readers, header detection, column mapping, value normalizers, row planning.

How values are read lives here only; the curator's page, ``manage.py import_staff`` and the
admin's import all call ``parse`` and ``staff_import_apply``.
"""

from mentoring.staff_import.headers import FIELDS, find_header, guess_field, propose_mapping
from mentoring.staff_import.planning import (
    ImportResult,
    ImportRow,
    Unmatched,
    import_settings,
    match_existing,
    parse,
)
from mentoring.staff_import.readers import MAX_BYTES, read_table
from mentoring.staff_import.saving import (
    ApplyReport,
    describe_mapping,
    errors_xlsx,
    remember_settings,
    staff_import_apply,
    template_xlsx,
)

__all__ = [
    "FIELDS",
    "MAX_BYTES",
    "ApplyReport",
    "ImportResult",
    "ImportRow",
    "Unmatched",
    "describe_mapping",
    "errors_xlsx",
    "find_header",
    "guess_field",
    "import_settings",
    "match_existing",
    "parse",
    "propose_mapping",
    "read_table",
    "remember_settings",
    "staff_import_apply",
    "template_xlsx",
]
