"""End to end on a real Celery worker: saving a repository syncs it; its job runs; a new commit re-syncs; the
token is in no file the worker wrote and in none of its log; deleting it removes what it provided."""

import os
from pathlib import Path

import pytest

from nautobot.core.testing.gitrepos import SourceRepository
from nautobot.core.testing.processes import wait_for
from nautobot.core.tests.conftest import make_deployment  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow
TOKEN = "glpat-NEVER-ON-DISK-7781"


def _state(deployment) -> str:
    return deployment.shell(
        "from nautobot.extras.models import ConfigContext, GitRepository\n"
        "r = GitRepository.objects.get(name='Data')\n"
        "print(r.current_head, sorted(ConfigContext.objects.values_list('name', flat=True)))"
    ).splitlines()[-1]


def test_worker_syncs_on_save_and_resyncs_after_a_new_commit(make_deployment, tmp_path):  # noqa: F811
    deployment = make_deployment("embedded")
    config = (deployment.root / "nautobot_config.py").read_text()
    assert 'GIT_CREDENTIALS_KEY = os.getenv("NAUTOBOT_GIT_CREDENTIALS_KEY", "' in config and "{{" not in config
    source = SourceRepository(tmp_path / "source")
    first = source.commit(
        {
            "config_contexts/a.yaml": "_metadata: {name: A}\nv: 1\n",
            "jobs/__init__.py": "",
            "jobs/greet.py": (
                "from nautobot.extras.jobs import Job\n\n\nclass Greet(Job):\n    class Meta:\n        has_sensitive_variables = False\n\n"
                "    def run(self, data, commit):\n        return 'hello from git'\n"
            ),
        }
    )
    deployment.spawn("celery", "worker", "--loglevel", "INFO", log_name="worker")
    wait_for(lambda: "ready." in deployment.log("worker"), timeout=90, what="the Celery worker")

    # Saved through the API's serializer, as a user would: the sync is queued when the save commits.
    deployment.shell(
        "from django.db import transaction\n"
        "from nautobot.core.api.serializers import serializer_for\n"
        "from nautobot.extras.models import GitRepository\n"
        f"s = serializer_for(GitRepository)(data={{'name': 'Data', 'remote_url': '{source.url}', 'token': '{TOKEN}',"
        " 'provided_contents': ['extras.configcontext', 'extras.job']})\n"
        "assert s.is_valid(), s.errors\n"
        "with transaction.atomic():\n"
        "    s.save()\n"
    )
    wait_for(lambda: _state(deployment) == f"{first} ['A']", timeout=90, what="the first sync")

    # The repository's job runs on the worker.
    output = deployment.shell(
        "import time\n"
        "from nautobot.extras.jobs.runner import enqueue_job\n"
        "from nautobot.extras.models import Job, JobResult\n"
        "job = Job.objects.get(source_prefix='git.data', job_class_name='Greet')\n"
        "job.enabled = True\n"
        "job.save()\n"
        "result = enqueue_job(job, user=None, data={}, commit=True)\n"
        "for _ in range(600):\n"
        "    result.refresh_from_db()\n"
        "    if result.status in ('completed', 'failed', 'errored'): break\n"
        "    time.sleep(0.1)\n"
        "print(result.status, result.data.get('output'))\n"
        "sync = JobResult.objects.filter(obj_type__model='gitrepository').order_by('created').first()\n"
        "print(sync.status, sync.logs.count() > 0)"
    )
    assert output.splitlines()[-2:] == ["completed hello from git", "completed True"], output

    second = source.commit({"config_contexts/a.yaml": None, "config_contexts/b.yaml": "_metadata: {name: B}\nv: 2\n"})
    deployment.shell(
        "from nautobot.extras.datasources.services import enqueue_sync\n"
        "from nautobot.extras.models import GitRepository\n"
        "enqueue_sync(GitRepository.objects.get(name='Data'))"
    )
    wait_for(lambda: _state(deployment) == f"{second} ['B']", timeout=90, what="the re-sync")

    git_root = Path(deployment.root) / "git"
    assert (git_root / "data" / second / "config_contexts" / "b.yaml").exists()
    for directory, _, names in os.walk(git_root):
        for name in names:
            assert TOKEN.encode() not in (Path(directory) / name).read_bytes(), f"{directory}/{name}"
    log = deployment.log("worker")
    assert "nautobot.extras.datasources.sync_git_repository" in log and TOKEN not in log

    # Deleting the repository removes what it provided, on the worker, after the delete commits.
    deployment.shell(
        "from django.db import transaction\n"
        "from nautobot.extras.models import GitRepository\n"
        "with transaction.atomic():\n"
        "    GitRepository.objects.get(name='Data').delete()"
    )
    gone = (
        "from nautobot.extras.models import ConfigContext, Job\n"
        "print(ConfigContext.objects.count(), Job.objects.filter(source_prefix='git.data', installed=True).count())"
    )
    wait_for(lambda: deployment.shell(gone).splitlines()[-1] == "0 0", timeout=90, what="the removal task")
    wait_for(lambda: not (git_root / "data").exists(), timeout=30, what="the local copy to go")
