import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Variables the test run sets for itself that a production host would not have.
_DEV_ONLY = {"DEBUG", "SECURE", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in _DEV_ONLY}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_is_clean_with_production_variables():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="prod-" + "x7Kq9Lm2Vn4Bc6Zr8Td1Wf3Hj5Gs0Pa" * 2,
        ALLOWED_HOSTS="recall.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_refuses_a_malformed_boolean():
    result = _manage("check", DEBUG="ture")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


@pytest.mark.django_db
def test_healthz_reports_the_database_and_broker(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "not configured"}


@pytest.mark.django_db
def test_healthz_answers_503_when_the_configured_broker_is_down(client, settings):
    from config.celery import app

    # Nothing listens on port 1: the broker is configured but unreachable.
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    previous = app.conf.broker_url
    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")
    assert response.json()["database"] == "ok"


def _media_backend(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MEDIA_")}
    code = "import config.settings as s; print(s.STORAGES['default']['BACKEND'])"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_media_is_on_local_disk_by_default_and_in_a_bucket_when_asked():
    assert _media_backend().stdout.strip() == "django.core.files.storage.FileSystemStorage"
    s3 = _media_backend(MEDIA_STORAGE="s3", MEDIA_BUCKET="recall-media")
    assert s3.stdout.strip() == "storages.backends.s3.S3Storage", s3.stderr


def test_media_storage_refuses_an_unknown_backend_or_a_bucketless_s3():
    assert "MEDIA_STORAGE must be local or s3" in _media_backend(MEDIA_STORAGE="ftp").stderr
    assert "needs MEDIA_BUCKET" in _media_backend(MEDIA_STORAGE="s3").stderr
