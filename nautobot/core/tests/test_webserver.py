"""The guide's web service: its uwsgi.ini verbatim (bar the port) and its unit's ExecStart/ExecReload/ExecStop."""

import json
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from nautobot.core.testing.processes import children_of, free_port, pid_alive, uwsgi_request, wait_for

pytestmark = pytest.mark.slow
GUIDE_INI = Path(__file__).resolve().parents[3] / "deploy" / "uwsgi.ini"


def _start(deployment, *, extra_ini: str = ""):
    port = free_port()
    ini = GUIDE_INI.read_text().replace("socket = 127.0.0.1:8001", f"socket = 127.0.0.1:{port}") + extra_ini
    (deployment.root / "uwsgi.ini").write_text(ini)
    pidfile = deployment.root / "nautobot.pid"
    process = deployment.spawn(
        "start", "--pidfile", str(pidfile), "--ini", str(deployment.root / "uwsgi.ini"), log_name="uwsgi"
    )
    wait_for(lambda: uwsgi_request(port, "/health/live/")[0] == 200, timeout=60, what="uWSGI to answer")
    return process, port, pidfile


def test_guide_unit_serves_health_over_uwsgi_protocol(make_deployment):
    deployment = make_deployment("embedded")
    process, port, pidfile = _start(deployment)
    status, headers, body = uwsgi_request(port, "/health/", headers={"Accept": "application/json"})
    assert status == 200, body
    report = json.loads(body)
    assert report["status"] == "ok"
    assert {"database", "cache", "broker", "workers", "scheduler"} <= set(report["checks"])
    status, headers, body = uwsgi_request(port, "/health/")
    assert status == 200 and b"<table" in body and b"database" in body
    # Login is required everywhere else.
    status, headers, _ = uwsgi_request(port, "/")
    assert status == 302 and headers["Location"].startswith("/login/")
    assert int(pidfile.read_text()) == process.pid


def test_reload_replaces_workers_without_failed_requests(make_deployment):
    deployment = make_deployment("embedded")
    process, port, pidfile = _start(deployment, extra_ini="processes = 2\n")
    master = int(pidfile.read_text())
    old_workers = wait_for(lambda: children_of(master), what="uWSGI workers")
    results: list[int | str] = []
    stop = threading.Event()

    def burst():
        while not stop.is_set():
            try:
                results.append(uwsgi_request(port, "/health/live/")[0])
            except Exception as exc:
                results.append(repr(exc))

    threads = [threading.Thread(target=burst) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    before = len(results)
    # The ExecReload line of the guide's nautobot.service.
    deployment.server("start", "--reload", str(pidfile))
    wait_for(lambda: children_of(master) and not (children_of(master) & old_workers), timeout=60, what="new workers")
    wait_for(lambda: len(results) > before + 50, timeout=30, what="requests after the reload")
    stop.set()
    for thread in threads:
        thread.join()

    failures = [r for r in results if r != 200]
    assert not failures, f"{len(failures)} of {len(results)} requests failed during reload: {failures[:5]}"
    assert pid_alive(master) and int(pidfile.read_text()) == master
    log = deployment.log("uwsgi")
    assert "ModuleNotFoundError" not in log
    assert uwsgi_request(port, "/health/")[0] == 200


def test_stop_removes_processes_and_pidfile(make_deployment):
    deployment = make_deployment("embedded")
    process, port, pidfile = _start(deployment)
    workers = children_of(process.pid)
    # The ExecStop line of the guide's nautobot.service.
    result = deployment.server("start", "--stop", str(pidfile))
    assert "Traceback" not in result.stderr
    process.wait(timeout=30)
    assert not pidfile.exists()
    assert not any(pid_alive(pid) for pid in workers)


def test_sigterm_stops_everything_with_exit_zero(make_deployment):
    deployment = make_deployment("embedded")
    process, port, pidfile = _start(deployment)
    workers = children_of(process.pid)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    assert not pidfile.exists()
    assert not any(pid_alive(pid) for pid in workers)


def test_no_database_connection_crosses_a_fork(make_deployment):
    import psycopg

    from nautobot.core.testing.processes import PG

    deployment = make_deployment("postgres-redis")
    process, port, pidfile = _start(deployment, extra_ini="processes = 3\n")
    name = deployment.env["NAUTOBOT_DB_NAME"]

    def backends() -> list[int]:
        with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
            rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (name,)).fetchall()
        return [row[0] for row in rows]

    assert backends() == [], "the master must not keep a database connection that its workers would inherit"
    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(lambda _: uwsgi_request(port, "/health/")[0], range(90)))
    assert statuses == [200] * 90
    connections = backends()
    # CONN_MAX_AGE=300 keeps one connection per worker process that served a request: never fewer than the
    # workers that used the database, never shared, never more than the 3 workers.
    assert 1 <= len(connections) <= 3


def test_http_router_keep_alive_serves_whole_responses(make_deployment):
    """With `http =` (uWSGI's router, no nginx) and keep-alive, responses bigger than the router's
    buffer and smaller ones alternate on one connection and arrive whole (the router forwards each in
    one write: `--http-buffer-size`, see webserver.py; the time it saves is measured in bench/)."""
    import http.client

    from nautobot.core.webserver import DEFAULT_HTTP_BUFFER_SIZE

    deployment = make_deployment("embedded")
    token = "a" * 40
    deployment.add_superuser("router", "router-pw", token=token)
    http_port = free_port()
    _start(deployment, extra_ini=f"http = 127.0.0.1:{http_port}\nhttp-keepalive = 1\n")
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}

    def fetch(connection, path: str) -> bytes:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200, (path, body[:200])
        return body

    fresh = {
        path: fetch(http.client.HTTPConnection("127.0.0.1", http_port, timeout=60), path)
        for path in ("/api/swagger.json", "/api/dcim/")
    }
    assert len(fresh["/api/swagger.json"]) > DEFAULT_HTTP_BUFFER_SIZE  # more than one write of the router
    kept = http.client.HTTPConnection("127.0.0.1", http_port, timeout=60)
    for _ in range(3):
        for path, body in fresh.items():
            assert fetch(kept, path) == body, path
    kept.close()
