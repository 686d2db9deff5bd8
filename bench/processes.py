"""Processes the HTTP benchmarks start and stop: gunicorn nodes, Celery workers, threads.

Shared by ``bench/http_load.py`` (one node) and ``bench/scale_out.py`` (two nodes
and two workers).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench import common


def run_threads(targets) -> float:
    threads = [threading.Thread(target=fn, args=args, daemon=True) for fn, args in targets]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE": "0",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }
    cmd = [
        str(Path(sys.executable).with_name("gunicorn")),
        "config.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--error-logfile",
        str(log),
    ]
    # Its own process group, so stopping it stops its workers and nothing else.
    proc = subprocess.Popen(cmd, cwd=common.ROOT, env=env, start_new_session=True)
    import requests

    for _ in range(100):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    stop(proc)
    raise SystemExit(f"gunicorn did not come up; see {log}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def start_worker(name: str, log: Path) -> subprocess.Popen:
    env = {**os.environ, "SECURE": "0", "DEBUG": "0"}
    cmd = [
        str(Path(sys.executable).with_name("celery")),
        "-A",
        "config",
        "worker",
        "--concurrency=1",
        "--loglevel=INFO",
        "-n",
        f"{name}@%h",
        "--without-gossip",
        "--without-mingle",
        "--logfile",
        str(log),
    ]
    return subprocess.Popen(
        cmd,
        cwd=common.ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
