"""Configuration of the test suite: PostgreSQL by default, `NAUTOBOT_TEST_DB=mysql|sqlite3` for the others.

Names carry `NAUTOBOT_TEST_RUN_ID` so that parallel runs on one machine never share a database.
"""

import os

RUN_ID = os.environ.get("NAUTOBOT_TEST_RUN_ID", "local")
SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdefghijklmnop"
GIT_CREDENTIALS_KEY = "test-only-git-credentials-key-not-for-production"
ALLOWED_HOSTS = ["*"]
_engine = os.environ.get("NAUTOBOT_TEST_DB", "postgresql")
if _engine == "postgresql":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": f"nautobot_{RUN_ID}",
            "USER": os.environ.get("NAUTOBOT_TEST_PG_USER", "postgres"),
            "HOST": "127.0.0.1",
            "PORT": "5432",
            "CONN_MAX_AGE": 300,
        }
    }
elif _engine == "mysql":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.mysql",
            "NAME": f"nautobot_{RUN_ID}",
            "USER": "root",
            "HOST": "127.0.0.1",
            "PORT": "3306",
            "TEST": {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_bin"},
        }
    }
else:
    # The file runs on its own (no defaults in its namespace), so NAUTOBOT_ROOT comes from the environment.
    _root = os.environ.get("NAUTOBOT_ROOT", os.path.expanduser("~/.nautobot"))
    _file = os.path.join(_root, f"test-{RUN_ID}.sqlite3")
    # A file, not Django's shared in-memory database: threads of one test then lock it as processes do.
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": _file, "TEST": {"NAME": _file}}}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# In-process tests never need a real broker; tests of workers start real ones with their own settings.
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = "cache+memory://"
# /metrics/ (the Prometheus endpoint and the apps' `metrics` hook) exists in tests.
METRICS_ENABLED = True
# Failed-login limits off: in-process tests share one cache and one client address (127.0.0.1), so failures of
# unrelated tests would add up; nautobot/core/tests/test_login_limits.py turns them on.
LOGIN_FAILURE_LIMIT_PER_USER = 0
LOGIN_FAILURE_LIMIT_PER_ADDRESS = 0
# Tests create many users: a fast hasher keeps fixtures cheap (never use this outside tests).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The example plugin (examples/example_plugin) and the 1.x-style example app (examples/app_1x) are loaded in every
# test run, like a user's plugins would be. `scripts/test` pip-installs them; a checkout that has not done so finds
# them on its path here.
for _package, _folder in (("example_plugin", "example_plugin"), ("example_app_1x", "app_1x")):
    try:
        __import__(_package)
    except ModuleNotFoundError:
        import sys

        sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "examples", _folder))
PLUGINS = ["example_plugin", "example_app_1x"]
PLUGINS_CONFIG = {"example_plugin": {"greeting": "Hello from the tests"}}

# The runtime settings are re-read from the database every RUNTIME_SETTINGS_REFRESH seconds (5 by default): in the
# test process that periodic query would land in whichever request crosses the interval and break the tests that
# count a request's queries. Tests of the refresh itself call runtime_settings.forget() or run real services.
RUNTIME_SETTINGS_REFRESH = 3600
