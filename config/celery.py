import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("recall")
# Every CELERY_* setting lives in config/settings.py, read from the environment.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="recall.ping")
def ping() -> str:
    """A no-op task: proves that a worker is consuming from the broker."""
    return "pong"
