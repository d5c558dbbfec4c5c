"""The one place monitoring asks whether a person withdrew consent to personal-data processing.

Delegates to the banks app's filter (``StaffMember.personal_data_withdrawn_at``), which every
app uses, so a withdrawal takes the person out of reminders and name lists at once.
"""

from django.db.models import QuerySet

from mentoring.consents import without_withdrawn as _without_withdrawn


def without_withdrawn(queryset: QuerySet, *, staff_path: str) -> QuerySet:
    """Drop rows whose person (at ``staff_path``; "" for StaffMember) withdrew the consent."""
    return _without_withdrawn(queryset, staff_path)
