"""The Celery app. Embedded default: tasks run in-process (eager); with REDIS_URL: real workers."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="portal.ping")
def ping(value: str = "pong") -> str:
    """Round-trip task used by the health check and the CI test of task delivery."""
    return value
