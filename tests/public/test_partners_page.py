"""«Партнёры и совместные мероприятия» in the public section: shown, and fresh after a write."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.roadmap.cooperation_factories import joint_event, partner


def _page(client, org) -> str:
    return client.get(reverse("public:partners", args=[org.slug])).content.decode()


@pytest.mark.django_db
def test_the_page_lists_active_partners_and_past_and_upcoming_events(org, client):
    ours = partner(org, phone="+7 900 000-00-00", contact_person="Петрова Анна Ивановна")
    partner(org, name="Закрытый партнёр", inn="", ogrn="", is_active=False)
    joint_event(org, of=ours, title="Прошедший семинар", held_on=dt.date.today() - dt.timedelta(1))
    joint_event(org, of=ours, title="Будущий вебинар", format="online")
    joint_event(org, of=ours, title="Внутреннее совещание", is_public=False)
    text = _page(client, org)
    partners = text.split('data-testid="public-partners"')[1].split("</section>")[0]
    upcoming = text.split('data-testid="public-upcoming-events"')[1].split("</section>")[0]
    past = text.split('data-testid="public-past-events"')[1].split("</section>")[0]
    assert "Институт развития образования" in partners and "Закрытый партнёр" not in partners
    assert "Будущий вебинар" in upcoming and "дистанционно" in upcoming
    assert "Прошедший семинар" in past
    assert "Внутреннее совещание" not in text
    # The register's contacts are a person's data: the site shows organizations only.
    assert "Петрова" not in text and "+7 900" not in text
    assert f'href="/public/{org.slug}/partners/"' in _page(client, org)


@pytest.mark.django_db(transaction=True)
def test_the_cached_page_shows_an_event_added_by_the_curator(
    org, users, client, client_for, django_assert_num_queries
):
    ours = partner(org)
    assert "Предстоящих мероприятий пока нет." in _page(client, org)
    with django_assert_num_queries(0):  # kept in the cache now
        _page(client, org)
    response = client_for("curator").post(
        reverse("roadmap:joint-event-create"),
        {
            "partner": ours.pk,
            "held_on": (dt.date.today() + dt.timedelta(days=3)).isoformat(),
            "title": "Открытый показ для партнёров",
            "format": "in_person",
            "participants": "наставники",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    assert "Открытый показ для партнёров" in _page(client, org)
