"""Access-matrix rows for the pages of the mentoring app: staff, banks, consents, pairs."""

import datetime as dt

from django.urls import reverse

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
    everyone,
    latest,
    managers_only,
    stored_nothing,
    this,
    url,
    was_allowed,
)


def _own_staff(persona, name="mentoring:staff-detail"):
    def build(request):
        users = request.getfixturevalue("users")
        return reverse(name, args=[users[persona].staff_records.get().pk])

    return build


ROWS: dict[str, Row] = {
    "mentoring:staff-list": Row(url("mentoring:staff-list"), managers_only(outsider=200)),
    # The mentee's own card: managers of the organization and the mentee see it.
    "mentoring:staff-detail": Row(_own_staff("mentee"), {**managers_only(), MR: 404, ME: 200}),
    # The curator or the director marks the mentee as having left; her card keeps the date.
    "mentoring:staff-leave": Row(
        _own_staff("mentee", "mentoring:staff-leave"),
        {A: "login", D: 302, C: 302, MR: 403, ME: 403, CO: 403, AD: 403, OUT: 404},
        method="post",
        data={"left_on": dt.date.today().isoformat(), "reason": "own_wish"},
        check=this("mentoring.StaffMember", "left_on", lambda value: value is not None),
    ),
}


def _given_a_slip(persona_named):
    """An allowed slip gives the person a temporary password she must change; else nothing."""

    def check(request, persona, response):
        user = request.getfixturevalue("users")[persona_named]
        user.refresh_from_db()
        assert user.must_change_password == was_allowed(response), f"as {persona}"

    return check


def _with_email(persona_named, name):
    """The person's staff card with an e-mail address, so that an invitation can go."""

    def build(request):
        staff = request.getfixturevalue("users")[persona_named].staff_records.get()
        staff.email = f"{persona_named}@ds20.example.ru"
        staff.save(update_fields=["email"])
        return reverse(name, args=[staff.pk])

    return build


def _invited(persona_named):
    """An allowed invitation is sent to her address after the commit and the page says so."""

    def check(request, persona, response):
        from django.contrib.messages import get_messages

        shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
        email = f"{persona_named}@ds20.example.ru"
        assert (email in shown) == was_allowed(response), f"as {persona}: {shown!r}"

    return check


# --- banks, consents, pairs ------------------------------------------------------------------
A, D, C, MR, ME, CO, AD, OUT = (
    "anonymous",
    "director",
    "curator",
    "mentor",
    "mentee",
    "council",
    "admin",
    "outsider",
)


def _bank(request) -> dict:
    """A small bank in the personas' organization: the mentor and mentee personas in a pair."""
    from mentoring.models import (
        ChangeRequest,
        ChangeRequestKind,
        MentorStatus,
        PairStatus,
        TrainingSession,
    )
    from tests.mentoring import factories as f

    cache = getattr(request.node, "_bank", None)
    if cache:
        return cache
    users = request.getfixturevalue("users")
    org = request.getfixturevalue("org")
    mentee_staff = users["mentee"].staff_records.get()
    mentor_staff = users["mentor"].staff_records.get()
    mentee = f.mentee(org, person=mentee_staff)
    mentor = f.mentor(org, person=mentor_staff, status=MentorStatus.SELECTED, capacity=3)
    consent = f.consent(mentee_staff, by=users["curator"])
    pair = f.pair(org, [mentor_staff], [mentee_staff], status=PairStatus.PROPOSED)
    session = TrainingSession.objects.create(organization=org, title="Сессия", held_on="2026-10-01")
    session.attendees.add(mentor)  # so «обучен» is a move the table and the rule allow
    change = ChangeRequest.objects.create(
        organization=org,
        kind=ChangeRequestKind.CHANGE_MENTOR,
        author=mentee_staff,
        pair=pair,
        reason="Не совпали графики",
    )
    cache = dict(
        mentee=mentee, mentor=mentor, consent=consent, pair=pair, session=session, change=change
    )
    request.node._bank = cache
    return cache


def _to(name, key, attr="pk"):
    return lambda request: reverse(name, args=[getattr(_bank(request)[key], attr)])


def only(allowed: dict, *, others=403, outsider=404) -> dict:
    result = {p: others for p in (D, C, MR, ME, CO, AD)}
    result.update({A: "login", OUT: outsider})
    result.update(allowed)
    return result


def _consent_print(request):
    return reverse(
        "mentoring:consent-print", args=[_bank(request)["mentee"].staff_id, "personal_data"]
    )


ROWS.update(
    {
        "mentoring:staff-create": Row(
            url("mentoring:staff-create"), only({C: 200, AD: 200}, outsider=200)
        ),
        "mentoring:staff-edit": Row(
            _own_staff("mentee", "mentoring:staff-edit"), only({C: 200, AD: 200})
        ),
        "mentoring:staff-import": Row(
            url("mentoring:staff-import"), only({C: 200, AD: 200}, outsider=200)
        ),
        # Without an uploaded file both send the curator back to the upload page.
        "mentoring:staff-import-errors": Row(
            url("mentoring:staff-import-errors"), only({C: 302, AD: 302}, outsider=302)
        ),
        "mentoring:staff-import-template": Row(
            url("mentoring:staff-import-template"), only({C: 200, AD: 200}, outsider=200)
        ),
        "mentoring:staff-logins": Row(
            url("mentoring:staff-logins"), only({C: 200, AD: 200}, outsider=200)
        ),
        # Everyone in the personas' organization has a login already: nothing to do, back.
        "mentoring:staff-logins-invite-all": Row(
            url("mentoring:staff-logins-invite-all"),
            only({C: 302, AD: 302}, outsider=302),
            method="post",
            check=stored_nothing("core.OutgoingEmail", "Отправлено приглашений: 0."),
        ),
        "mentoring:staff-logins-slips-all": Row(
            url("mentoring:staff-logins-slips-all"),
            only({C: 302, AD: 302}, outsider=302),
            method="post",
            check=stored_nothing(
                "core.User",
                "У всех сотрудников без e-mail уже есть учётная запись.",
                must_change_password=True,
            ),
        ),
        "mentoring:staff-login-invite": Row(
            _with_email("mentee", "mentoring:staff-login-invite"),
            only({C: 302, AD: 302}),
            method="post",
            check=_invited("mentee"),
        ),
        "mentoring:staff-login-slip": Row(
            _own_staff("mentee", "mentoring:staff-login-slip"),
            only({C: 200, AD: 200}),
            method="post",
            check=_given_a_slip("mentee"),
        ),
        # A public page: a wrong link shows the same «устарела» message to everyone.
        "mentoring:invite-accept": Row(
            url("mentoring:invite-accept", "MQ", "bad-token"), everyone(200, anonymous=200)
        ),
        "mentoring:staff-import-confirm": Row(
            url("mentoring:staff-import-confirm"),
            only({C: 302, AD: 302}, outsider=302),
            method="post",
            # Nothing was uploaded: the allowed are sent back to the upload page, nobody added.
            check=stored_nothing("mentoring.StaffMember", user=None),
        ),
        "mentoring:staff-consents": Row(
            _to("mentoring:staff-consents", "mentee", "staff_id"),
            {**managers_only(), MR: 404, ME: 200},
        ),
        "mentoring:consent-give": Row(
            _to("mentoring:consent-give", "mentee", "staff_id"),
            only({C: 302, AD: 302, ME: 302}, others=404),
            method="post",
            data={"kind": "mentor_duties"},
            check=latest("mentoring.Consent", "kind", "mentor_duties"),
        ),
        "mentoring:consent-print": Row(_consent_print, {**managers_only(), MR: 404, ME: 200}),
        "mentoring:consent-withdraw": Row(
            _to("mentoring:consent-withdraw", "consent"),
            only({C: 302, AD: 302, ME: 302}, others=404),
            method="post",
            check=latest("mentoring.Consent", "withdrawn_at", lambda at: at is not None),
        ),
        "mentoring:mentee-list": Row(url("mentoring:mentee-list"), managers_only(outsider=200)),
        "mentoring:mentee-edit": Row(
            _to("mentoring:mentee-edit", "mentee", "staff_id"), only({C: 200})
        ),
        "mentoring:mentee-match": Row(_to("mentoring:mentee-match", "mentee"), managers_only()),
        "mentoring:mentee-without-pair": Row(
            _to("mentoring:mentee-without-pair", "mentee"),
            only({C: 302}),
            method="post",
            check=latest("mentoring.MenteeProfile", "status", "without_pair"),
        ),
        "mentoring:my-mentee-profile": Row(url("mentoring:my-mentee-profile"), everyone()),
        "mentoring:my-mentor-profile": Row(url("mentoring:my-mentor-profile"), everyone()),
        "mentoring:mentor-list": Row(url("mentoring:mentor-list"), managers_only(outsider=200)),
        "mentoring:mentor-edit": Row(
            _to("mentoring:mentor-edit", "mentor", "staff_id"), only({C: 200})
        ),
        "mentoring:mentor-status": Row(
            _to("mentoring:mentor-status", "mentor"),
            only({C: 302}),
            method="post",
            data={"status": "trained"},
            check=latest("mentoring.MentorProfile", "status", "trained"),
        ),
        "mentoring:training-list": Row(url("mentoring:training-list"), managers_only(outsider=200)),
        "mentoring:training-detail": Row(
            _to("mentoring:training-detail", "session"), managers_only()
        ),
        "mentoring:matching-proposal": Row(
            url("mentoring:matching-proposal"), managers_only(outsider=200)
        ),
        "mentoring:pair-list": Row(url("mentoring:pair-list"), managers_only(outsider=200)),
        "mentoring:pair-create": Row(url("mentoring:pair-create"), only({C: 200}, outsider=200)),
        "mentoring:pair-detail": Row(
            _to("mentoring:pair-detail", "pair"), {**managers_only(), MR: 200, ME: 200}
        ),
        "mentoring:pair-transition": Row(
            _to("mentoring:pair-transition", "pair"),
            only({C: 302}),
            method="post",
            data={"status": "agreed"},
            check=latest("mentoring.Pair", "status", "agreed"),
        ),
        "mentoring:change-request-list": Row(
            url("mentoring:change-request-list"), managers_only(outsider=200)
        ),
        "mentoring:change-request-create": Row(
            # The bank is built so the mentor persona is a mentor of it.
            lambda request: _bank(request) and reverse("mentoring:change-request-create"),
            everyone(302),
            method="post",
            data={"kind": "release_mentor", "reason": "Переезд"},
            # Only a mentor of the bank files it; the others are told so and nothing is stored.
            check=latest(
                "mentoring.ChangeRequest",
                "kind",
                "release_mentor",
                allowed_for={MR},
            ),
        ),
        "mentoring:change-request-decide": Row(
            _to("mentoring:change-request-decide", "change"),
            only({C: 302, D: 302}),
            method="post",
            data={"approve": "1"},
            check=latest("mentoring.ChangeRequest", "status", "approved"),
        ),
    }
)

# Notifications and /health/ are kept in their own file.


# --- roles and accounts (issue 22) -----------------------------------------------------------
def _person(persona, name="mentoring:person"):
    def build(request):
        return reverse(name, args=[request.getfixturevalue("users")[persona].pk])

    return build


def _card_without_account(request):
    from tests.factories import StaffMemberFactory

    org = request.getfixturevalue("org")
    card = StaffMemberFactory(organization=org, last_name="Новикова")
    return reverse("mentoring:staff-account-link", args=[card.pk])


def _curator_assignment(request):
    from core.models import RoleAssignment

    curator = request.getfixturevalue("users")["curator"]
    assignment = RoleAssignment.objects.get(user=curator, role="curator")
    return reverse("mentoring:role-take-away", args=[assignment.pk])


def _named_mentee_curator(request, persona, response):
    from core.models import RoleAssignment

    users = request.getfixturevalue("users")
    named = RoleAssignment.objects.filter(user=users["mentee"], role="curator").exists()
    assert named == was_allowed(response), f"mentee named curator={named} as {persona}"


def _curator_taken_away(request, persona, response):
    from core.models import RoleAssignment

    users = request.getfixturevalue("users")
    kept = RoleAssignment.objects.filter(user=users["curator"], role="curator").exists()
    assert kept != was_allowed(response), f"curator kept={kept} after the request as {persona}"


def _name_mentee_curator(request) -> dict:
    """POST data naming the mentee persona curator (her card's pk is known only at run time)."""
    users = request.getfixturevalue("users")
    return {"role": "curator", "staff": users["mentee"].staff_records.get().pk, "login": "invite"}


RUNNERS = {D: 200, AD: 200}
ROWS.update(
    {
        "mentoring:roles": Row(url("mentoring:roles"), only(RUNNERS, outsider=403)),
        "mentoring:person": Row(_person("mentee"), only({D: 200, C: 200, AD: 200})),
        "mentoring:person-merge": Row(
            _person("mentee", "mentoring:person-merge"), only(RUNNERS, outsider=403)
        ),
        "mentoring:staff-account-link": Row(_card_without_account, only(RUNNERS, outsider=403)),
        "mentoring:role-name": Row(
            url("mentoring:role-name"),
            only({D: 302, AD: 302}, outsider=403),
            method="post",
            data=_name_mentee_curator,
            check=_named_mentee_curator,
        ),
        "mentoring:role-take-away": Row(
            _curator_assignment,
            only({D: 302, AD: 302}, outsider=403),
            method="post",
            check=_curator_taken_away,
        ),
    }
)


# --- mentors from outside the staff (issue 23) -------------------------------------------------
def _external(request):
    from mentoring.models import ExternalKind, StaffMember

    org = request.getfixturevalue("org")
    found = StaffMember.objects.filter(organization=org, is_external=True).first()
    return found or StaffMember.objects.create(
        organization=org,
        is_external=True,
        position="",
        external_kind=ExternalKind.RETIRED,
        last_name="Белова",
        first_name="Галина",
        middle_name="Петровна",
    )


NEW_EXTERNAL = {
    "last_name": "Орлова",
    "first_name": "Нина",
    "middle_name": "Сергеевна",
    "external_kind": "parent",
    "total_experience_years": "0",
    "teaching_experience_years": "0",
    "qualification_category": "none",
}
ROWS.update(
    {
        # The curator adds her and is sent on to her questionnaire; a curator of another
        # kindergarten adds one to her own.
        "mentoring:external-new": Row(
            url("mentoring:external-new"),
            only({C: 302}, outsider=302),
            method="post",
            data=NEW_EXTERNAL,
            check=latest("mentoring.StaffMember", "is_external", True),
        ),
        "mentoring:external-edit": Row(
            lambda request: reverse("mentoring:external-edit", args=[_external(request).pk]),
            only({C: 302}),
            method="post",
            data={**NEW_EXTERNAL, "last_name": "Белова-Смирнова"},
            check=this("mentoring.StaffMember", "last_name", "Белова-Смирнова"),
        ),
    }
)


# The register of partner organizations (network cooperation) keeps its rows beside it.
from tests.mentoring.access_rows_partners import ROWS as PARTNER_ROWS  # noqa: E402

ROWS.update(PARTNER_ROWS)
