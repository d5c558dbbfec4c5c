"""gunicorn settings: `gunicorn -c deploy/gunicorn.conf.py config.wsgi` (values from the env).

The app is preloaded and warmed in the master (``config.warmup``), so a worker, forked or
recycled, answers its first request like any other. With the app preloaded, ``kill -HUP``
does not load new code: a deploy restarts the service (``systemctl restart dou-gunicorn``).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
# Heavy work runs in Celery; a request that takes longer than this is a bug, not a workload.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Longer than nginx keeps an idle upstream connection (``keepalive_timeout 60s`` in the
# upstream block of deploy/nginx-dou-mentoring.conf): the proxy always closes an idle
# connection first, so it never sends a request on one gunicorn has just closed.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Recycling bounds slow memory growth; the jitter keeps the workers from restarting together.
# A recycling worker finishes the requests it holds (graceful_timeout) and marks its last
# response «Connection: close»; the others keep serving meanwhile.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# The app, warmed, is loaded once in the master and shared by the workers (copy-on-write).
preload_app = True
# The app writes its own JSON line per request (core.request_log); errors go to stderr.
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips


def when_ready(server):
    """The app is loaded in the master: import, populate and compile before the first fork."""
    from config.warmup import warm_master

    warm_master()
    server.log.info("Warm-up done in the master")


def post_worker_init(worker):
    """A fresh worker's first request goes to the liveness page, not to a person."""
    from config.warmup import warm_worker

    try:
        status = warm_worker(worker.wsgi)
    except Exception:  # a warm-up must never keep a worker from serving
        worker.log.exception("Warm-up request failed")
        return
    worker.log.info("Warm-up request answered %s", status)
