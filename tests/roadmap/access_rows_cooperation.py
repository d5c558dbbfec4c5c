"""Access-matrix rows of network cooperation: agreements with partners and joint events."""

import datetime as dt

from django.urls import reverse

from roadmap.models import CooperationStatus
from tests.access_table import (
    AD,
    CO,
    ME,
    MR,
    OUT,
    A,
    C,
    D,
    Row,
    gone,
    managers_only,
    refused_with,
    this,
    url,
)

KEEPERS = {A: "login", D: 200, C: 200, AD: 200, CO: 403, MR: 403, ME: 403}
KEEPERS_POST = {A: "login", D: 302, C: 302, AD: 302, CO: 403, MR: 403, ME: 403, OUT: 404}


def _agreement(request, status):
    from tests.roadmap.cooperation_factories import agreement

    users = request.getfixturevalue("users")
    return agreement(request.getfixturevalue("org"), users["curator"], status=status)


def _agreement_url(name, status=CooperationStatus.SIGNED):
    return lambda request: reverse(name, args=[_agreement(request, status).pk])


def _event_url(name):
    def build(request):
        from tests.roadmap.cooperation_factories import joint_event

        return reverse(name, args=[joint_event(request.getfixturevalue("org")).pk])

    return build


def _scan(request):
    from tests.roadmap.cooperation_factories import scan_file

    return {"signed_on": dt.date.today().isoformat(), "scan": scan_file()}


ROWS: dict[str, Row] = {
    "roadmap:cooperation-list": Row(url("roadmap:cooperation-list"), managers_only(outsider=200)),
    # The curator drafts, the director may too.
    "roadmap:cooperation-create": Row(
        url("roadmap:cooperation-create"), {**KEEPERS, AD: 403, OUT: 200}
    ),
    "roadmap:cooperation-detail": Row(
        _agreement_url("roadmap:cooperation-detail"), managers_only()
    ),
    # Only the director signs; posted without a password she is told so, the draft stays.
    "roadmap:cooperation-sign": Row(
        _agreement_url("roadmap:cooperation-sign", CooperationStatus.DRAFT),
        {A: "login", D: 302, C: 403, AD: 403, CO: 403, MR: 403, ME: 403, OUT: 403},
        method="post",
        check=refused_with(
            "Пароль введён неверно",
            "roadmap.CooperationAgreement",
            "status",
            CooperationStatus.DRAFT,
        ),
    ),
    # The partner's paper copy: its scan makes the agreement signed by the parties.
    "roadmap:cooperation-partner-signed": Row(
        _agreement_url("roadmap:cooperation-partner-signed", CooperationStatus.SIGNED_BY_US),
        KEEPERS_POST,
        method="post",
        data=_scan,
        check=this("roadmap.CooperationAgreement", "status", CooperationStatus.SIGNED),
    ),
    "roadmap:cooperation-scan": Row(_agreement_url("roadmap:cooperation-scan"), managers_only()),
    "roadmap:cooperation-pdf": Row(_agreement_url("roadmap:cooperation-pdf"), managers_only()),
    "roadmap:joint-event-list": Row(url("roadmap:joint-event-list"), managers_only(outsider=200)),
    "roadmap:joint-event-create": Row(url("roadmap:joint-event-create"), {**KEEPERS, OUT: 200}),
    "roadmap:joint-event-edit": Row(_event_url("roadmap:joint-event-edit"), {**KEEPERS, OUT: 404}),
    "roadmap:joint-event-delete": Row(
        _event_url("roadmap:joint-event-delete"),
        KEEPERS_POST,
        method="post",
        check=gone("roadmap.JointEvent"),
    ),
}
