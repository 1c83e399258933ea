"""The in-process tests that depend most on the database engine, run again on SQLite and MariaDB.

The suite runs in-process on PostgreSQL; the slow tests run real installations on all three engines
(`conftest.BACKENDS`: migrations, workers, jobs), but see them only through their processes. The job
runner's transaction, side channel, spool, lease and cancel differ per engine (SQLite has one writer: two
of its tests once failed on SQLite only), so its in-process tests and the migration check run here on the
other two engines too, each in a pytest of its own (the database is chosen per process).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[3]
ENGINE_TESTS = (
    "nautobot/extras/tests/test_jobs.py",
    "nautobot/core/tests/test_migrations.py",
    "nautobot/extras/tests/test_app_api_secrets.py",  # new models: their migration and JSON parameters
    "nautobot/extras/tests/test_dynamic_groups.py",  # membership as subqueries of the filtersets
)


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["sqlite3", "mysql"])
def test_engine_dependent_tests_pass_on(engine):
    # A run of its own: its own run id, root and database, no inherited parallel-worker identity.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NAUTOBOT_", "PYTEST_", "DJANGO_"))}
    env["NAUTOBOT_TEST_DB"] = engine
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-m", "not slow", *ENGINE_TESTS],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, f"on {engine}:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}"
