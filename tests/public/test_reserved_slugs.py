"""The public section's own addresses under /public/ cannot become a kindergarten's address."""

import pytest
from django.core.exceptions import ValidationError

from core.models import Organization


@pytest.mark.parametrize("slug", ["mo", "manage"])
def test_an_organization_cannot_take_an_address_of_the_sections_own_pages(db, slug):
    with pytest.raises(ValidationError) as raised:
        Organization(full_name="Детский сад", short_name="Детский сад", slug=slug).full_clean()
    assert raised.value.error_dict["slug"][0].code == "slug_reserved"


def test_the_coordinators_form_refuses_a_reserved_address(db):
    from region.forms import OrganizationCreateForm

    form = OrganizationCreateForm(
        {
            "full_name": "Детский сад",
            "short_name": "Детский сад",
            "slug": "mo",
            "city": "г. Иваново",
            "director_last_name": "Соколова",
            "director_first_name": "Ирина",
            "director_email": "s@ds.example",
        }
    )
    assert not form.is_valid()
    assert form.errors["slug"] == [
        "Адрес «mo» занят страницей сайта. Укажите другой, например с номером ДОУ."
    ]
