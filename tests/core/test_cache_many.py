"""Several cached parts of an organization looked up together (core.cache.org_cached_many)."""

import pytest

from core import cache
from core.cache import org_cached_many
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_parts_looked_up_together_are_the_parts_looked_up_alone():
    organization = OrganizationFactory()
    parts = [("t:programs", ("programs",)), ("t:people", ("people",)), ("t:all", cache.EVERYTHING)]
    built: list[list[int]] = []

    def build(missing):
        built.append(missing)
        return [f"{parts[i][0]}#{len(built)}" for i in missing]

    first = org_cached_many(organization.pk, parts, build)
    assert first == ["t:programs#1", "t:people#1", "t:all#1"]
    # The same keys as ``org_cached``: a part is found whichever way it is asked for.
    assert cache.org_cached(organization.pk, "t:people", lambda: "rebuilt", reads=("people",)) == (
        "t:people#1"
    )
    assert org_cached_many(organization.pk, parts, build) == first
    assert built == [[0, 1, 2]]

    cache.bump(organization.pk, ("programs",))
    assert org_cached_many(organization.pk, parts, build) == [
        "t:programs#2",
        "t:people#1",
        "t:all#2",
    ]
    assert built[-1] == [0, 2]

    cache.bump(None, ("people",))  # a write whose organization is not known: everyone's
    assert org_cached_many(organization.pk, parts, build)[1:] == ["t:people#3", "t:all#3"]
    assert built[-1] == [1, 2]
