"""A finished year's frozen figures (``monitoring.YearFigures``, JSON) forget an anonymized
person too: on SQLite Django stores JSON with ASCII escapes (``\\u0417…``), so a search for a
Cyrillic name must still find it there."""

import pytest
from django.db import connection

from mentoring.anonymization import staff_anonymize
from monitoring import years
from monitoring.models import YearFigures
from roadmap.selectors import current_cycle
from tests.factories import OrganizationFactory, Role, member

pytestmark = pytest.mark.django_db

SURNAME, NAME = "Златовратская", "Евпраксия"


def test_an_anonymized_curator_is_nowhere_in_a_frozen_year():
    org = OrganizationFactory()
    curator = member(org, Role.CURATOR)
    curator.last_name, curator.first_name = SURNAME, NAME
    curator.save(update_fields=["last_name", "first_name"])
    staff = curator.staff_records.get()
    staff.last_name, staff.first_name = SURNAME, NAME
    staff.save(update_fields=["last_name", "first_name"])
    frozen = years.freeze(org, current_cycle(org))
    assert SURNAME in str(frozen.figures)  # the year names her before

    staff_anonymize(staff=staff)

    for row in YearFigures.objects.all():
        assert SURNAME not in str(row.figures) and NAME not in str(row.figures)
    with connection.cursor() as cursor:
        cursor.execute("SELECT figures FROM monitoring_yearfigures")
        stored = " ".join(str(r[0]) for r in cursor.fetchall())
    escaped = SURNAME.encode("ascii", "backslashreplace").decode()
    for needle in (SURNAME, NAME, escaped, escaped.lower()):
        assert needle not in stored
