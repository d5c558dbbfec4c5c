"""The access layer on its own: scope, roles, object loading and the enforcement middleware."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from core.access import (
    access,
    get_object_in_org,
    has_role,
    is_checked,
    public,
    resolve_scope,
    scoped,
)
from core.middleware import OrganizationScopeMiddleware
from core.models import Role, RoleAssignment
from mentoring.models import StaffMember
from mentoring.rules import can_view_staff_member
from tests.factories import OrganizationFactory, StaffMemberFactory, UserFactory, member


def _request(user, session=None):
    request = RequestFactory().get("/")
    request.user = user
    request.session = session or {}
    scope = resolve_scope(request)
    request.scope, request.organization, request.roles = scope, scope.organization, scope.roles
    return request


def test_scope_collects_several_roles_in_one_organization(org):
    user = member(org, Role.CURATOR, Role.MENTOR)
    scope = resolve_scope(_request(user))
    assert scope.organization == org
    assert scope.roles == {Role.CURATOR, Role.MENTOR}


def test_scope_uses_the_organization_chosen_in_the_session(org, other_org):
    user = member(org, Role.CURATOR)
    RoleAssignment.objects.create(user=user, organization=other_org, role=Role.MENTEE)
    scope = resolve_scope(_request(user, {"organization_id": other_org.pk}))
    assert scope.organization == other_org
    assert scope.roles == {Role.MENTEE}


def test_scope_ignores_a_session_organization_the_user_left(org, other_org):
    user = member(org, Role.CURATOR)
    scope = resolve_scope(_request(user, {"organization_id": other_org.pk}))
    assert scope.organization == org


def test_scope_skips_inactive_organizations(org):
    user = member(org, Role.CURATOR)
    org.is_active = False
    org.save()
    assert resolve_scope(_request(user)).organization is None


def test_scope_is_resolved_in_one_query(org, django_assert_num_queries):
    user = member(org, Role.CURATOR, Role.MENTOR, Role.COUNCIL)
    request = RequestFactory().get("/")
    request.user, request.session = user, {}
    with django_assert_num_queries(1):
        resolve_scope(request)


def _view(request):
    return HttpResponse("ok")


def test_access_lets_in_an_allowed_role(org):
    user = member(org, Role.CURATOR)
    assert access(Role.CURATOR)(_view)(_request(user)).status_code == 200


def test_access_refuses_another_role_with_403(org):
    user = member(org, Role.MENTEE)
    with pytest.raises(PermissionDenied):
        access(Role.CURATOR)(_view)(_request(user))


def test_access_answers_404_to_a_user_of_no_organization(db):
    with pytest.raises(Http404):
        access()(_view)(_request(UserFactory()))


def test_access_redirects_anonymous_to_login(db):
    from django.contrib.auth.models import AnonymousUser

    response = access()(_view)(_request(AnonymousUser()))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_access_rejects_unknown_role_names_at_import_time():
    with pytest.raises(ValueError):
        access("janitor")


def test_views_are_marked_checked_only_through_the_decorators():
    def plain(request):
        return HttpResponse()

    def opened(request):
        return HttpResponse()

    assert is_checked(access()(plain))
    assert is_checked(public(opened))
    assert not is_checked(plain)


def test_middleware_refuses_a_view_that_skipped_the_access_layer(org):
    middleware = OrganizationScopeMiddleware(lambda r: HttpResponse())
    request = _request(member(org, Role.CURATOR))
    request.resolver_match = None
    with pytest.raises(PermissionDenied):
        middleware.process_view(request, _view, (), {})
    assert middleware.process_view(request, access()(_view), (), {}) is None


def test_scoped_querysets_hide_other_organizations(org, other_org):
    mine = StaffMemberFactory(organization=org)
    StaffMemberFactory(organization=other_org)
    request = _request(member(org, Role.CURATOR))
    assert set(scoped(request, StaffMember)) == {mine, request.user.staff_records.get()}


def test_get_object_in_org_answers_404_across_organizations(org, other_org):
    theirs = StaffMemberFactory(organization=other_org)
    request = _request(member(org, Role.CURATOR))
    with pytest.raises(Http404):
        get_object_in_org(request, StaffMember, pk=theirs.pk)


def test_get_object_in_org_answers_404_when_the_rule_refuses(org):
    colleague = StaffMemberFactory(organization=org)
    request = _request(member(org, Role.MENTEE))
    with pytest.raises(Http404):
        get_object_in_org(request, StaffMember, pk=colleague.pk, rule=can_view_staff_member)


def test_staff_rule_lets_a_person_see_their_own_card_only(org):
    mentee = member(org, Role.MENTEE)
    own = mentee.staff_records.get()
    assert can_view_staff_member(mentee, own)
    assert not can_view_staff_member(mentee, StaffMemberFactory(organization=org))


def test_roles_are_per_organization(org, other_org):
    user = member(org, Role.CURATOR)
    assert has_role(user, org.pk, Role.CURATOR)
    assert not has_role(user, other_org.pk, Role.CURATOR)
    assert not can_view_staff_member(user, StaffMemberFactory(organization=other_org))


def test_other_organization_is_invisible_to_its_non_members(org):
    stranger_org = OrganizationFactory()
    stranger = member(stranger_org, Role.DIRECTOR)
    assert not can_view_staff_member(stranger, StaffMemberFactory(organization=org))
