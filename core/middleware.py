"""Resolve the organization scope once per request and refuse views that skip the access layer."""

import logging

from django.core.exceptions import PermissionDenied

from core import cache
from core.access import is_checked, resolve_scope

logger = logging.getLogger(__name__)

# Django's admin has its own staff checks; everything else must use core.access.
EXEMPT_NAMESPACES = frozenset({"admin"})


class OrganizationScopeMiddleware:
    """Set ``request.scope``, ``request.organization`` and ``request.roles``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        scope = resolve_scope(request)
        request.scope = scope
        request.organization = scope.organization
        request.roles = scope.roles
        with cache.scoped_to(None):  # until the view is known, a write may touch anything
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and EXEMPT_NAMESPACES.intersection(match.namespaces):
            return None
        if not is_checked(view_func):
            logger.error("View %s is not wrapped by core.access", match and match.view_name)
            raise PermissionDenied("View is not wrapped by the access layer.")
        if hasattr(view_func, "access_roles") and request.organization is not None:
            # A view of one organization writes only that organization's rows.
            cache.enter_scope(request.organization.pk)
        return None
