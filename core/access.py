"""The one access layer: organization scope, roles and object rules for every view.

Every view is wrapped in exactly one of two decorators:

* ``@access(*roles)`` — a logged-in member of the current organization holding one of
  ``roles`` (any role when none are named). Not a member: 404; wrong role: 403.
* ``@public`` — open to anyone, login not required (verification page, public section).

``AccessEnforcementMiddleware`` refuses any view that carries neither mark, so a new view
cannot forget the check. Objects are loaded with ``get_object_in_org`` (404 across
organizations), and object rules are named predicates in ``mentoring/rules.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, wraps

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect

from core.models import Organization, Role, RoleAssignment

logger = logging.getLogger(__name__)

SESSION_KEY = "organization_id"
# Roles that see every record of their organization (banks, programs, orders).
MANAGING_ROLES = frozenset({Role.DIRECTOR, Role.CURATOR, Role.COUNCIL, Role.ADMIN})
ALL_ROLES = frozenset(Role.values)


@dataclass(frozen=True)
class Scope:
    """Who the user is in the organization they are working in now."""

    organization: Organization | None = None
    roles: frozenset[str] = frozenset()
    memberships: dict[int, frozenset[str]] = field(default_factory=dict)
    organizations: tuple[Organization, ...] = ()

    def has_any(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_managing(self) -> bool:
        return bool(self.roles & MANAGING_ROLES)


def _with_curator_flag(assignments: QuerySet) -> QuerySet:
    """Mark each assignment with whether its organization has a curator (same query)."""
    curators = RoleAssignment.objects.filter(
        organization=OuterRef("organization"), role=Role.CURATOR
    )
    return assignments.annotate(organization_has_curator=Exists(curators))


def effective_roles(roles: set[str], *, has_curator: bool) -> frozenset[str]:
    """The roles a person acts in: until a curator is named, the director is also the curator.

    A new kindergarten has only its director; she names the curator on the roles page, and
    meanwhile she can do everything the curator can (load the staff list, invite people…).
    """
    if Role.DIRECTOR in roles and not has_curator:
        return frozenset({*roles, Role.CURATOR})
    return frozenset(roles)


def _memberships(assignments) -> dict[int, frozenset[str]]:
    held: dict[int, set[str]] = {}
    with_curator: set[int] = set()
    for assignment in assignments:
        held.setdefault(assignment.organization_id, set()).add(assignment.role)
        if assignment.organization_has_curator:
            with_curator.add(assignment.organization_id)
    return {
        org_id: effective_roles(roles, has_curator=org_id in with_curator)
        for org_id, roles in held.items()
    }


def resolve_scope(request: HttpRequest) -> Scope:
    """Load the user's roles in one query and pick the active organization."""
    user = request.user
    if not user.is_authenticated:
        return Scope()
    assignments = list(
        _with_curator_flag(
            RoleAssignment.objects.filter(user=user, organization__is_active=True)
            .select_related("organization")
            .order_by("organization__short_name", "organization_id")
        )
    )
    organizations: dict[int, Organization] = {
        assignment.organization_id: assignment.organization for assignment in assignments
    }
    frozen = _memberships(assignments)
    _remember_roles(user, frozen)
    if not organizations:
        return Scope(memberships=frozen)
    active_id = request.session.get(SESSION_KEY)
    if active_id not in organizations:
        active_id = next(iter(organizations))
    return Scope(
        organization=organizations[active_id],
        roles=frozen[active_id],
        memberships=frozen,
        organizations=tuple(organizations.values()),
    )


def _remember_roles(user, memberships: dict[int, frozenset[str]]) -> None:
    user._roles_by_organization = memberships


def roles_in(user, organization_id: int | None) -> frozenset[str]:
    """Roles the user holds in one organization, cached on the user for the request."""
    if user is None or not user.is_authenticated or organization_id is None:
        return frozenset()
    cache = getattr(user, "_roles_by_organization", None)
    if cache is None:
        cache = _memberships(
            _with_curator_flag(RoleAssignment.objects.filter(user=user)).only(
                "organization_id", "role"
            )
        )
        _remember_roles(user, cache)
    return cache.get(organization_id, frozenset())


def has_role(user, organization_id: int | None, *roles: str) -> bool:
    """True when the user holds one of ``roles`` in that organization."""
    return bool(roles_in(user, organization_id).intersection(roles))


def access(*roles: str, organization_required: bool = True) -> Callable:
    """Let in members of the current organization holding one of ``roles`` (any, if none)."""
    allowed = frozenset(roles) if roles else ALL_ROLES
    unknown = allowed - ALL_ROLES
    if unknown:
        raise ValueError(f"Unknown roles: {sorted(unknown)}")

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if must_change_password(request):
                return redirect("password_change")
            if request.organization is None:
                if organization_required:
                    raise Http404("Not a member of any organization.")
                return view(request, *args, **kwargs)
            if not request.roles & allowed:
                raise PermissionDenied("Role not allowed.")
            return view(request, *args, **kwargs)

        wrapped.access_roles = allowed
        return wrapped

    return decorator


def view_at(path: str) -> Callable | None:
    """The view that answers ``path`` (no query string), None when none does.

    Kept per URL configuration (a new one is a new resolver): a page that offers thirty links
    to a dozen views resolves each once per process, not each link on every request.
    """
    from django.urls import get_resolver, get_urlconf

    return _view_at(get_resolver(get_urlconf()), path)


@lru_cache(maxsize=1024)
def _view_at(resolver, path: str) -> Callable | None:
    from django.urls import Resolver404

    try:
        return resolver.resolve(path).func
    except Resolver404:
        return None


def opens(url: str, roles: frozenset[str]) -> bool:
    """True when a member holding ``roles`` gets through the access layer of the page at ``url``
    (a link offered to her must not answer 403)."""
    view = view_at(url.split("?")[0])
    if view is None:
        return False
    allowed = getattr(view, "access_roles", None)
    return allowed is None or bool(roles & allowed)


# The pages a person with a temporary password may still open.
PASSWORD_CHANGE_URLS = frozenset({"password_change", "password_change_done"})


def must_change_password(request: HttpRequest) -> bool:
    """True when the user logged in with a temporary password and is elsewhere than its change."""
    match = request.resolver_match
    return getattr(request.user, "must_change_password", False) and not (
        match is not None and match.url_name in PASSWORD_CHANGE_URLS
    )


def public(view: Callable) -> Callable:
    """Open a view to everyone; the only way to opt out of login and role checks."""
    view = login_not_required(view)
    view.access_public = True
    return view


def is_checked(view: Callable) -> bool:
    """True when the view went through ``access`` or ``public``, or a layer above marked it
    ``access_region`` (the municipal coordinator's check in the region app)."""
    return (
        hasattr(view, "access_roles")
        or getattr(view, "access_public", False)
        or getattr(view, "access_region", False)
    )


def scoped(request: HttpRequest, queryset: QuerySet | type[Model]) -> QuerySet:
    """Restrict a queryset to the request's organization (by the model's ``ORGANIZATION_PATH``)."""
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    if request.organization is None:
        return queryset.none()
    path = getattr(queryset.model, "ORGANIZATION_PATH", "organization")
    return queryset.filter(**{path: request.organization})


def get_object_in_org(
    request: HttpRequest,
    queryset: QuerySet | type[Model],
    *,
    rule: Callable | None = None,
    **lookup,
):
    """Fetch an object of the request's organization or answer 404, also when ``rule`` fails."""
    try:
        obj = get_object_or_404(scoped(request, queryset), **lookup)
    except (ValueError, TypeError, ValidationError) as error:
        # A malformed id from a query string or form (issue 13): not found, not a 500.
        raise Http404("Malformed lookup.") from error
    if rule is not None and not rule(request.user, obj):
        raise Http404("Not visible to this user.")
    return obj


def require(rule: Callable, user, obj) -> None:
    """Raise 403 when a named rule refuses the user this object."""
    if not rule(user, obj):
        raise PermissionDenied(getattr(rule, "name", "rule"))


def roles_label(roles: Iterable[str]) -> str:
    """The roles as a Russian comma-separated list, in the order of Role."""
    labels = dict(Role.choices)
    return ", ".join(str(labels[r]) for r in Role.values if r in set(roles))
