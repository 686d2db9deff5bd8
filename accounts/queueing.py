"""Putting a task on the queue without making a page wait for a broken broker.

Every app enqueues through ``enqueue``: when Redis is down the caller learns
it at once (the broker's timeouts in settings are a couple of seconds) and
keeps its row, and a periodic task puts the work on the queue once the broker
is back. Nothing is lost and no page hangs or fails with a 500.
"""

from __future__ import annotations

import logging

from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

# kombu turns the transport's connection errors into its OperationalError; a
# refused or timed-out socket can still surface as an OSError on some paths.
BROKER_ERRORS = (BrokerError, OSError)


def enqueue(task, *args) -> bool:
    """Queue ``task(*args)``; False (and a log line) if the broker is unreachable."""
    try:
        # retry=False: the publish retry policy is what turned an outage into a
        # 19-second hang; the periodic reaper is our retry.
        task.apply_async(args, retry=False)
    except BROKER_ERRORS as exc:
        logger.warning("broker unavailable, %s(%s) left for the reaper: %s", task.name, args, exc)
        return False
    return True
