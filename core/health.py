"""``/health/`` for a load balancer: database, cache, storage, and the broker when configured."""

from django.conf import settings
from health_check.views import HealthCheckView

from core.access import public

CHECKS = [
    "health_check.checks.Database",
    "health_check.checks.Cache",
    "health_check.checks.Storage",
]


def checks() -> list:
    """The checks for this deployment: Redis and a Celery worker only when a broker is set."""
    found = list(CHECKS)
    if settings.CELERY_BROKER_URL and not settings.CELERY_TASK_ALWAYS_EAGER:
        from redis.asyncio import Redis

        url = settings.CELERY_BROKER_URL
        found.append(
            ("health_check.contrib.redis.Redis", {"client_factory": lambda: Redis.from_url(url)})
        )
        found.append("health_check.contrib.celery.Ping")
    return found


def health_view():
    """The view for the URL conf: HTML, plain text or JSON by Accept; 500 when a check fails."""
    return public(HealthCheckView.as_view(checks=checks()))
