"""Fault injection with real services: a worker killed mid-import, and Redis down.

A killed pool process must not leave a document at 0 questions: the broker
redelivers its message and the import resumes at its first unfinished step.
A broker that is down must give the teacher a message, not a hang or a 500,
and keep the row, which the reaper queues once the broker is back.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from kombu import pools as kombu_pools

from content import imports, services
from content.models import Document
from tests.factories import TeacherFactory
from tests.integration.waiting import wait_until_imported
from tests.services import need, redis_available, redis_url

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ESSAY = """# The Printing Press

Johannes Gutenberg introduced movable type printing to Europe around 1440.
The Gutenberg Bible was printed in Mainz in 1455.
Martin Luther used pamphlets to spread the Reformation after 1517.
"""
# Nothing listens on port 1. kombu keeps one global producer pool per broker URL, and
# another test may have closed the pool of "redis://127.0.0.1:1/0" ("Acquire on closed
# pool"), so this test's dead broker has a URL of its own.
CLOSED_PORT = "redis://127.0.0.1:1/9"
ROOT = Path(__file__).resolve().parents[2]


def _point_broker_at(app, url: str) -> None:
    """Celery caches its broker connections; drop them (unclosed: the running
    worker shares them) so the next publish connects to ``url``."""
    app.conf.broker_url = url
    app._pool = None
    app.amqp._producer_pool = None



def test_a_pool_process_killed_during_generation_is_redelivered_and_finishes(
    celery_app, tmp_path
):
    need(connection.vendor == "postgresql", "a subprocess worker needs PostgreSQL")
    celery_app.conf.task_always_eager = False
    # Earlier tests closed pools that kombu still keeps by URL; no worker runs here.
    kombu_pools.reset()
    _point_broker_at(celery_app, redis_url())
    marker = tmp_path / "killed"
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_url(),
        "CELERY_BROKER_URL": redis_url(),
        "CELERY_RESULT_BACKEND": redis_url(),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "PYTHONPATH": str(ROOT),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.fault_worker", str(marker)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        document = services.document_create(data=ESSAY.encode(), filename="press.md").document
        assert imports.document_enqueue(document=document)
        document = wait_until_imported(document.pk)
    finally:
        worker.terminate()
        _, log = worker.communicate(timeout=30)
    assert marker.exists(), log.decode()[-2000:]  # the pool process did die mid-generation
    assert document.status == Document.Status.READY, document.error
    assert document.questions.exists()
    keys = list(document.questions.values_list("key", flat=True))
    assert len(keys) == len(set(keys))  # resumed, not duplicated


def test_with_redis_down_an_upload_says_so_keeps_the_row_and_the_reaper_finishes_it(
    client, celery_app, celery_worker
):
    need(redis_available(), f"Redis is not reachable at {redis_url()}")
    teacher = TeacherFactory()
    client.force_login(teacher)
    _point_broker_at(celery_app, CLOSED_PORT)
    try:
        started = time.monotonic()
        response = client.post(
            reverse("teaching:upload"),
            {"file": SimpleUploadedFile("press.md", ESSAY.encode())},
            follow=True,
        )
        elapsed = time.monotonic() - started
    finally:
        _point_broker_at(celery_app, redis_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "the import starts by itself when it is back" in page
    assert elapsed < 6, f"the upload waited {elapsed:.1f}s on the broker"
    document = Document.objects.get(created_by=teacher)
    assert (document.status, document.stage) == (Document.Status.QUEUED, imports.STAGE_UNQUEUED)

    # Redis is back: the reaper's next round queues it, the worker imports it.
    assert imports.documents_reap()["requeued"] == 1
    document = wait_until_imported(document.pk)
    assert document.status == Document.Status.READY, document.error
    assert document.questions.exists()
    assert settings.CELERY_TASK_PUBLISH_RETRY is False
