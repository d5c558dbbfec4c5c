"""Order buttons of the banks and the effects of signing their orders."""

import pytest
from django.urls import reverse

from mentoring.models import ConsentKind, MentorStatus, PairStatus
from roadmap import services
from roadmap.models import OrderKind
from roadmap.roadmap_progress import PROGRESS
from roadmap.selectors import current_cycle
from tests.factories import PASSWORD
from tests.mentoring import factories as f
from tests.roadmap import factories as roadmap_factories

pytestmark = pytest.mark.django_db


def test_a_pairs_order_is_blocked_with_the_list_of_missing_consents(client_for, org):
    mentor = f.mentor(org, last_name="Петрова")
    mentee = f.mentee(org, last_name="Соколова")
    f.pair(org, [mentor.staff], [mentee.staff], status=PairStatus.AGREED)
    response = client_for("curator").post(reverse("roadmap:pairs-order-draft"), follow=True)
    text = response.content.decode()
    assert "Приказ подготовить нельзя, не хватает согласий." in text
    assert "Соколова" in text


def test_the_mentors_order_leaves_out_mentors_without_the_duties_consent(client_for, org):
    f.mentor(org, last_name="Без согласия", status=MentorStatus.SELECTED)
    response = client_for("curator").post(reverse("roadmap:mentors-order-draft"), follow=True)
    text = response.content.decode()
    assert "нет согласия на выполнение обязанностей наставника" in text
    assert "Некого назначать" in text


def _ready_pair(org):
    mentor = f.mentor(org)
    mentee = f.mentee(org)
    pair = f.pair(org, [mentor.staff], [mentee.staff], status=PairStatus.AGREED)
    f.consent(mentor.staff, ConsentKind.MENTOR_DUTIES)
    f.consent(mentee.staff)
    for person in (mentor.staff, mentee.staff):
        f.consent(person, ConsentKind.PAIR_DUTIES, pair=pair)
    return pair


def test_signing_the_fix_pairs_order_fixes_the_pair(org, users):

    roadmap_factories.local_acts_in_force(
        org, users["curator"], users["director"], users["curator"]
    )
    pair = _ready_pair(org)
    order = services.order_draft(
        organization=org, kind=OrderKind.FIX_PAIRS, author=users["curator"], subjects=[pair]
    )
    services.order_send(order=order, actor=users["curator"])
    services.order_sign(order=order, signer=users["director"], password=PASSWORD, ip=None)
    pair.refresh_from_db()
    assert pair.status == PairStatus.FIXED


def test_the_fix_pairs_order_cannot_be_sent_without_consents(org, users):

    mentor, mentee = f.mentor(org), f.mentee(org)
    pair = f.pair(org, [mentor.staff], [mentee.staff], status=PairStatus.AGREED)
    order = services.order_draft(
        organization=org, kind=OrderKind.FIX_PAIRS, author=users["curator"], subjects=[pair]
    )
    with pytest.raises(Exception, match="Нет согласия"):
        services.order_send(order=order, actor=users["curator"])


def test_roadmap_progress_counts_requests_consents_and_fixed_pairs(org):
    progress = PROGRESS
    cycle = current_cycle(org)

    _ready_pair(org)
    two = progress[2](org, cycle)
    assert two[0].done and two[1].done
    five = progress[5](org, cycle)
    assert five[0].done and not five[1].done
