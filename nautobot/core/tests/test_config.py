"""Loading `nautobot_config.py`: overlay, EXTRA_ settings and per-engine database completion."""

import pytest

from nautobot.core.config import ConfigError, load_settings
from nautobot.core.testing.processes import load_config_file


def test_user_values_replace_defaults_and_extra_appends(tmp_path, monkeypatch):
    settings = load_config_file(
        tmp_path, monkeypatch, "PAGINATE_COUNT = 10\nEXTRA_INSTALLED_APPS = ['my_app']\nlowercase = 1\n"
    )
    assert settings["PAGINATE_COUNT"] == 10
    assert settings["INSTALLED_APPS"][-1] == "my_app" and "nautobot.core" in settings["INSTALLED_APPS"]
    assert "lowercase" not in settings


def test_extra_of_a_non_list_is_refused(tmp_path, monkeypatch):
    with pytest.raises(ConfigError, match="EXTRA_DEBUG"):
        load_config_file(tmp_path, monkeypatch, "EXTRA_DEBUG = [True]\n")


def test_mysql_always_gets_utf8mb4(tmp_path, monkeypatch):
    settings = load_config_file(
        tmp_path,
        monkeypatch,
        "DATABASES = {'default': {'ENGINE': 'django.db.backends.mysql', 'NAME': 'n', 'OPTIONS': {'charset': 'utf8'}}}\n",
    )
    assert settings["DATABASES"]["default"]["OPTIONS"]["charset"] == "utf8mb4"


def test_embedded_sqlite_uses_wal(tmp_path, monkeypatch):
    for name in (
        "NAUTOBOT_DB_ENGINE",
        "NAUTOBOT_DB_HOST",
        "NAUTOBOT_DB_NAME",
        "NAUTOBOT_DB_USER",
        "NAUTOBOT_DB_PASSWORD",
        "NAUTOBOT_DB_PORT",
    ):
        monkeypatch.delenv(name, raising=False)
    settings = load_config_file(tmp_path, monkeypatch, "")
    options = settings["DATABASES"]["default"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"] and options["transaction_mode"] == "IMMEDIATE"
    assert settings["CELERY_BROKER_URL"].startswith("nautobot-sqla+sqlite:///")
    assert (tmp_path / "jobs" / "__init__.py").exists()


def test_empty_secret_key_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("NAUTOBOT_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is empty"):
        load_config_file(tmp_path, monkeypatch, "SECRET_KEY = ''\n")


def test_defaults_can_be_edited_in_place_without_touching_the_module(tmp_path, monkeypatch):
    from nautobot.core import settings as defaults

    before = defaults.CACHES["default"]["TIMEOUT"]
    settings = load_config_file(
        tmp_path, monkeypatch, 'CACHES["default"]["TIMEOUT"] = 7\nPLUGINS_CONFIG["x"] = {"a": 1}\n'
    )
    assert settings["CACHES"]["default"]["TIMEOUT"] == 7
    assert settings["PLUGINS_CONFIG"]["x"] == {"a": 1}
    assert defaults.CACHES["default"]["TIMEOUT"] == before  # the defaults module keeps its own value


def test_a_file_written_for_the_original_imports_the_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("NAUTOBOT_ROOT", str(tmp_path))
    path = tmp_path / "nautobot_config.py"
    path.write_text("from nautobot.core.settings import *  # noqa\nSECRET_KEY = 'k' * 50\nPAGINATE_COUNT = 25\n")
    settings = load_settings(path)
    assert settings["PAGINATE_COUNT"] == 25 and "nautobot.core" in settings["INSTALLED_APPS"]


def test_database_engine_short_names_and_bad_engines(tmp_path, monkeypatch):
    """A 1.x file that reads NAUTOBOT_DB_ENGINE itself may get our short name; a wrong engine is one line."""
    text = "DATABASES = {'default': {'ENGINE': %r, 'NAME': 'n'}}\n"
    assert load_config_file(tmp_path, monkeypatch, text % "postgresql")["DATABASES"]["default"]["ENGINE"] == (
        "django.db.backends.postgresql"
    )
    with pytest.raises(ConfigError, match=r"'postgres' , which is no database backend|is 'postgres', which is no"):
        load_config_file(tmp_path, monkeypatch, text % "postgres")
    with pytest.raises(ConfigError, match="which is no database backend"):
        load_config_file(tmp_path, monkeypatch, text % "django.db.backends.oracle9")
