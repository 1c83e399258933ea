"""Run `nautobot-server` as a real process against real services, for tests of the runtime.

`Deployment` is one installation: its own `NAUTOBOT_ROOT`, a generated `nautobot_config.py`, and a
database, cache and broker of a chosen kind, named uniquely so that parallel runs never collide.
"""

import contextlib
import os
import random
import re
import signal
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import requests

import nautobot

BIN = Path(sys.executable).parent
NAUTOBOT_SERVER = str(BIN / "nautobot-server")
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
MYSQL = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": ""}
REDIS_URL = "redis://127.0.0.1:6379"
RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672//"
ADMIN_TOKEN = "0123456789abcdef0123456789abcdef01234567"  # the API token of live servers' `admin` (tests only)


def run_id() -> str:
    return os.environ.get("NAUTOBOT_TEST_RUN_ID", f"t{os.getpid()}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate: Callable[[], object], timeout: float = 30.0, interval: float = 0.2, what: str = "condition"):
    """Poll `predicate` until it returns a truthy value (returned) or `timeout` seconds pass (AssertionError)."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception as exc:  # the service may not be up yet
            last_error = exc
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last error: {last_error})")


class RedisServer:
    """A private `redis-server` on a free port (no persistence), which a test can stop and start again."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        import redis

        self.workdir.mkdir(parents=True, exist_ok=True)
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(command, cwd=self.workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: redis.Redis.from_url(self.url).ping(), timeout=20, what=f"redis-server on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None


@contextlib.contextmanager
def redis_database() -> Iterator[int]:
    """Claim an empty Redis database number (1-15) for the duration, and empty it afterwards."""
    import redis

    numbers = list(range(1, 16))
    random.shuffle(numbers)
    for number in numbers:
        client = redis.Redis.from_url(f"{REDIS_URL}/{number}")
        if client.dbsize() == 0 and client.set("nautobot-test-claim", run_id(), nx=True, ex=3600):
            try:
                yield number
            finally:
                client.flushdb()
            return
    raise RuntimeError("no empty Redis database is free for this test run")


@contextlib.contextmanager
def postgres_database(name: str, *, template: str | None = None) -> Iterator[str]:
    """A PostgreSQL database `name` for the duration: empty, or a copy of the database `template`."""
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield name
    finally:
        drop_postgres_database(name)


def drop_postgres_database(name: str) -> None:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def mysql_database(name: str, *, copy_of: str | None = None) -> Iterator[str]:
    """A MariaDB/MySQL database `name` for the duration: empty, or with the tables and rows of `copy_of`."""
    create_mysql_database(name, copy_of=copy_of)
    try:
        yield name
    finally:
        drop_mysql_database(name)


def _mysql_execute(sql: str) -> None:
    import MySQLdb

    conn = MySQLdb.connect(host=MYSQL["host"], port=MYSQL["port"], user=MYSQL["user"], passwd=MYSQL["password"])
    try:
        conn.cursor().execute(sql)
    finally:
        conn.close()


def create_mysql_database(name: str, *, copy_of: str | None = None) -> None:
    _mysql_execute(f"DROP DATABASE IF EXISTS `{name}`")
    # Created with the server's default character set on purpose: Nautobot must force utf8mb4 itself.
    _mysql_execute(f"CREATE DATABASE `{name}`")
    if copy_of:
        server = [f"--host={MYSQL['host']}", f"--port={MYSQL['port']}", f"--user={MYSQL['user']}"]
        dump = subprocess.Popen(["mysqldump", *server, "--single-transaction", copy_of], stdout=subprocess.PIPE)
        load = subprocess.run(["mysql", *server, name], stdin=dump.stdout, capture_output=True, timeout=600)
        dump.stdout.close()
        if dump.wait(timeout=60) != 0 or load.returncode != 0:
            raise RuntimeError(f"copying the MariaDB database {copy_of} to {name} failed: {load.stderr.decode()}")


def drop_mysql_database(name: str) -> None:
    _mysql_execute(f"DROP DATABASE IF EXISTS `{name}`")


class MigratedDatabases:
    """Per backend, a copy of a database as `post_upgrade` left it, for deployments to start from.

    Migrating from nothing takes long (a minute or more on SQLite, whose schema changes rebuild tables) and
    is the same work for every deployment of a backend. The first deployment of a backend in a test session
    migrates for real and its fresh database is copied (a template database on PostgreSQL, a dump on
    MariaDB, a file on SQLite); later ones start from a copy, and their `post_upgrade` finds no migration to
    apply but still runs everything else (post-migrate signals, stale content types, sessions).
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.copies: dict[str, str] = {}  # backend -> database name, or SQLite file

    def get(self, backend: str) -> str | None:
        return self.copies.get(backend)

    def keep(self, backend: str, database: str) -> None:
        """Copy `database` (a name, or for "embedded" the SQLite file) as the starting point of `backend`."""
        copy = re.sub(r"\W", "_", f"nautobot_{run_id()}_{backend}_migrated")
        if backend == "embedded":
            copy = str(self.workdir / f"{copy}.sqlite3")
            copy_sqlite(database, copy)
        elif backend == "postgres-redis":
            import psycopg

            with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{database}"')
        else:
            create_mysql_database(copy, copy_of=database)
        self.copies[backend] = copy

    def drop_all(self) -> None:
        for backend, copy in self.copies.items():
            if backend == "postgres-redis":
                drop_postgres_database(copy)
            elif backend != "embedded":
                drop_mysql_database(copy)
        self.copies.clear()


def copy_sqlite(source: str, target: str) -> None:
    """Copy the SQLite database `source` to `target` consistently (the backup API, whatever its WAL holds)."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


# The directory holding the `nautobot` package the tests import.
SOURCE_ROOT = str(Path(nautobot.__file__).resolve().parents[1])


@dataclass
class Deployment:
    """One installation of Nautobot under `root`, driven through `nautobot-server` like a user would."""

    root: Path
    env: dict[str, str] = field(default_factory=dict)
    processes: list[subprocess.Popen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)

    @property
    def environ(self) -> dict[str, str]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("NAUTOBOT_", "DJANGO_"))}
        environ = {**clean, "NAUTOBOT_ROOT": str(self.root), "PYTHONUNBUFFERED": "1", **self.env}
        # The installation runs the code under test (this checkout), whichever checkout the virtualenv installed.
        paths = [p for p in environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        environ["PYTHONPATH"] = os.pathsep.join([*paths, SOURCE_ROOT])
        return environ

    def server(
        self, *args: str, timeout: float = 600, check: bool = True, cwd: Path | None = None
    ) -> subprocess.CompletedProcess:
        """Run `nautobot-server ARGS` to completion and return the result (stdout/stderr as text)."""
        result = subprocess.run(
            [NAUTOBOT_SERVER, *args],
            env=self.environ,
            cwd=cwd or self.root,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"nautobot-server {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
            )
        return result

    def shell(self, code: str, timeout: float = 300) -> str:
        """Run Python `code` in `nautobot-server nbshell` and return what it printed."""
        return self.server("nbshell", "-c", code, timeout=timeout).stdout.strip()

    def spawn(self, *args: str, log_name: str) -> subprocess.Popen:
        """Start `nautobot-server ARGS` in the background, its output going to `root/<log_name>.log`."""
        log = open(self.root / f"{log_name}.log", "ab")
        process = subprocess.Popen(
            [NAUTOBOT_SERVER, *args],
            env=self.environ,
            cwd=self.root,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def log(self, log_name: str) -> str:
        path = self.root / f"{log_name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def add_superuser(self, username: str, password: str, *, token: str | None = None) -> None:
        """Create a superuser (and an API token with key `token`) through `nbshell`."""
        code = (
            "from django.contrib.auth import get_user_model\n"
            "from nautobot.core.permissions import get_token_model\n"
            f"user = get_user_model().objects.create_superuser({username!r}, '{username}@example.com', {password!r})\n"
        )
        if token:
            code += f"get_token_model().objects.create(user=user, key={token!r})\n"
        self.shell(code)

    def enable_jobs(self) -> None:
        """Read the job code (`refresh_jobs`) and enable every job (new ones start disabled)."""
        self.server("refresh_jobs")
        self.shell("from nautobot.extras.models import Job\nJob.objects.update(enabled=True)")

    def start_web(self, *, processes: int = 2, threads: int = 2, keepalive: bool = True, timeout: float = 90) -> str:
        """`nautobot-server start` (uWSGI's HTTP router on a free port); its base URL once `/health/live/` answers."""
        port = free_port()
        options = [f"--http=127.0.0.1:{port}", "--master", f"--processes={processes}", f"--threads={threads}"]
        self.spawn("start", *options, *(["--http-keepalive"] if keepalive else []), "--die-on-term", log_name="web")
        url = f"http://127.0.0.1:{port}"
        wait_for(
            lambda: requests.get(f"{url}/health/live/", timeout=5).status_code == 200,
            timeout=timeout,
            what="the web service",
        )
        return url

    def start_worker(self, *, concurrency: int = 1, timeout: float = 90) -> None:
        """A plain `nautobot-server celery worker` (the guide's unit), once it says it is ready."""
        self.spawn("celery", "worker", "--loglevel", "INFO", "--concurrency", str(concurrency), log_name="worker")
        wait_for(lambda: "ready." in self.log("worker"), timeout=timeout, what="the Celery worker")

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)


NGINX_CONF = """\
{user}
worker_processes 1;
daemon off;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {root}/nginx-tmp/body;
    proxy_temp_path {root}/nginx-tmp/proxy;
    fastcgi_temp_path {root}/nginx-tmp/fastcgi;
    uwsgi_temp_path {root}/nginx-tmp/uwsgi;
    scgi_temp_path {root}/nginx-tmp/scgi;
    server {{
        listen 127.0.0.1:{port};
{server}
    }}
}}
"""


@contextlib.contextmanager
def nginx(root: Path, server: str) -> Iterator[int]:
    """Run nginx (Debian's nginx-light; scripts/test installs it) in the foreground with its files under `root`,
    listening on a free loopback port (yielded) with `server` as the rest of its `server { }` block. Stopped after."""
    import shutil

    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    assert os.path.exists(binary), "nginx is needed (Debian package nginx-light; scripts/test installs it)"
    port = free_port()
    (root / "nginx-tmp").mkdir(parents=True, exist_ok=True)
    conf = root / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""
    conf.write_text(NGINX_CONF.format(user=user, root=root, port=port, server=server))
    log = open(root / "nginx.log", "ab")
    proxy = subprocess.Popen(
        [binary, "-c", str(conf), "-p", str(root)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        wait_for(lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close() or True, what="nginx")
        yield port
    finally:
        proxy.terminate()
        proxy.wait(timeout=20)
        log.close()


def load_config_file(root: Path, monkeypatch, text: str = "", **env: str) -> dict:
    """The settings a `nautobot_config.py` of `text` (after a SECRET_KEY) under `root` gives, with environment `env`
    (set through pytest's `monkeypatch`): `nautobot.core.config.load_settings`, in this process."""
    from nautobot.core.config import load_settings

    monkeypatch.setenv("NAUTOBOT_ROOT", str(root))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    path = root / "nautobot_config.py"
    path.write_text("SECRET_KEY = 'k' * 50\n" + text)
    return load_settings(path)


def csrf_token(session: requests.Session, url: str) -> str:
    """The CSRF token of the form on the page at `url` (read as `session`, which keeps the cookie)."""
    page = session.get(url, timeout=30)
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert found, f"no form with a CSRF token at {url}: {page.status_code} {page.text[:300]}"
    return found.group(1)


def sign_in(
    url: str, username: str, password: str, *, next_url: str = ""
) -> tuple[requests.Session, requests.Response]:
    """Sign in through the login form at `url`/login/ as a browser does; the session and the form's answer (302)."""
    browser = requests.Session()
    data = {"username": username, "password": password, "csrfmiddlewaretoken": csrf_token(browser, f"{url}/login/")}
    if next_url:
        data["next"] = next_url
    answer = browser.post(
        f"{url}/login/", data, headers={"Referer": f"{url}/login/"}, allow_redirects=False, timeout=30
    )
    assert answer.status_code == 302, f"sign-in as {username} failed: {answer.status_code} {answer.text[:500]}"
    return browser, answer


def uwsgi_request(
    port: int,
    path: str,
    *,
    host: str = "127.0.0.1",
    method: str = "GET",
    headers: dict | None = None,
    timeout: float = 30,
) -> tuple[int, dict, bytes]:
    """Send one request over the uwsgi protocol (what nginx's `uwsgi_pass` speaks); return status, headers, body."""
    query = ""
    if "?" in path:
        path, query = path.split("?", 1)
    variables = {
        "REQUEST_METHOD": method,
        "REQUEST_URI": path + (f"?{query}" if query else ""),
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "localhost",
    }
    for name, value in (headers or {}).items():
        variables["HTTP_" + name.upper().replace("-", "_")] = value
    body = b"".join(
        struct.pack("<H", len(k.encode())) + k.encode() + struct.pack("<H", len(v.encode())) + v.encode()
        for k, v in variables.items()
    )
    packet = struct.pack("<BHB", 0, len(body), 0) + body
    with socket.create_connection((host, port), timeout=timeout) as conn:
        conn.sendall(packet)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    raw = b"".join(chunks)
    head, _, payload = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    if not lines or not lines[0].startswith("HTTP/"):
        raise ConnectionError(f"no HTTP response over uwsgi (got {raw[:80]!r})")
    status = int(lines[0].split()[1])
    response_headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return status, response_headers, payload


def children_of(pid: int) -> set[int]:
    """Return the pids of the direct children of `pid` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    found.add(int(entry.name))
    return found


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    return True


@contextlib.contextmanager
def postgres_redis_deployment(root: Path, label: str, **env: str) -> Iterator[tuple[Deployment, "RedisServer"]]:
    """An initialised (not migrated) installation on a fresh PostgreSQL database and a private Redis (cache,
    broker, results), with extra `NAUTOBOT_*` settings `env`; its processes and Redis are stopped afterwards."""
    redis = RedisServer(root / "redis")
    redis.start()
    name = re.sub(r"\W", "_", f"nautobot_{run_id()}_{label}")
    try:
        with postgres_database(name):
            deployment = Deployment(root / "nautobot")
            deployment.env.update(
                NAUTOBOT_DB_ENGINE="postgresql", NAUTOBOT_DB_HOST=PG["host"], NAUTOBOT_DB_PORT=str(PG["port"]),
                NAUTOBOT_DB_USER=PG["user"], NAUTOBOT_DB_NAME=name,
                NAUTOBOT_CELERY_BROKER_URL=redis.url, NAUTOBOT_CELERY_RESULT_BACKEND=redis.url, **env,
            )  # fmt: skip
            try:
                deployment.server("init")
                yield deployment, redis
            finally:
                deployment.stop_all()
    finally:
        redis.stop()
