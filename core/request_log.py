"""One structured log line per request: method, path, status, duration and user id."""

import logging
import time

logger = logging.getLogger("dou.request")


class RequestLogMiddleware:
    """Log every request after the response is built (outermost, so it times everything)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        if logger.isEnabledFor(logging.INFO):
            user = getattr(request, "user", None)
            organization = getattr(request, "organization", None)
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                    "organization_id": organization.pk if organization is not None else None,
                },
            )
        return response
