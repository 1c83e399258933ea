"""Fixtures that build real installations (`Deployment`) on the supported database/broker pairs."""

import contextlib
import re
import textwrap

import pytest

from nautobot.core.testing.processes import (
    ADMIN_TOKEN,
    MYSQL,
    PG,
    RABBITMQ_URL,
    REDIS_URL,
    Deployment,
    MigratedDatabases,
    copy_sqlite,
    mysql_database,
    postgres_database,
    redis_database,
    run_id,
)

# The deployment guide's custom task, before (RQ) and after (Celery) its migration.
CELERY_TASK_MODULE = """\
from nautobot.core.celery import nautobot_task


@nautobot_task
def example_task(*args, **kwargs):
    return "examples are cool!"
"""
RQ_TASK_MODULE = """\
from django_rq import job


@job("default")
def example_task(*args, **kwargs):
    return "examples are cool!"
"""
BACKENDS = ("embedded", "postgres-redis", "mariadb-rabbitmq")


def _redis_settings(number: int) -> str:
    url = f"{REDIS_URL}/{number}"
    return textwrap.dedent(f"""
        CACHES = {{"default": {{"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "{url}"}}}}
        RQ_QUEUES = {{name: {{"URL": "{url}"}} for name in ("default", "check_releases", "custom_fields", "webhooks")}}
    """)


@pytest.fixture(scope="session")
def migrated_databases(tmp_path_factory):
    """Databases as `post_upgrade` left them, one per backend, that `make_deployment` starts from (see
    `MigratedDatabases`: each backend's migrations still run once per session)."""
    databases = MigratedDatabases(tmp_path_factory.mktemp("migrated"))
    try:
        yield databases
    finally:
        databases.drop_all()


@pytest.fixture
def make_deployment(tmp_path, migrated_databases):
    """Return a factory: `make_deployment(backend)` gives a migrated `Deployment` with the guide's tasks.

    `migrate=False`: not migrated; with `from_copy=True` it starts from the backend's migrated copy when there is
    one (for a test that adds a plugin and runs `post_upgrade` itself: only the plugin's migrations are left).
    """
    with contextlib.ExitStack() as stack:
        made: list[Deployment] = []

        def make(backend: str, *, migrate: bool = True, from_copy: bool = False) -> Deployment:
            root = tmp_path / backend
            (root / "tasks").mkdir(parents=True)
            (root / "tasks" / "task_example.py").write_text(CELERY_TASK_MODULE)
            (root / "tasks" / "rq_task_example.py").write_text(RQ_TASK_MODULE)
            deployment = Deployment(root, env={"PYTHONPATH": str(root / "tasks")})
            made.append(deployment)
            deployment.server("init")
            extra = 'CELERY_IMPORTS = ["task_example"]\n'
            name = re.sub(r"\W", "_", f"nautobot_{run_id()}_{backend}")
            migrated = migrated_databases.get(backend) if migrate or from_copy else None
            if backend == "postgres-redis":
                stack.enter_context(postgres_database(name, template=migrated))
                number = stack.enter_context(redis_database())
                deployment.env.update(
                    NAUTOBOT_DB_ENGINE="postgresql",
                    NAUTOBOT_DB_HOST=PG["host"],
                    NAUTOBOT_DB_PORT=str(PG["port"]),
                    NAUTOBOT_DB_USER=PG["user"],
                    NAUTOBOT_DB_NAME=name,
                    NAUTOBOT_CELERY_BROKER_URL=f"{REDIS_URL}/{number}",
                    NAUTOBOT_CELERY_RESULT_BACKEND=f"{REDIS_URL}/{number}",
                )
                extra += _redis_settings(number)
            elif backend == "mariadb-rabbitmq":
                stack.enter_context(mysql_database(name, copy_of=migrated))
                number = stack.enter_context(redis_database())  # for the legacy RQ worker only
                deployment.env.update(
                    NAUTOBOT_DB_ENGINE="mysql",
                    NAUTOBOT_DB_HOST=MYSQL["host"],
                    NAUTOBOT_DB_PORT=str(MYSQL["port"]),
                    NAUTOBOT_DB_USER=MYSQL["user"],
                    NAUTOBOT_DB_NAME=name,
                    NAUTOBOT_CELERY_BROKER_URL=RABBITMQ_URL,
                    NAUTOBOT_CELERY_RESULT_BACKEND="rpc://",
                    NAUTOBOT_CELERY_TASK_DEFAULT_QUEUE=f"default-{run_id()}",
                )
                extra += _redis_settings(number)
            elif backend != "embedded":
                raise ValueError(backend)
            with open(root / "nautobot_config.py", "a") as config:
                config.write("\n" + extra)
            sqlite_file = str(root / "nautobot.sqlite3")
            if migrated and backend == "embedded":
                copy_sqlite(migrated, sqlite_file)
            if migrate:
                deployment.server("post_upgrade", "--no-collectstatic")
            if migrate and not migrated:
                migrated_databases.keep(backend, sqlite_file if backend == "embedded" else name)
            return deployment

        try:
            yield make
        finally:
            for deployment in made:
                deployment.stop_all()


@pytest.fixture
def api_server(make_deployment) -> str:
    """A migrated PostgreSQL/Redis installation served by uWSGI, with superuser `admin` (password `admin`) whose
    token is `ADMIN_TOKEN`: the base URL, for the real clients (pynautobot, the Ansible collection's requests)."""
    deployment = make_deployment("postgres-redis")
    deployment.add_superuser("admin", "admin", token=ADMIN_TOKEN)
    return deployment.start_web(processes=2, threads=2, timeout=60)
