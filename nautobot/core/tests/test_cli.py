"""`nautobot-server` as a user meets it: config discovery, init, and clear errors instead of tracebacks.

Tests that set Django up in a `nautobot-server` process (seconds each) are marked slow; those that stop
before Django starts (init, config errors, --version) stay in the fast lane.
"""

import pytest

from nautobot.core.cli import split_global_options
from nautobot.core.testing.processes import Deployment


@pytest.fixture
def deployment(tmp_path):
    return Deployment(tmp_path / "root")


def assert_user_error(result, *phrases: str, code: int = 2) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for phrase in phrases:
        assert phrase in result.stderr


def test_global_options_stop_at_the_subcommand():
    assert split_global_options(["shell", "-c", "print(1)"]) == (None, ["shell", "-c", "print(1)"], False, False)
    assert split_global_options(["-c", "/x.py", "shell", "-c", "y"]) == ("/x.py", ["shell", "-c", "y"], False, False)
    assert split_global_options(["--config=/x.py", "--version"]) == ("/x.py", [], True, False)


def test_init_writes_a_config_with_a_fresh_secret_key_once(deployment):
    first = deployment.server("init")
    path = deployment.root / "nautobot_config.py"
    assert str(path) in first.stdout
    text = path.read_text()
    assert "{{" not in text and "SECRET_KEY" in text
    other = Deployment(deployment.root.parent / "other")
    other.server("init")
    assert (other.root / "nautobot_config.py").read_text() != text, "each init must write its own secret key"

    again = deployment.server("init")
    assert "already exists" in again.stderr
    assert path.read_text() == text

    explicit = deployment.root.parent / "elsewhere" / "my_config.py"
    deployment.server("init", str(explicit))
    assert explicit.exists()


@pytest.mark.slow
def test_config_is_found_by_option_then_variable_then_root(deployment, tmp_path):
    deployment.server("init")
    by_root = deployment.server("config", "path").stdout.strip()
    assert by_root == str(deployment.root / "nautobot_config.py")

    deployment.server("init", str(tmp_path / "env.py"))
    deployment.env["NAUTOBOT_CONFIG"] = str(tmp_path / "env.py")
    assert deployment.server("config", "path").stdout.strip() == str(tmp_path / "env.py")

    deployment.server("init", str(tmp_path / "option.py"))
    assert deployment.server("--config", str(tmp_path / "option.py"), "config", "path").stdout.strip() == str(
        tmp_path / "option.py"
    )


@pytest.mark.slow
def test_subcommand_keeps_its_own_dash_c(deployment):
    deployment.server("init")
    result = deployment.server("shell", "-c", "print('shell ran', 6 * 7)")
    assert "shell ran 42" in result.stdout


def test_missing_config_names_the_path_and_the_fix(deployment):
    result = deployment.server("migrate", check=False)
    assert_user_error(result, str(deployment.root / "nautobot_config.py"), "nautobot-server init")


def test_broken_config_names_the_line(deployment):
    deployment.server("init")
    with open(deployment.root / "nautobot_config.py", "a") as config:
        config.write("\nDEBUG = (\n")
    assert_user_error(deployment.server("migrate", check=False), "syntax error", "nautobot_config.py")

    (deployment.root / "nautobot_config.py").write_text("SECRET_KEY = 'x' * 60\nimport no_such_module\n")
    assert_user_error(deployment.server("migrate", check=False), "line 2", "ModuleNotFoundError", "no_such_module")


def test_bad_environment_value_is_explained(deployment):
    deployment.server("init")
    deployment.env["NAUTOBOT_DEBUG"] = "maybe"
    assert_user_error(deployment.server("migrate", check=False), "NAUTOBOT_DEBUG='maybe' is not a boolean")
    deployment.env["NAUTOBOT_DEBUG"] = "no"
    deployment.env["NAUTOBOT_DB_TIMEOUT"] = "five"
    assert_user_error(deployment.server("migrate", check=False), "NAUTOBOT_DB_TIMEOUT='five' is not a whole number")


@pytest.mark.slow
def test_extra_settings_append(deployment):
    deployment.server("init")
    with open(deployment.root / "nautobot_config.py", "a") as config:
        config.write("\nEXTRA_ALLOWED_HOSTS = ['nautobot.example.com']\n")
    output = deployment.server("shell", "-c", "from django.conf import settings; print(settings.ALLOWED_HOSTS)").stdout
    assert "'localhost'" in output and "'nautobot.example.com'" in output


@pytest.mark.slow
def test_unreachable_database_gives_a_clear_message(deployment):
    deployment.server("init")
    deployment.env.update(NAUTOBOT_DB_ENGINE="postgresql", NAUTOBOT_DB_HOST="127.0.0.1", NAUTOBOT_DB_PORT="1")
    result = deployment.server("migrate", check=False)
    assert_user_error(result, "Cannot use the database nautobot at 127.0.0.1:1", "NAUTOBOT_DB_", code=1)

    check = deployment.server("config", "check", check=False)
    assert check.returncode == 1 and "database   FAILED" in check.stdout and "Traceback" not in check.stderr


@pytest.mark.slow
def test_unreachable_broker_stops_the_worker_with_a_clear_message(deployment):
    deployment.server("init")
    deployment.server("migrate", "-v0")
    deployment.env["NAUTOBOT_CELERY_BROKER_URL"] = "amqp://guest:s3cret@127.0.0.1:1//"
    result = deployment.server("celery", "worker", "--loglevel", "INFO", check=False, timeout=60)
    assert_user_error(result, "Cannot connect to the Celery broker amqp://guest:**@127.0.0.1:1//", code=1)
    assert "s3cret" not in result.stderr + result.stdout


@pytest.mark.slow
def test_unmigrated_database_says_to_run_post_upgrade(deployment):
    deployment.server("init")
    result = deployment.server("health_check", "workers", check=False)
    assert "post_upgrade" in result.stdout


@pytest.mark.slow
def test_config_check_on_a_working_embedded_setup(deployment):
    deployment.server("init")
    upgraded = deployment.server("post_upgrade", "--no-collectstatic", "--no-invalidate-all")  # 1.x scripts pass both
    assert "Generate missing cable paths (trace_paths)" in upgraded.stdout
    result = deployment.server("config", "check")
    assert "The configuration works." in result.stdout
    assert "sqlite" in result.stdout


def test_version_and_help_need_no_config(deployment):
    assert deployment.server("--version").stdout.strip()
    assert "nautobot-server" in deployment.server("--help").stdout
    key = deployment.server("generate_secret_key").stdout.strip()  # 1.x: for the config file, before there is one
    assert len(key) == 50 and key != deployment.server("generate_secret_key").stdout.strip()
    assert not (deployment.root / "nautobot_config.py").exists()
