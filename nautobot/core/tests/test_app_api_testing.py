"""The 1.x app test API, as an app author uses it: `nautobot-server test <label>` runs test cases written on
`nautobot.utilities.testing` (`nautobot/core/tests/app_1x_suite/`) with Django's test runner and the
installation's settings, on a test database of the configured engine (`test_<NAME>`), kept with `--keepdb`,
cloned per process with `--parallel`."""

import re

import pytest

from nautobot.core.testing.processes import drop_postgres_database, postgres_database

pytestmark = pytest.mark.slow


def _ran(output: str) -> int:
    match = re.search(r"^Ran (\d+) tests? in", output, re.MULTILINE)
    assert match, output[-3000:]
    return int(match.group(1))


def test_nautobot_server_test_runs_a_1x_app_suite(make_deployment):
    deployment = make_deployment("postgres-redis")
    name = deployment.env["NAUTOBOT_DB_NAME"]
    # Start the test database from the migrated one and keep it (--keepdb): Django would migrate it again.
    with postgres_database(f"test_{name}", template=name):
        try:
            result = deployment.server(
                "test", "nautobot.core.tests.app_1x_suite.cases", "--noinput", "--keepdb", "--parallel", "2",
                check=False, timeout=1200,
            )  # fmt: skip
            output = result.stdout + result.stderr
            assert result.returncode == 0, output[-6000:]
            assert "Using existing test database" in output  # --keepdb
            assert output.count("Preserving test database") == 3  # --parallel 2: the database and its 2 clones
            assert _ran(output) >= 80  # every base test of the API, view, filter and helper cases
            assert re.search(r"^OK \(skipped=\d+\)$", output, re.MULTILINE), output[-2000:]

            # The same runner reports a 1.x test that the system does not pass as a failure, with its name.
            result = deployment.server(
                "test", "nautobot.core.tests.app_1x_suite.failing", "--noinput", "--keepdb", check=False, timeout=600
            )
            output = result.stdout + result.stderr
            assert result.returncode != 0
            failed = set(re.findall(r"^FAIL: (\w+) \(", output, re.MULTILINE))
            assert failed == {"test_list_objects_brief", "test_create_object", "test_bulk_create_objects"}, output
        finally:
            for clone in (1, 2):
                drop_postgres_database(f"test_{name}_{clone}")
