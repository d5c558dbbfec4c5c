"""The Celery application: settings from Django (CELERY_*), tasks from every app's tasks.py.

Without CELERY_BROKER_URL (or REDIS_URL) the settings make every task run eagerly in the web
process, so the demo needs neither Redis nor a worker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("dou")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
