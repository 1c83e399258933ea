"""Environment readers: typed values, clear errors, safe URLs."""

import pytest

from nautobot.core import settings_funcs as sf


def test_is_truthy_accepts_the_usual_words_only():
    assert sf.is_truthy("Yes") and sf.is_truthy("1") and sf.is_truthy(True)
    assert not sf.is_truthy("off") and not sf.is_truthy("0")
    with pytest.raises(ValueError):
        sf.is_truthy("maybe")


def test_env_readers(monkeypatch):
    monkeypatch.setenv("NAUTOBOT_X", "42")
    assert sf.env_int("NAUTOBOT_X", 1) == 42
    monkeypatch.setenv("NAUTOBOT_X", "-1")
    with pytest.raises(sf.SettingError, match="at least 0"):
        sf.env_int("NAUTOBOT_X", 1, minimum=0)
    monkeypatch.setenv("NAUTOBOT_X", "")
    assert sf.env_int("NAUTOBOT_X", 7) == 7, "an empty variable means the default"
    monkeypatch.setenv("NAUTOBOT_X", "a.example b.example")
    assert sf.env_list("NAUTOBOT_X", [], sep=" ") == ["a.example", "b.example"]
    monkeypatch.setenv("NAUTOBOT_X", "debug")
    assert sf.env_choice("NAUTOBOT_X", "INFO", ("DEBUG", "INFO")) == "DEBUG"


def test_redis_url_encodes_credentials(monkeypatch):
    monkeypatch.setenv("NAUTOBOT_REDIS_HOST", "cache.example")
    monkeypatch.setenv("NAUTOBOT_REDIS_PASSWORD", "p@ss/w:rd")
    assert sf.parse_redis_connection(1) == "redis://:p%40ss%2Fw%3Ard@cache.example:6379/1"
    monkeypatch.setenv("NAUTOBOT_REDIS_SSL", "true")
    assert sf.parse_redis_connection(0).startswith("rediss://")


def test_database_defaults_to_embedded_sqlite(monkeypatch, tmp_path):
    for name in (*sf.DB_VARIABLES, "NAUTOBOT_DB_ENGINE"):
        monkeypatch.delenv(name, raising=False)
    db = sf.database_from_env(str(tmp_path))
    assert db["ENGINE"] == "django.db.backends.sqlite3" and db["NAME"] == str(tmp_path / "nautobot.sqlite3")
    monkeypatch.setenv("NAUTOBOT_DB_HOST", "db.example")
    assert sf.database_from_env(str(tmp_path))["ENGINE"] == "django.db.backends.postgresql"
    monkeypatch.setenv("NAUTOBOT_DB_ENGINE", "mysql")
    assert sf.database_from_env(str(tmp_path))["ENGINE"] == "django.db.backends.mysql"
