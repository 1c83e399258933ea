"""The example plugin in real processes: migrated by post_upgrade, its Celery task on `celery worker` (no extra
flags), its legacy RQ task on `rqworker`, its API on `start`; a plugin that cannot load stops `start` with one line."""

import json
import os
import signal
from pathlib import Path

import pytest

from nautobot.core.testing.processes import free_port, uwsgi_request, wait_for

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "example_plugin"


def _with_plugin(deployment, plugins: str = '["example_plugin"]', extra: str = "") -> None:
    pythonpath = [p for p in (deployment.env.get("PYTHONPATH"), str(EXAMPLES)) if p]
    deployment.env["PYTHONPATH"] = os.pathsep.join(pythonpath)
    with open(deployment.root / "nautobot_config.py", "a") as config:
        config.write(f"\nPLUGINS = {plugins}\n{extra}\n")


@pytest.mark.parametrize("backend", ["embedded", "postgres-redis"])
def test_plugin_models_api_and_celery_task(make_deployment, backend):
    deployment = make_deployment(backend, migrate=False, from_copy=True)
    _with_plugin(deployment)
    deployment.server("post_upgrade", "--no-collectstatic")
    widget_id = deployment.shell(
        "from example_plugin.models import Widget\nprint(Widget.objects.create(name='w', size=1).pk)"
    ).splitlines()[-1]

    deployment.spawn("celery", "worker", "--loglevel", "INFO", log_name="worker")
    wait_for(lambda: "ready." in deployment.log("worker"), timeout=90, what="the Celery worker to be ready")
    assert "example_plugin.tasks.resize_widget" in deployment.log("worker")
    output = deployment.shell(
        "from example_plugin.tasks import resize_widget\n"
        "from example_plugin.models import Widget\n"
        f"print(resize_widget.delay('{widget_id}', 42).get(timeout=60), Widget.objects.get(pk='{widget_id}').size)"
    )
    assert output.splitlines()[-1] == "1 42"

    port = free_port()
    token = deployment.shell(
        "from nautobot.users.models import User, Token\n"
        "print(Token.objects.create(user=User.objects.create_superuser('admin', 'a@example.com', 'pw')).key)"
    ).splitlines()[-1]
    deployment.spawn("start", "--socket", f"127.0.0.1:{port}", "--master", "--processes", "1", log_name="web")
    wait_for(lambda: uwsgi_request(port, "/health/live/")[0] == 200, timeout=90, what="the web service")
    status, _, body = uwsgi_request(
        port, "/api/plugins/example-plugin/widgets/", headers={"Authorization": f"Token {token}"}
    )
    assert status == 200 and json.loads(body)["results"][0]["size"] == 42

    # The plugin's job, registered by post_upgrade, runs on the worker.
    ran = deployment.server(
        "runjob",
        "--commit",
        "--username",
        "admin",
        "--data",
        '{"widget_name": "from-job", "size": 0}',
        "plugins/example_plugin.jobs/WidgetCensus",
        timeout=120,
    )
    assert "2 widget(s)" in ran.stdout and "completed" in ran.stdout.lower(), ran.stdout
    assert (
        deployment.shell(
            "from example_plugin.models import Widget\nprint(Widget.objects.filter(name='from-job').count())"
        ).splitlines()[-1]
        == "1"
    )


def test_plugin_rq_task_on_rqworker(make_deployment):
    deployment = make_deployment("postgres-redis", migrate=False, from_copy=True)
    _with_plugin(deployment)
    deployment.server("post_upgrade", "--no-collectstatic")
    process = deployment.spawn("rqworker", log_name="rqworker")
    wait_for(lambda: "Listening on" in deployment.log("rqworker"), timeout=60, what="the RQ worker to listen")
    output = deployment.shell(
        "import time\n"
        "from example_plugin.models import Widget\n"
        "from example_plugin.tasks import describe_widget\n"
        "widget = Widget.objects.create(name='rq', size=1)\n"
        "job = describe_widget.delay(str(widget.pk), 'from rq')\n"
        "for _ in range(300):\n"
        "    if job.get_status(refresh=True) in ('finished', 'failed'): break\n"
        "    time.sleep(0.1)\n"
        "widget.refresh_from_db()\n"
        "print(job.get_status().value, widget.description)"
    )
    assert output.splitlines()[-1] == "finished from rq"
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        (
            'PLUGINS_CONFIG = {"example_plugin": {}}\nimport example_plugin\nexample_plugin.config.min_version = "99.0"',
            "Plugin example_plugin needs Nautobot at least 99.0; this is Nautobot",
        ),
        (
            'import example_plugin\nexample_plugin.config.required_settings = ["api_key"]',
            "Plugin example_plugin requires PLUGINS_CONFIG['example_plugin'] to set: api_key.",
        ),
    ],
)
def test_a_plugin_that_cannot_load_stops_start_with_one_line(make_deployment, extra, reason):
    deployment = make_deployment("embedded", migrate=False)
    _with_plugin(deployment, extra=extra)
    result = deployment.server("start", "--http", f"127.0.0.1:{free_port()}", check=False, timeout=60)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and reason in lines[0], result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_startplugin_skeleton_works(make_deployment):
    deployment = make_deployment("embedded", migrate=False, from_copy=True)
    created = deployment.server("startplugin", "acme_widgets", str(deployment.root / "src" / "acme_widgets")).stdout
    assert "Created plugin acme_widgets" in created
    assert (
        deployment.server(
            "startplugin", "acme_widgets", str(deployment.root / "src" / "acme_widgets"), check=False
        ).returncode
        != 0
    )
    assert "not a valid package name" in deployment.server("startplugin", "Bad-Name", check=False).stderr
    deployment.env["PYTHONPATH"] = str(deployment.root / "src" / "acme_widgets")
    with open(deployment.root / "nautobot_config.py", "a") as config:
        config.write('\nPLUGINS = ["acme_widgets"]\n')
    deployment.server("makemigrations", "acme_widgets")
    deployment.server("post_upgrade", "--no-collectstatic")
    output = deployment.shell(
        "from django.test import Client\n"
        "from nautobot.users.models import User\n"
        "from acme_widgets.tasks import count_items\n"
        "client = Client(HTTP_HOST='localhost')\n"
        "client.force_login(User.objects.create_superuser('admin', 'a@example.com', 'pw'))\n"
        "made = client.post('/api/plugins/acme-widgets/items/', {'name': 'first'}, content_type='application/json')\n"
        "print(made.status_code, client.get('/api/plugins/acme-widgets/').json(), count_items())"
    )
    hello = deployment.server("runjob", "--local", "--data", '{"who": "plugin"}', "plugins/acme_widgets.jobs/Hello")
    assert "Hello, plugin!" in hello.stdout
    assert output.splitlines()[-1].startswith("201 {'items': 'http://localhost/api/plugins/acme-widgets/items/'} 1")
