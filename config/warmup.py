"""Warm-up of a fresh app process, so the first request after a deploy is like any other.

gunicorn (``deploy/gunicorn.conf.py``) preloads the app in the master and calls ``warm_master``
before forking the workers: every view module is imported (the URL resolver is populated), the
plugin modules of the apps are found, the templates of the main pages are compiled into the
cached loader, and the declension dictionaries are loaded; the workers inherit all of it.
Each worker then calls ``warm_worker``: one request to the liveness page through the whole
middleware stack, which opens its own database connection.
"""

from __future__ import annotations

import io
import logging
import sys

logger = logging.getLogger(__name__)

# The templates every main page extends or includes, compiled once in the master.
TEMPLATES = (
    "base.html",
    "core/home.html",
    "roadmap/order_detail.html",
    "roadmap/order_list.html",
    "roadmap/roadmap.html",
    "monitoring/report_detail.html",
    "programs/list.html",
    "mentoring/staff_list.html",
    "registration/login.html",
)
PLUGIN_MODULES = (
    "navigation_items",
    "home_cards",
    "roadmap_progress",
    "order_effects",
    "signed_documents",
    "jobs",
)


def warm_master() -> None:
    """Import, populate and compile what every request needs; leaves no database connection."""
    from django.db import connections
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template
    from django.urls import get_resolver

    from core.plugins import autodiscover

    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 - populates the resolver, importing every view module
    for hook in PLUGIN_MODULES:
        autodiscover(hook)
    for name in TEMPLATES:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            logger.warning("Warm-up: no template %s", name)
    try:
        from core import declension

        for load in (declension._maker, declension._detector, declension._morph):
            load()  # pymorphy3's dictionaries: ~1 s on the first declined name otherwise
    except Exception:  # the dictionaries load lazily on the first page otherwise
        logger.warning("Warm-up: declension dictionaries not loaded", exc_info=True)
    connections.close_all()  # a connection must never cross the fork


def warm_worker(application) -> int:
    """One request to the liveness page through the middleware; returns its status code."""
    from django.conf import settings

    host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".").replace("*", "localhost")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/health/",
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "HTTP_HOST": host,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    statuses: list[str] = []
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    for _ in body:
        pass
    if hasattr(body, "close"):
        body.close()
    return int(statuses[0].split()[0]) if statuses else 0
