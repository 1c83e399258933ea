"""In-process figures of the fast path (bench/results/2026-12-07-fastpath.md): not a test, it only prints.

    .venv/bin/python -m pytest -q -s bench/inproc_fastpath.py            # fast path on and off
    PYTHONPATH=<other tree> FP_MODES=on .venv/bin/python -m pytest ...   # another tree (no FAST_PATH there)

Per request: Python function calls (cProfile, deterministic), CPU time of this process (`process_time`, median
and min of FP_N requests) and SQL queries, on data made with the test builders.
"""

import cProfile
import os
import pstats
import statistics
import time

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from nautobot.dcim.tests import builders as b
from nautobot.core.testing.api import TokenClient
from nautobot.users.models import Token

pytestmark = pytest.mark.django_db
N = int(os.environ.get("FP_N", "60"))


def _requests(api):
    types = [b.device_type() for _ in range(4)]
    roles = [b.device_role() for _ in range(3)]
    sites = [b.site() for _ in range(3)]
    platforms = [b.platform() for _ in range(2)]
    tags = [b.tag() for _ in range(3)]
    devices = []
    for i in range(300):
        device = b.device(
            device_type=types[i % 4], device_role=roles[i % 3], site=sites[i % 3], platform=platforms[i % 2]
        )
        if i % 2:
            device.tags.set(tags[: 1 + i % 3])
        devices.append(device)
    target = devices[7]
    for _ in range(200):
        b.interface(device=target)
    url = f"/api/dcim/devices/{target.pk}/"
    counter = [0]

    def patch():
        counter[0] += 1
        return api.patch(url, {"comments": f"c{counter[0]}"})

    return {
        "GET devices?limit=50": lambda: api.get("/api/dcim/devices/", limit=50),
        "GET device detail": lambda: api.get(url),
        "PATCH device": patch,
        "GET interfaces?device_id&limit=200": lambda: api.get("/api/dcim/interfaces/", device_id=target.pk, limit=200),
    }


def test_figures():
    api = TokenClient(Token.objects.create(user=b.user(is_superuser=True)).key)
    requests = _requests(api)
    lines = []
    for mode in os.environ.get("FP_MODES", "on,off").split(","):
        with override_settings(FAST_PATH=(mode == "on")):
            for name, request in requests.items():
                for _ in range(5):
                    assert request().status_code == 200
                with CaptureQueriesContext(connection) as queries:
                    request()
                query_count = len(queries.captured_queries)  # read now: the next request resets the log
                profile = cProfile.Profile()
                profile.enable()
                for _ in range(10):
                    request()
                profile.disable()
                calls = pstats.Stats(profile).total_calls // 10
                samples = []
                for _ in range(N):
                    start = time.process_time()
                    request()
                    samples.append(time.process_time() - start)
                lines.append(
                    f"fast_path={mode:3} {name:36} {calls:7} calls  {query_count:3} queries  "
                    f"CPU median {statistics.median(samples) * 1000:6.2f} ms  min {min(samples) * 1000:6.2f} ms"
                )
    print("\n" + "\n".join(lines))
