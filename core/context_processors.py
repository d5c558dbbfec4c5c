"""Template context shared by every page: the scope and the navigation."""

from core.navigation import navigation_for


def scope(request):
    scope = getattr(request, "scope", None)
    if scope is None:
        return {}
    return {
        "scope": scope,
        "current_organization": scope.organization,
        "nav_items": navigation_for(request),
    }
