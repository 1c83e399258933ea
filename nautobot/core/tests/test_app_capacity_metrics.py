"""nautobot-capacity-metrics 2.1.1, the real app from PyPI, installed as its documentation says (`pip install`,
`PLUGINS`, `PLUGINS_CONFIG`, `post_upgrade`) and scraped over HTTP like Prometheus does: its app metrics carry
the figures of this installation (object counts, the last result of each job, versions, a function of the user's
configuration), on PostgreSQL as on the original and on the embedded SQLite (where `DISTINCT ON` is emulated)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from nautobot.core.testing.processes import free_port, wait_for

pytestmark = pytest.mark.slow

WHEEL = Path("/tmp/apps/nautobot_capacity_metrics-2.1.1-py3-none-any.whl")
REQUIREMENT = str(WHEEL) if WHEEL.exists() else "nautobot-capacity-metrics==2.1.1"

JOBS = """\
from nautobot.extras.jobs import Job


class Census(Job):
    def run(self, data, commit):
        self.log_success(message="counted")


class Broken(Job):
    def run(self, data, commit):
        self.log_failure(message="did not work")
"""

CONFIG = """
PLUGINS = ["nautobot_capacity_metrics"]


def metric_site_names():
    from prometheus_client.core import GaugeMetricFamily

    from nautobot.dcim.models import Site

    gauge = GaugeMetricFamily("acme_site_name_length", "Length of each site's name", labels=["site"])
    for site in Site.objects.order_by("name"):
        gauge.add_metric([site.name], len(site.name))
    yield gauge


PLUGINS_CONFIG = {
    "nautobot_capacity_metrics": {
        "app_metrics": {
            "models": {"dcim": {"Site": True, "Device": True}, "ipam": {"Prefix": True}},
            "jobs": True,
            "gitrepositories": True,
            "queues": True,
            "versions": {"basic": True, "plugins": True},
            "extras": [metric_site_names],
        }
    }
}
"""


def pip_install_app(target: Path) -> Path:
    """`pip install --no-deps` the app (its requirement `nautobot<2` names the original) into its own directory."""
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), REQUIREMENT],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return target


def metrics(text: str) -> dict[str, float]:
    """`{'name{labels}': value}` of a Prometheus text page (labels as written)."""
    samples = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            samples[name] = float(value)
    return samples


@pytest.mark.parametrize("backend", ["postgres-redis", "embedded"])
def test_capacity_metrics_app_serves_this_installations_figures(make_deployment, tmp_path, backend):
    site_packages = pip_install_app(tmp_path / "site-packages")
    deployment = make_deployment(backend, migrate=False, from_copy=True)
    deployment.env["PYTHONPATH"] = f"{site_packages}:{deployment.env.get('PYTHONPATH', '')}"
    with open(deployment.root / "nautobot_config.py", "a") as config:
        config.write(CONFIG)
    (deployment.root / "jobs").mkdir(exist_ok=True)
    (deployment.root / "jobs" / "census.py").write_text(JOBS)
    deployment.server("post_upgrade", "--no-collectstatic")
    deployment.shell(
        "from nautobot.dcim.models import Site\n"
        "from nautobot.extras.models import Job, Status\n"
        "from nautobot.ipam.models import Prefix\n"
        "active = Status.objects.get(slug='active')\n"
        "for name in ('ams', 'berlin'):\n"
        "    Site.objects.create(name=name, slug=name, status=active)\n"
        "Prefix.objects.create(prefix='10.0.0.0/8', status=active)\n"
        "Job.objects.update(enabled=True)\n"
    )
    for job in ("Census", "Broken", "Census"):
        deployment.server("runjob", "--local", "--commit", f"local/census/{job}", check=False)

    url = deployment.start_web(processes=1, threads=2)
    response = requests.get(f"{url}/api/plugins/capacity-metrics/app-metrics", timeout=60)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    samples = metrics(response.text)

    assert samples['nautobot_model_count{app="dcim",name="Site"}'] == 2
    assert samples['nautobot_model_count{app="dcim",name="Device"}'] == 0
    assert samples['nautobot_model_count{app="ipam",name="Prefix"}'] == 1
    # The last result of each job: Census completed (twice: one row), Broken failed.
    for job, final in (("local/census/Census", "completed"), ("local/census/Broken", "failed")):
        for status in ("pending", "running", "completed", "errored", "failed"):
            key = f'nautobot_job_execution_status{{module="{job}",status="{status}"}}'
            assert samples[key] == (1 if status == final else 0), (key, response.text)
    assert len([key for key in samples if key.startswith("nautobot_job_execution_status")]) == 10
    versions = next(key for key in samples if key.startswith("nautobot_app_versions{"))
    assert 'nautobot="1.6' in versions and 'nautobot_capacity_metrics="' in versions and 'django="5.2' in versions
    assert samples['acme_site_name_length{site="ams"}'] == 3
    assert samples['acme_site_name_length{site="berlin"}'] == 6
    assert re.search(r"^nautobot_app_metrics_processing_ms \d", response.text, re.M)
    assert "# TYPE nautobot_gitrepository_execution_status gauge" in response.text  # no sync yet: no sample

    # The queue metrics read the RQ queues of this installation (Redis; the embedded one has none configured).
    if backend == "postgres-redis":
        queues = requests.get(f"{url}/api/plugins/capacity-metrics/rq-metrics", timeout=60)
        assert queues.status_code == 200, queues.text
        assert metrics(queues.text)['nautobot_queue_number_jobs{name="default",status="finished"}'] == 0
        # Its RQ worker command, with the Prometheus endpoint it adds (multiprocess mode, as its guide sets up).
        (deployment.root / "prometheus").mkdir()
        deployment.env["prometheus_multiproc_dir"] = str(deployment.root / "prometheus")
        port = free_port()
        deployment.spawn("rqworker_metrics", "--prom-port", str(port), log_name="rqworker")
        wait_for(lambda: "Listening on" in deployment.log("rqworker"), timeout=90, what="the RQ worker to listen")
        worker = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=30)
        assert worker.status_code == 200 and worker.headers["Content-Type"].startswith("text/plain; version=")

    # The app's page in the list of installed apps.
    token = "0123456789abcdef0123456789abcdef01234567"
    deployment.add_superuser("admin", "admin", token=token)
    installed = requests.get(
        f"{url}/api/plugins/installed-plugins/", headers={"Authorization": f"Token {token}"}, timeout=30
    ).json()
    assert {
        "name": "Data, Metrics, and Monitoring Prometheus Endpoints",
        "package": "nautobot_capacity_metrics",
        "author": "Network to Code, LLC",
        "version": "1.1.1",
    }.items() <= next(app for app in installed if app["package"] == "nautobot_capacity_metrics").items()
