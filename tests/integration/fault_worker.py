"""A real prefork Celery worker whose first question generation dies as kill -9 would.

Started as a subprocess by test_fault_injection.py: ``python -m
tests.integration.fault_worker MARKER``. The pool process SIGKILLs itself in
the generating step once (the marker file records it); the broker then hands
the same message to a fresh pool process, which must finish the import.
"""

import os
import signal
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from config.celery import app  # noqa: E402
from content import imports  # noqa: E402

MARKER = sys.argv[1]
_generate = imports.questions_generate


def _die_once(*, document):
    if not os.path.exists(MARKER):
        with open(MARKER, "w") as marker:
            marker.write(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    return _generate(document=document)


imports.questions_generate = _die_once

if __name__ == "__main__":
    app.worker_main(
        ["worker", "--pool=prefork", "--concurrency=1", "--loglevel=INFO", "--without-heartbeat",
         "--without-gossip", "--without-mingle", "-n", f"fault-{os.getpid()}@%h"]
    )
