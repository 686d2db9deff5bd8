"""Which real services this machine offers the tests.

A test that needs PostgreSQL, Redis or Chromium runs whenever the service is
there. Otherwise it skips with the reason, except under REQUIRE_SERVICES=1
(CI), where a missing service fails the test instead of hiding it.
"""

from __future__ import annotations

import os
import shutil
from functools import cache

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES", "") == "1"


def need(available: bool, reason: str) -> None:
    if available:
        return
    if services_required():
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


def redis_url() -> str:
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


@cache
def redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(redis_url(), socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None
