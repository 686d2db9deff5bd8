"""The simulated users of ``bench/scale_out.py``: a load balancer without sticky
sessions (:class:`Pool`), and students who study and teachers who upload through it.
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections import Counter

from bench import common
from bench.http_load import LOGIN, Stats


class Pool:
    """The load balancer: a random live node per request; a node that refuses a
    connection leaves the pool and the request is retried once elsewhere."""

    def __init__(self, bases: list[str]):
        self.lock = threading.Lock()
        self.live = list(bases)
        self.retried = 0
        self.per_node: Counter[str] = Counter()

    def pick(self, rng: random.Random) -> str:
        with self.lock:
            return rng.choice(self.live)

    def drop(self, base: str) -> None:
        with self.lock:
            if base in self.live and len(self.live) > 1:
                self.live.remove(base)

    def only(self, bases: list[str]) -> None:
        with self.lock:
            self.live = list(bases)


def call(pool: Pool, stats: Stats, kind, session, method, path, expect, rng, **kw):
    import requests

    for attempt in range(2):
        base = pool.pick(rng)
        t0 = time.perf_counter()
        try:
            response = session.request(method, base + path, allow_redirects=False, timeout=60, **kw)
        except requests.ConnectionError as exc:
            if attempt == 0:
                pool.drop(base)
                with pool.lock:
                    pool.retried += 1
                continue
            stats.record(kind, (time.perf_counter() - t0) * 1000, False, repr(exc))
            return None
        except Exception as exc:
            stats.record(kind, (time.perf_counter() - t0) * 1000, False, repr(exc))
            return None
        ms = (time.perf_counter() - t0) * 1000
        ok = response.status_code == expect
        stats.record(kind, ms, ok, f"{response.status_code} {base}{path}")
        with pool.lock:
            pool.per_node[base] += 1
        return response if ok else None
    return None


def login(pool, username, stats, rng):
    import requests

    session = requests.Session()
    page = call(pool, stats, "login page", session, "GET", LOGIN, 200, rng)
    if page is None:
        return None
    token = common._CSRF.search(page.text)
    data = {"username": username, "password": "bench-password", "next": ""}
    if token:
        data["csrfmiddlewaretoken"] = token.group(1)
    done = call(pool, stats, "login POST", session, "POST", LOGIN, 302, rng, data=data)
    return session if done is not None else None


def study(pool, session, deck_id, stats, deadline, think, rng, acked: set):
    def pause():
        if think:
            time.sleep(rng.uniform(*think))

    study_path = f"/decks/{deck_id}/study/"
    while time.monotonic() < deadline:
        pause()
        page = call(pool, stats, "GET study", session, "GET", study_path, 200, rng)
        if page is None:
            continue
        front = common.parse_front(page.text)
        if front is None:
            page = call(pool, stats, "GET study", session, "GET", study_path + "?ahead=1", 200, rng)
            front = common.parse_front(page.text) if page is not None else None
        if front is None:
            with stats.lock:
                stats.no_card += 1
            continue
        pause()
        back_page = call(
            pool, stats, "POST answer", session, "POST", front["url"], 200, rng, data=front["data"]
        )
        back = common.parse_back(back_page.text) if back_page is not None else None
        if back is None:
            continue
        pause()
        rated = call(
            pool, stats, "POST rate", session, "POST", back["url"], 302, rng, data=back["data"]
        )
        if rated is not None and rated.headers.get("Location", "").endswith(study_path):
            with stats.lock:
                stats.acked += 1
                acked.add((back["url"], back["data"]["version"]))


def upload(pool, session, name: str, body: bytes, stats, rng, uploaded: list):
    page = call(pool, stats, "upload page", session, "GET", "/teach/upload/", 200, rng)
    if page is None:
        return
    token = common._CSRF.search(page.text)
    data = {"csrfmiddlewaretoken": token.group(1)} if token else {}
    response = call(
        pool,
        stats,
        "upload POST",
        session,
        "POST",
        "/teach/upload/",
        302,
        rng,
        data=data,
        files={"file": (name, body, "text/plain")},
    )
    if response is not None:
        found = re.search(r"/teach/upload/(\d+)/", response.headers.get("Location", ""))
        if found:
            with stats.lock:
                uploaded.append(int(found.group(1)))
