"""1.x cache settings on real Redis servers: the required-settings example's django-redis `CACHES`, Redis Sentinel as
the 1.x caching guide configures it, `NAUTOBOT_CACHES_BACKEND`, and the `CACHEOPS_*` settings accepted and harmless."""

import subprocess
import textwrap
from pathlib import Path

import pytest
import redis

from nautobot.core.config import ConfigError
from nautobot.core.testing.processes import Deployment, RedisServer, free_port, load_config_file, wait_for

# The 1.x required settings' CACHES (django-redis), with every CACHEOPS_* setting of 1.x set, its Redis unreachable.
CONFIG_1X = """
from nautobot.core.settings import *  # noqa
from nautobot.core.settings_funcs import is_truthy, parse_redis_connection

SECRET_KEY = "test-only-0123456789abcdefghijklmnopqrstuvwxyz0123456789"

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": parse_redis_connection(redis_database=1),
        "TIMEOUT": 300,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "PASSWORD": "",
        },
    }
}
CACHEOPS_ENABLED = True
CACHEOPS_REDIS = "redis://127.0.0.1:1/1"
CACHEOPS_DEFAULTS = {"timeout": 900}
CACHEOPS_DEGRADE_ON_FAILURE = True
CACHEOPS_HEALTH_CHECK_ENABLED = True
CACHEOPS = {"auth.user": {"ops": "get", "timeout": 900}, "dcim.*": {"ops": "all"}}
"""
PROBE = (
    "from django.core.cache import cache\n"
    "cache.set('probe', 'stored', 60)\n"
    "with cache.lock('probe-lock', timeout=5):\n"  # django-redis's own API, which 1.x code and apps use
    "    print(cache.get('probe'))\n"
)


def _deployment(root: Path, config: str, **env: str) -> Deployment:
    deployment = Deployment(root, env=env)
    (root / "nautobot_config.py").write_text(textwrap.dedent(config))
    return deployment


@pytest.mark.slow
def test_the_1x_required_settings_caches_block_works_and_cacheops_settings_are_harmless(tmp_path):
    server = RedisServer(tmp_path / "redis")
    server.start()
    try:
        deployment = _deployment(
            tmp_path / "nautobot", CONFIG_1X, NAUTOBOT_REDIS_HOST="127.0.0.1", NAUTOBOT_REDIS_PORT=str(server.port)
        )
        check = deployment.server("config", "check")
        assert "cache      ok  RedisCache" in check.stdout, check.stdout
        assert deployment.shell(PROBE).splitlines()[-1] == "stored"
        assert redis.Redis(port=server.port, db=1).get(":1:probe") is not None  # in database 1, as LOCATION says
    finally:
        server.stop()


def _start_sentinel(workdir: Path, master_port: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    conf = workdir / "sentinel.conf"
    conf.write_text(f"port {port}\nbind 127.0.0.1\nsentinel monitor mymaster 127.0.0.1 {master_port} 1\n")
    process = subprocess.Popen(
        ["redis-server", str(conf), "--sentinel"], cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    client = redis.Redis(port=port)
    wait_for(lambda: client.sentinel_master("mymaster")["port"] == master_port, what="redis-sentinel's master")
    return process, port


@pytest.mark.slow
def test_a_redis_sentinel_cache_as_the_1x_caching_guide_configures_it(tmp_path):
    server = RedisServer(tmp_path / "redis")
    server.start()
    sentinel, sentinel_port = _start_sentinel(tmp_path / "sentinel", server.port)
    try:
        config = f"""
            SECRET_KEY = "test-only-0123456789abcdefghijklmnopqrstuvwxyz0123456789"
            DJANGO_REDIS_CONNECTION_FACTORY = "django_redis.pool.SentinelConnectionFactory"
            CACHES = {{
                "default": {{
                    "BACKEND": "django_redis.cache.RedisCache",
                    "LOCATION": "redis://mymaster/0",
                    "OPTIONS": {{
                        "CLIENT_CLASS": "django_redis.client.SentinelClient",
                        "CONNECTION_POOL_CLASS": "redis.sentinel.SentinelConnectionPool",
                        "PASSWORD": "",
                        "SENTINEL_KWARGS": {{"password": ""}},
                        "SENTINELS": [("127.0.0.1", {sentinel_port})],
                    }},
                }},
            }}
        """
        deployment = _deployment(tmp_path / "nautobot", config)
        assert deployment.shell(PROBE).splitlines()[-1] == "stored"
        assert redis.Redis(port=server.port, db=0).get(":1:probe") is not None  # on the master the sentinel named
    finally:
        sentinel.terminate()
        sentinel.wait(timeout=20)
        server.stop()


@pytest.mark.parametrize("redis_host", ["", "127.0.0.1"])
def test_nautobot_caches_backend_names_the_cache_class(tmp_path, monkeypatch, redis_host):
    monkeypatch.delenv("NAUTOBOT_REDIS_HOST", raising=False)
    env = {"NAUTOBOT_REDIS_HOST": redis_host} if redis_host else {}
    default = load_config_file(tmp_path, monkeypatch, **env)["CACHES"]["default"]
    if redis_host:  # 1.x's default on Redis: django-redis
        assert default["BACKEND"] == "django_redis.cache.RedisCache"
        assert default["OPTIONS"]["CLIENT_CLASS"] == "django_redis.client.DefaultClient"
    loaded = load_config_file(
        tmp_path, monkeypatch, NAUTOBOT_CACHES_BACKEND="django.core.cache.backends.redis.RedisCache", **env
    )
    assert loaded["REFUSED_SETTINGS"] == []  # the variable is read, not refused
    chosen = loaded["CACHES"]["default"]
    assert chosen["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert chosen["LOCATION"].startswith("redis://") and "OPTIONS" not in chosen


def test_a_cache_backend_that_cannot_be_imported_stops_in_one_line(tmp_path, monkeypatch):
    with pytest.raises(ConfigError) as refused:
        load_config_file(tmp_path, monkeypatch, NAUTOBOT_CACHES_BACKEND="django_redis_typo.cache.RedisCache")
    message = str(refused.value)
    assert "NAUTOBOT_CACHES_BACKEND" in message and "django_redis_typo" in message and "\n" not in message
    with pytest.raises(ConfigError, match=r"CACHES\['default'\]\['BACKEND'\]"):
        load_config_file(tmp_path, monkeypatch, "CACHES = {'default': {'BACKEND': 'nowhere.Cache'}}\n")


def test_cacheops_settings_are_read_from_the_environment_as_1_6_reads_them(tmp_path, monkeypatch):
    settings = load_config_file(
        tmp_path,
        monkeypatch,
        NAUTOBOT_CACHEOPS_ENABLED="true",
        NAUTOBOT_CACHEOPS_REDIS="redis://127.0.0.1:1/1",
        NAUTOBOT_CACHEOPS_TIMEOUT="60",
    )
    assert settings["CACHEOPS_ENABLED"] is True and settings["CACHEOPS_REDIS"] == "redis://127.0.0.1:1/1"
    assert settings["CACHEOPS_DEFAULTS"] == {"timeout": 60}
    sentinel = "CACHEOPS_REDIS = False\nCACHEOPS_SENTINEL = {'locations': [('127.0.0.1', 1)], 'service_name': 'x'}\n"
    assert (
        load_config_file(tmp_path, monkeypatch, sentinel)["CACHEOPS_SENTINEL"]["service_name"] == "x"
    )  # accepted, unused
    with pytest.raises(ConfigError, match="NAUTOBOT_CACHEOPS_TIMEOUT"):
        load_config_file(tmp_path, monkeypatch, NAUTOBOT_CACHEOPS_TIMEOUT="soon")


def test_parse_redis_connection_has_the_1x_signature(monkeypatch):
    from nautobot.core.settings_funcs import parse_redis_connection

    monkeypatch.setenv("NAUTOBOT_REDIS_HOST", "redis.example.com")
    monkeypatch.setenv("NAUTOBOT_REDIS_PORT", "6380")
    assert parse_redis_connection(redis_database=1) == "redis://redis.example.com:6380/1"
    assert parse_redis_connection(2).endswith(":6380/2")


@pytest.mark.parametrize(
    "caches", ["{'default': 'redis://x'}", "'redis://x'", "{'default': {'LOCATION': 'redis://x'}}"], ids=str
)
def test_a_malformed_caches_stops_in_one_line(tmp_path, monkeypatch, caches):
    with pytest.raises(ConfigError) as refused:
        load_config_file(tmp_path, monkeypatch, f"METRICS_ENABLED = True\nCACHES = {caches}\n")
    assert "CACHES" in str(refused.value) and "\n" not in str(refused.value)
