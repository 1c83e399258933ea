"""What the WSGI module leaves in the process that loads it (the uWSGI master) before workers are forked.

See DESIGN.md, "Memory": the loader builds what every worker would otherwise build for itself, freezes
its heap so that the workers' garbage collections do not copy it, and does not import what a web worker
never uses. Checked in a fresh process, as uWSGI's master would load it.
"""

import json
import subprocess
import sys

import pytest

from nautobot.core.testing.processes import Deployment

# A fresh process loads the whole WSGI module (~20 s on a busy machine), once per module: on one worker.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("memory")]

PROBE = r"""
import gc, json, sys
import nautobot.core.wsgi
from django.urls import URLResolver, get_resolver
from nautobot.core.api import serializers
from nautobot.core.filters import _cache as filtersets
from nautobot.core.specs import all_specs

def resolvers(resolver):
    yield resolver
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from resolvers(pattern)

found = list(resolvers(get_resolver()))
from django.core.signals import request_finished
from nautobot.core import prefork
trim_installed = prefork.after_fork()  # as uWSGI's post-fork hook does in each worker
request_finished.send(sender=None)
models = {spec.model for spec in all_specs()}
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "tracked_not_frozen": len(gc.get_objects()),
    "resolvers": len(found),
    "unpopulated": [str(r.pattern) for r in found if not r._populated],
    "models_without_serializers": sorted(m._meta.label for m in models - {key[0] for key in serializers._cache}),
    "models_without_brief": sorted(m._meta.label for m in models if (m, True) not in {key[:2] for key in serializers._cache}),
    "models_without_filterset": sorted(m._meta.label for m in models - set(filtersets)),
    "modules": sorted(sys.modules),
    "trim_installed": trim_installed,
    "trimmed": prefork._trimmer is not None and prefork._trimmer.last > 0,
}))
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    deployment = Deployment(tmp_path_factory.mktemp("wsgi") / "root")
    deployment.server("init")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=deployment.environ, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_loader_freezes_its_heap(loaded):
    # Everything built while loading is in the permanent generation: a worker's collections skip it.
    assert loaded["frozen"] > 50_000
    assert loaded["tracked_not_frozen"] < loaded["frozen"] / 20


def test_loader_builds_url_resolvers_and_api_classes(loaded):
    assert loaded["resolvers"] > 10
    assert loaded["unpopulated"] == []
    assert loaded["models_without_serializers"] == []
    assert loaded["models_without_brief"] == []
    assert loaded["models_without_filterset"] == []


def test_loader_does_not_import_what_web_workers_never_use(loaded):
    modules = loaded["modules"]
    unwanted = [
        m
        for m in modules
        if m == "git"
        or m.startswith(("git.", "gitdb", "selenium", "pytest", "_pytest", "pynautobot", "nautobot.core.testing"))
        or (m.startswith("nautobot.") and ".tests" in m)
        or m.startswith(("celery.apps.worker", "sqlalchemy"))
    ]
    assert unwanted == []


def test_worker_returns_freed_memory_after_requests(loaded):
    assert loaded["trim_installed"] and loaded["trimmed"]
