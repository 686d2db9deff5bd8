"""The real services: PostgreSQL in CI, a Redis broker and a Celery worker."""

import os

import pytest
from django.db import connection

from config.celery import ping
from tests.services import need, services_required

pytestmark = pytest.mark.integration


@pytest.mark.django_db
def test_the_suite_runs_on_postgresql_when_a_database_url_is_given():
    url = os.environ.get("DATABASE_URL", "")
    need(url.startswith("postgres"), "DATABASE_URL does not point at PostgreSQL")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert "PostgreSQL" in cursor.fetchone()[0]


def test_ci_points_the_suite_at_postgresql():
    if services_required():
        assert os.environ.get("DATABASE_URL", "").startswith("postgres")


@pytest.mark.django_db(transaction=True)
def test_a_real_celery_worker_runs_a_task_through_redis(celery_worker):
    result = ping.delay()
    assert result.get(timeout=20) == "pong"
    assert result.successful()
