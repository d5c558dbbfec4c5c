"""Health: a liveness answer for the load balancer and a detailed one for the administrator.

``/health/`` asks only what a web node needs to serve pages: the database. It is 200 while the
database answers and 503 when it does not; a dead Redis, worker or mail server never takes the
node out of the load balancer, since the site serves pages without them (the cache fails open,
letters and jobs wait in the database).

``/health/detail/`` says how each part is: the database, the cache, the broker, the worker,
beat's last sweep, the oldest letter and job still waiting. It is shown to a superuser or staff
member, and to requests from this machine (the administrator's ``curl`` on the server); anyone
else gets 404. It never names a host, a port or a database number.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging

from django.conf import settings
from django.db import connection
from django.db.models import Count, Min, Q
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.access import public
from core.models import BackgroundJob, EmailStatus, JobStatus, OutgoingEmail, ServiceBeat
from core.security import client_ip

logger = logging.getLogger(__name__)

OK, DEGRADED, DOWN, UNUSED = "ok", "degraded", "down", "not used"


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("Health: the database does not answer", exc_info=True)
        return False


@public
@never_cache
def liveness(request):
    """200 while the database answers, 503 when it does not; nothing else is asked."""
    if database_ok():
        return JsonResponse({"status": OK, "database": OK})
    return JsonResponse({"status": DOWN, "database": DOWN}, status=503)


def may_see_details(request) -> bool:
    """A superuser or staff member, or a request from this machine."""
    user = request.user
    if user.is_authenticated and (user.is_superuser or user.is_staff):
        return True
    address = client_ip(request) or ""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _redis_ok(url: str) -> bool:
    from redis import Redis

    try:
        client = Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


def _workers_answering() -> int:
    """How many Celery workers answer a ping within a second."""
    from celery import current_app

    try:
        return len(current_app.control.ping(timeout=1.0) or [])
    except Exception:
        return 0


def _age(moment: dt.datetime | None, now: dt.datetime) -> int | None:
    return None if moment is None else max(0, int((now - moment).total_seconds()))


def details() -> dict:
    """Every part's state (see the module docstring); no host, port or database number."""
    now = timezone.now()
    parts: dict[str, dict] = {}
    database = database_ok()
    parts["database"] = {"status": OK if database else DOWN}

    if settings.CACHE == "redis":
        parts["cache"] = {"status": OK if _redis_ok(settings.REDIS_URL) else DEGRADED}
    else:
        parts["cache"] = {"status": OK, "kind": settings.CACHE}
    eager = settings.CELERY_TASK_ALWAYS_EAGER
    if eager:
        parts["broker"] = parts["worker"] = {"status": UNUSED}
    else:
        broker = _redis_ok(settings.CELERY_BROKER_URL)
        parts["broker"] = {"status": OK if broker else DEGRADED}
        answering = _workers_answering() if broker else 0
        parts["worker"] = {"status": OK if answering else DEGRADED, "answering": answering}

    if database:
        last = ServiceBeat.objects.aggregate(at=Min("at"))["at"]
        late = last is None or _age(last, now) > 3 * settings.SWEEP_SECONDS
        parts["beat"] = {
            "status": UNUSED if eager else (DEGRADED if late else OK),
            "last_sweep": last.isoformat() if last else None,
            "age_seconds": _age(last, now),
        }
        letters = OutgoingEmail.objects.aggregate(
            queued=Count("pk", filter=Q(status=EmailStatus.QUEUED)),
            retrying=Count("pk", filter=Q(status=EmailStatus.QUEUED, attempts__gt=0)),
            failed=Count("pk", filter=Q(status=EmailStatus.FAILED)),
            oldest=Min("created_at", filter=Q(status=EmailStatus.QUEUED)),
        )
        oldest_letter = letters.pop("oldest")
        parts["letters"] = {**letters, "oldest_queued_seconds": _age(oldest_letter, now)}
        jobs = BackgroundJob.objects.aggregate(
            queued=Count("pk", filter=Q(status=JobStatus.QUEUED)),
            running=Count("pk", filter=Q(status=JobStatus.RUNNING)),
            oldest=Min("created_at", filter=Q(status=JobStatus.QUEUED)),
        )
        oldest_job = jobs.pop("oldest")
        parts["jobs"] = {**jobs, "oldest_queued_seconds": _age(oldest_job, now)}

    if not database:
        status = DOWN
    elif any(part.get("status") == DEGRADED for part in parts.values()):
        status = DEGRADED
    else:
        status = OK
    return {"status": status, "checked_at": now.isoformat(), "parts": parts}


@public
@never_cache
def detail(request):
    """The detailed answer for the administrator (404 to anyone else); 503 only without the
    database."""
    if not may_see_details(request):
        raise Http404("Not for this visitor.")
    found = details()
    return JsonResponse(
        found, status=503 if found["status"] == DOWN else 200, json_dumps_params={"indent": 2}
    )
