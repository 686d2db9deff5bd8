import os

import pytest

from tests.services import need, redis_available, redis_url

pytest_plugins = ("celery.contrib.pytest",)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # PBKDF2 is slow on purpose; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_and_static(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Production serves collectstatic's hashed manifest; tests read the sources.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters are keyed by user id, and SQLite reuses the ids of
    rolled-back rows: without this, one test's joins count against the next's.
    (Redis is left alone: it is also the broker, and PostgreSQL reuses no ids.)"""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()


@pytest.fixture(autouse=True)
def _celery_in_process(request):
    """Run tasks in-process, except in tests that start a real worker."""
    from config.celery import app

    eager = "celery_worker" not in request.fixturenames
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(scope="session")
def celery_config():
    return {}


@pytest.fixture(scope="session")
def celery_app(request):
    """The project's own Celery app, pointed at a real Redis."""
    need(redis_available(), f"Redis is not reachable at {redis_url()}")
    from config.celery import app

    app.conf.broker_url = redis_url()
    app.conf.result_backend = redis_url()
    # Celery caches its result backend and broker pools on first use; an
    # eager test may already have made them for "no broker configured".
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    # The worker's ping check needs the test-suite task registered.
    import celery.contrib.testing.tasks  # noqa: F401

    return app


@pytest.fixture(scope="session")
def celery_worker_parameters():
    return {"perform_ping_check": True, "shutdown_timeout": 20.0}


def pytest_collection_modifyitems(config, items):
    # Playwright's sync API runs an event loop in the test thread; the ORM
    # calls made by live_server fixtures from that thread are still sync.
    if any(item.get_closest_marker("browser") for item in items):
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
