"""Default settings. A user's `nautobot_config.py` is laid over these (see `nautobot.core.config`).

Each default that can come from the environment is read through `settings_funcs.env_*`, which names
the variable and the fix when a value is wrong. With no database or Redis variables at all, the
defaults are the embedded, server-less set-up: SQLite, a SQLite-backed Celery broker and result
backend, and a file cache, all under `$NAUTOBOT_ROOT`.
"""

import os
import platform
import re
import sys
import tempfile

from nautobot import __version__
from nautobot.core.settings_funcs import (
    database_from_env,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_path,
    env_port_list,
    env_str,
    is_redis_configured,
    nautobot_root,
    parse_redis_connection,
    vendor_static_dirs,
)

NAUTOBOT_ROOT = nautobot_root()
# The running release (1.x apps read `settings.VERSION`, e.g. to compare with their own bounds).
VERSION = __version__
BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# More read-only values 1.x code and apps read (what each 1.6 setting does here: `nautobot.core.settings_catalog`).
HOSTNAME = platform.node()
TESTING = len(sys.argv) > 1 and sys.argv[1] == "test"
REST_FRAMEWORK_VERSION = "1.6"
REST_FRAMEWORK_ALLOWED_VERSIONS = ["1.2", "1.3", "1.4", "1.5", "1.6"]

# Core Django
DEBUG = env_bool("NAUTOBOT_DEBUG", False)
SECRET_KEY = env_str("NAUTOBOT_SECRET_KEY")
# Encrypts Git repository credentials at rest; separate from SECRET_KEY so rotating that one loses nothing.
# Older keys stay able to decrypt (values are re-encrypted with the current key when saved).
GIT_CREDENTIALS_KEY = env_str("NAUTOBOT_GIT_CREDENTIALS_KEY")
GIT_CREDENTIALS_OLD_KEYS = env_list("NAUTOBOT_GIT_CREDENTIALS_OLD_KEYS", [], sep=" ")
ALLOWED_HOSTS = env_list("NAUTOBOT_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"], sep=" ")
CSRF_TRUSTED_ORIGINS = env_list("NAUTOBOT_CSRF_TRUSTED_ORIGINS", [], sep=" ")
TIME_ZONE = env_str("NAUTOBOT_TIME_ZONE", "UTC")
USE_TZ = True
USE_I18N = False
LANGUAGE_CODE = "en-us"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ROOT_URLCONF = "nautobot.core.urls"
WSGI_APPLICATION = "nautobot.core.wsgi.application"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = True
X_FRAME_OPTIONS = "DENY"
# Maintenance mode (1.x): a banner on every page, and nothing written to the database, which may be read-only:
# writes through the UI and the API are refused (503), while reads, logins and existing sessions go on (the
# default SESSION_ENGINE keeps new and changed sessions in signed cookies meanwhile; see core/sessions.py).
MAINTENANCE_MODE = env_bool("NAUTOBOT_MAINTENANCE_MODE", False)
# NAPALM (1.x): fallback credentials and driver arguments of `nautobot.dcim.napalm` (a device's secrets group wins).
NAPALM_USERNAME = env_str("NAUTOBOT_NAPALM_USERNAME", "")
NAPALM_PASSWORD = env_str("NAUTOBOT_NAPALM_PASSWORD", "")
NAPALM_TIMEOUT = env_int("NAUTOBOT_NAPALM_TIMEOUT", 30)
NAPALM_ARGS: dict = {}
LOGIN_REQUIRED = env_bool("NAUTOBOT_LOGIN_REQUIRED", True)
# 1.x: models everyone, even anonymous, may view without a permission ("dcim.site", or "*" for every model) ...
EXEMPT_VIEW_PERMISSIONS = []
# ... except these (app label, model), which "*" does not reach.
EXEMPT_EXCLUDE_MODELS = (("auth", "group"), ("users", "user"), ("users", "objectpermission"))
# Serving under a sub-path (`https://host/nautobot/`): FORCE_SCRIPT_NAME = "/nautobot" (or BASE_PATH = "nautobot/").
FORCE_SCRIPT_NAME = None
BASE_PATH = ""
# URL names (as 1.x), so that they follow FORCE_SCRIPT_NAME when served under a sub-path.
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
SESSION_COOKIE_AGE = env_int("NAUTOBOT_SESSION_COOKIE_AGE", 1209600, minimum=1)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("NAUTOBOT_SESSION_EXPIRE_AT_BROWSER_CLOSE", False)
# Sessions in the database (Django's engine, see MAINTENANCE_MODE); SESSION_FILE_PATH (NAUTOBOT_SESSION_FILE_PATH),
# when set, keeps them in files in that directory unless SESSION_ENGINE names another engine (1.6 also wants
# SESSION_ENGINE set to the file engine; here the path is enough).
SESSION_ENGINE = "nautobot.core.sessions"
SESSION_FILE_PATH = env_str("NAUTOBOT_SESSION_FILE_PATH") or None

# Database: embedded SQLite unless NAUTOBOT_DB_* says otherwise (see settings_funcs.database_from_env).
DATABASES = {"default": database_from_env(NAUTOBOT_ROOT)}

# Files
STATIC_URL = "static/"
STATIC_ROOT = env_path("NAUTOBOT_STATIC_ROOT", os.path.join(NAUTOBOT_ROOT, "static"))
# Front-end libraries come from Python packages installed with Nautobot (see DESIGN.md, "UI assets"),
# collected into STATIC_ROOT by `post_upgrade` like our own files: nothing is fetched at run time.
STATICFILES_DIRS = vendor_static_dirs()
MEDIA_URL = "media/"
MEDIA_ROOT = env_path("NAUTOBOT_MEDIA_ROOT", os.path.join(NAUTOBOT_ROOT, "media"))
# Uploaded files (device type images) go to MEDIA_ROOT, or to the django-storages class named here (pip install
# 'nautobot[remote_storage]' for S3), configured by STORAGE_CONFIG's entries (its settings: AWS_STORAGE_BUCKET_NAME...).
STORAGE_BACKEND = None
STORAGE_CONFIG = {}
JOBS_ROOT = env_path("NAUTOBOT_JOBS_ROOT", os.path.join(NAUTOBOT_ROOT, "jobs"))
GIT_ROOT = env_path("NAUTOBOT_GIT_ROOT", os.path.join(NAUTOBOT_ROOT, "git"))

# Redis (cache, Celery, RQ) — only when a NAUTOBOT_REDIS_* variable is set.
REDIS_CONFIGURED = is_redis_configured()
# The cache: django-redis on Redis, as in 1.x (apps use its extras: `cache.lock()`, `delete_pattern()`), else a file
# cache. NAUTOBOT_CACHES_BACKEND names another class, as in 1.6 (a Redis one on the NAUTOBOT_REDIS_* server); the
# class is checked when the configuration loads (core/config_ops.py).
_cache_backend = env_str(
    "NAUTOBOT_CACHES_BACKEND",
    "django_redis.cache.RedisCache" if REDIS_CONFIGURED else "django.core.cache.backends.filebased.FileBasedCache",
)
CACHES = {
    "default": {
        "BACKEND": _cache_backend,
        "LOCATION": parse_redis_connection(0)
        if "redis" in _cache_backend.lower()
        else os.path.join(NAUTOBOT_ROOT, "cache"),
        "TIMEOUT": 300,
    }
}
if _cache_backend.startswith("django_redis."):
    CACHES["default"]["OPTIONS"] = {"CLIENT_CLASS": "django_redis.client.DefaultClient"}
if REDIS_CONFIGURED:
    _celery_default_url = parse_redis_connection(0)
    _celery_default_results = parse_redis_connection(0)
    RQ_QUEUES = {
        name: {"URL": parse_redis_connection(0), "DEFAULT_TIMEOUT": 300}
        for name in ("default", "check_releases", "custom_fields", "webhooks")
    }
else:
    _celery_default_url = "nautobot-sqla+sqlite:///" + os.path.join(NAUTOBOT_ROOT, "celery-broker.sqlite3")
    _celery_default_results = "db+sqlite:///" + os.path.join(NAUTOBOT_ROOT, "celery-results.sqlite3")
    # No Redis: legacy `@job("default")` decorators must still import (a plugin's tasks.py is loaded by
    # every Celery worker), so the queues exist; `rqworker` refuses to start on them (see the marker).
    RQ_QUEUES = {
        name: {"URL": "redis://localhost:6379/0", "DEFAULT_TIMEOUT": 300, "NAUTOBOT_REDIS_NOT_CONFIGURED": True}
        for name in ("default", "check_releases", "custom_fields", "webhooks")
    }

# django-cacheops (1.x's query cache, off by default since 1.5): its settings are read as 1.6 reads them so that a
# 1.x configuration or app finds them, and do nothing: this installation has no query cache (nothing connects to
# CACHEOPS_REDIS).
CACHEOPS_ENABLED = env_bool("NAUTOBOT_CACHEOPS_ENABLED", False)
CACHEOPS_REDIS = env_str("NAUTOBOT_CACHEOPS_REDIS", parse_redis_connection(1))
CACHEOPS_DEFAULTS = {"timeout": env_int("NAUTOBOT_CACHEOPS_TIMEOUT", 900, minimum=0)}
CACHEOPS_DEGRADE_ON_FAILURE = True
CACHEOPS_HEALTH_CHECK_ENABLED = False
CACHEOPS = {}

# Celery (every CELERY_* setting maps onto the lower-case Celery option)
CELERY_BROKER_URL = env_str("NAUTOBOT_CELERY_BROKER_URL", _celery_default_url)
CELERY_RESULT_BACKEND = env_str("NAUTOBOT_CELERY_RESULT_BACKEND", _celery_default_results)
CELERY_RESULT_EXPIRES = 86400
CELERY_TASK_DEFAULT_QUEUE = env_str("NAUTOBOT_CELERY_TASK_DEFAULT_QUEUE", "default")
CELERY_TASK_SOFT_TIME_LIMIT = env_int("NAUTOBOT_CELERY_TASK_SOFT_TIME_LIMIT", 300, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("NAUTOBOT_CELERY_TASK_TIME_LIMIT", 600, minimum=1)
CELERY_TASK_TRACK_STARTED = True
CELERY_TASK_SERIALIZER = "nautobot_json"
CELERY_RESULT_SERIALIZER = "nautobot_json"
CELERY_ACCEPT_CONTENT = ["nautobot_json", "json"]
CELERY_RESULT_ACCEPT_CONTENT = ["nautobot_json", "json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Celery's own (e.g. Redis Sentinel: {"master_name": "mymaster"}, with a `sentinel://` URL).
CELERY_BROKER_TRANSPORT_OPTIONS = {}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {}
CELERY_WORKER_SEND_TASK_EVENTS = False
CELERY_BEAT_SCHEDULER = "nautobot.core.celery.schedulers:NautobotScheduler"
CELERY_BEAT_SCHEDULE_FILENAME = os.path.join(NAUTOBOT_ROOT, "celerybeat-schedule")
# Touched by the scheduler on every tick (liveness probes read its age); empty: none.
CELERY_BEAT_HEARTBEAT_FILE = env_str(
    "NAUTOBOT_CELERY_BEAT_HEARTBEAT_FILE", os.path.join(tempfile.gettempdir(), "nautobot_celery_beat_heartbeat")
)
# Webhooks: delivered by workers from their own queue (a worker started without -Q listens to every
# queue named here, see core/celery/signals.py), with timeouts (seconds), retries and backoff.
CELERY_TASK_ROUTES = {"nautobot.extras.webhooks.deliver": {"queue": "webhooks"}}
WEBHOOK_CONNECT_TIMEOUT = env_int("NAUTOBOT_WEBHOOK_CONNECT_TIMEOUT", 5, minimum=1)
WEBHOOK_READ_TIMEOUT = env_int("NAUTOBOT_WEBHOOK_READ_TIMEOUT", 10, minimum=1)
WEBHOOK_MAX_ATTEMPTS = env_int("NAUTOBOT_WEBHOOK_MAX_ATTEMPTS", 6, minimum=1)
WEBHOOK_RETRY_BACKOFF = env_int("NAUTOBOT_WEBHOOK_RETRY_BACKOFF", 10, minimum=1)  # first delay; doubles per try
WEBHOOK_RETRY_BACKOFF_MAX = env_int("NAUTOBOT_WEBHOOK_RETRY_BACKOFF_MAX", 3600, minimum=1)
# On by default so that a first install can call a receiver on the same host; turn off to refuse
# payload URLs that resolve to private, loopback or link-local addresses.
WEBHOOK_ALLOW_PRIVATE_TARGETS = env_bool("NAUTOBOT_WEBHOOK_ALLOW_PRIVATE_TARGETS", True)
# The outbox sweep (which also sends retries once their backoff is over): how often it runs, how old an
# unsent delivery must be before it sends it, and after how long a message the broker took is presumed lost.
WEBHOOK_SWEEP_INTERVAL = env_int("NAUTOBOT_WEBHOOK_SWEEP_INTERVAL", 10, minimum=1)
WEBHOOK_SWEEP_GRACE = env_int("NAUTOBOT_WEBHOOK_SWEEP_GRACE", 10, minimum=0)
WEBHOOK_REDISPATCH_AFTER = env_int("NAUTOBOT_WEBHOOK_REDISPATCH_AFTER", 900, minimum=1)

# Periodic system tasks; add your own with EXTRA_CELERY_BEAT_SCHEDULE (replacing this drops them).
CELERY_BEAT_SCHEDULE = {
    "nautobot.extras.changelog.purge_object_changes": {
        "task": "nautobot.extras.changelog.purge_object_changes",
        "schedule": 3600.0,
    },
    "nautobot.extras.webhooks.sweep": {
        "task": "nautobot.extras.webhooks.sweep",
        "schedule": float(WEBHOOK_SWEEP_INTERVAL),
    },
}

# Worker presence: every worker and the scheduler write a heartbeat row this often (seconds) ...
WORKER_HEARTBEAT_INTERVAL = env_int("NAUTOBOT_WORKER_HEARTBEAT_INTERVAL", 10, minimum=1)
# ... and one older than this counts as gone.
WORKER_HEARTBEAT_TIMEOUT = env_int("NAUTOBOT_WORKER_HEARTBEAT_TIMEOUT", 60, minimum=2)
# A running job's worker renews its lease every third of this (seconds); a job whose lease lapsed is
# marked errored by the reaper (in every worker and the scheduler).
JOB_LEASE_TIMEOUT = env_int("NAUTOBOT_JOB_LEASE_TIMEOUT", 30, minimum=3)
# Checks that make /health/ (500, as the original) and `nautobot-server health_check` fail; "workers" and
# "scheduler" are reported either way.
HEALTH_CHECKS_REQUIRED = env_list(
    "NAUTOBOT_HEALTH_CHECKS_REQUIRED", ["database", "cache", "storage", "broker"], sep=","
)

# API and UI
# Add `X-Query-Count` (SQL queries per request) to every response; for benchmarks, off by default.
QUERY_COUNT_HEADER = env_bool("NAUTOBOT_QUERY_COUNT_HEADER", False)
# The fast path (`nautobot.core.fastpath`: SQL compiled once, the serializer's output plan, unique checks not
# asked twice). Off: Django's and DRF's public path everywhere, with byte-identical responses (a check after an
# upgrade of Django or DRF; the test suite runs the API contract both ways).
FAST_PATH = env_bool("NAUTOBOT_FAST_PATH", True)
# IPAM: refuse duplicate prefixes/addresses in the global table (VRFs decide with `enforce_unique`).
ENFORCE_GLOBAL_UNIQUE = env_bool("NAUTOBOT_ENFORCE_GLOBAL_UNIQUE", False)
# Config contexts may be scoped by dynamic groups of devices and virtual machines (1.x; off by default).
CONFIG_CONTEXT_DYNAMIC_GROUPS_ENABLED = env_bool("NAUTOBOT_CONFIG_CONTEXT_DYNAMIC_GROUPS_ENABLED", False)
# A filter parameter that is no filter: a 400 in the API, an error on list pages, an invalid filterset (as 1.x);
# False: ignored, with a warning in the log.
STRICT_FILTERING = env_bool("NAUTOBOT_STRICT_FILTERING", True)

# Pages: branding and how dates are written (Django date format syntax); banners are runtime settings (below).
BRANDING_TITLE = env_str("NAUTOBOT_BRANDING_TITLE", "Nautobot")
# Files under MEDIA_ROOT that replace the stock logo and icons, or add a style sheet and a script to every page.
BRANDING_FILEPATHS = {
    key: env_str(f"NAUTOBOT_BRANDING_FILEPATHS_{key.upper()}", "") or None
    for key in ("logo", "favicon", "icon_16", "icon_32", "icon_180", "icon_192", "icon_mask", "css", "javascript")
}
BRANDING_URLS = {
    "code": env_str("NAUTOBOT_BRANDING_URLS_CODE", "https://github.com/nautobot/nautobot"),
    "docs": env_str("NAUTOBOT_BRANDING_URLS_DOCS", "") or None,
    "help": env_str("NAUTOBOT_BRANDING_URLS_HELP", "https://github.com/nautobot/nautobot/wiki"),
}
BRANDING_POWERED_BY_URL = "https://docs.nautobot.com/"
# Exported files are named "<prefix><objects>.<ext>".
BRANDING_PREPENDED_FILENAME = env_str("NAUTOBOT_BRANDING_PREPENDED_FILENAME", "nautobot_")
DATE_FORMAT = env_str("NAUTOBOT_DATE_FORMAT", "N j, Y")
DATETIME_FORMAT = env_str("NAUTOBOT_DATETIME_FORMAT", "N j, Y g:i a")
SHORT_DATE_FORMAT = env_str("NAUTOBOT_SHORT_DATE_FORMAT", "Y-m-d")
SHORT_DATETIME_FORMAT = env_str("NAUTOBOT_SHORT_DATETIME_FORMAT", "Y-m-d H:i")
SHORT_TIME_FORMAT = env_str("NAUTOBOT_SHORT_TIME_FORMAT", "H:i:s")
TIME_FORMAT = env_str("NAUTOBOT_TIME_FORMAT", "g:i a")
# Django >= 5 takes date formats from the language's format module; ours hands it the settings above.
FORMAT_MODULE_PATH = ["nautobot.core.formats"]

# Credentials removed from job log lines and webhook delivery records (`nautobot.core.logging.sanitize`): a list of
# (compiled pattern, substitution naming `{replacement}`), as 1.x; e.g. user:password@ in URLs, "password: x" (1.x's
# defaults, plus "secret" and "token").
SANITIZER_PATTERNS = [
    (re.compile(r"(https?://)?\S+\s*@", re.IGNORECASE), r"\1{replacement}@"),
    (
        re.compile(r"(username|password|passwd|pwd|secret|token)((?:\s+is.?|:)?\s+)\S+", re.IGNORECASE),
        r"\1\2{replacement}",
    ),
]
# URL schemes that URL custom fields and form fields accept and that links in rendered Markdown may use.
ALLOWED_URL_SCHEMES = (
    "file", "ftp", "ftps", "http", "https", "irc", "mailto", "sftp", "ssh", "tel", "telnet", "tftp", "vnc", "xmpp",
)  # fmt: skip
# Seconds `Model._content_type_cached` keeps a model's ContentType in the cache (0: Django's per-process one only).
CONTENT_TYPE_CACHE_TIMEOUT = env_int("NAUTOBOT_CONTENT_TYPE_CACHE_TIMEOUT", 0, minimum=0)


def UI_RACK_VIEW_TRUNCATE_FUNCTION(device_display_name: str) -> str:
    """How a device's name is shortened in rack elevations (1.x's default: up to the first dot)."""
    return str(device_display_name).split(".")[0]


# Outbound HTTP(S) proxies (`requests`' form: {"http": "http://proxy:3128", "https": ...}) for webhooks.
HTTP_PROXIES = None
# Messages' CSS classes (Bootstrap calls an error "danger").
MESSAGE_TAGS = {40: "danger"}

# Logging
# Python's deprecation warnings (e.g. from a 1.x app using an old name) logged as warnings (1.x reads the variable only).
LOG_DEPRECATION_WARNINGS = env_bool("NAUTOBOT_LOG_DEPRECATION_WARNINGS", False)
LOG_LEVEL = env_choice(
    "NAUTOBOT_LOG_LEVEL", "DEBUG" if DEBUG else "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "normal": {"format": "%(asctime)s.%(msecs)03d %(levelname)-7s %(name)s: %(message)s", "datefmt": "%H:%M:%S"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "normal"}},
    "loggers": {
        "nautobot": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django": {"handlers": ["console"], "level": "INFO"},
        # Python warnings (deprecations only with LOG_DEPRECATION_WARNINGS), whatever DEBUG says.
        "py.warnings": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Prometheus metrics at /metrics (django-prometheus's, ours `nautobot_*` and the apps' `metrics` hook); see
# nautobot.core.prometheus for what turning it on changes (middleware, database and cache backends).
METRICS_ENABLED = env_bool("NAUTOBOT_METRICS_ENABLED", False)
# /metrics answers only a signed-in user or an API token (anonymous: 403, as the REST API).
METRICS_AUTHENTICATED = env_bool("NAUTOBOT_METRICS_AUTHENTICATED", False)
# django-prometheus: export the number of applied/unapplied migrations (read from the database at start).
PROMETHEUS_EXPORT_MIGRATIONS = False
# Each Celery worker serves its task metrics over HTTP on the first free port of this list ([]: none).
CELERY_WORKER_PROMETHEUS_PORTS = env_port_list("NAUTOBOT_CELERY_WORKER_PROMETHEUS_PORTS", [])

# Cross-origin requests (django-cors-headers, as 1.x): none allowed unless listed here.
CORS_ALLOW_ALL_ORIGINS = env_bool("NAUTOBOT_CORS_ALLOW_ALL_ORIGINS", False)
CORS_ALLOWED_ORIGINS = []  # e.g. ["https://tools.example.com"]
CORS_ALLOWED_ORIGIN_REGEXES = []  # e.g. [r"^https://\w+\.example\.com$"]

# Apps (plugins): names of installed packages, and each one's settings. (`EXTRA_PLUGINS` appends.)
PLUGINS = []
PLUGINS_CONFIG = {}

# Applications
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",  # the `humanize` template library 1.x app templates load
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "taggit",
    "graphene_django",
    "django_htmx",
    "django_tables2",
    "social_django",  # single sign-on (social-auth), as 1.x: OIDC, OAuth2 providers, SAML
    "nautobot.core",  # before django_rq so that our `rqworker` wins
    "nautobot.users",
    "nautobot.extras",
    "nautobot.tenancy",
    "nautobot.dcim",
    "nautobot.ipam",
    "nautobot.circuits",
    "nautobot.virtualization",
    "nautobot.core.migration_aliases",  # after the apps whose 1.x migration names it answers for
    "django_rq",
    "nautobot.core.apps.ConstanceConfiguration",  # django-constance: the runtime settings below
    # /admin/ (active superusers only): users, groups, tokens, permissions, runtime settings; last, so that it discovers the
    # `admin` modules of apps whose models are all ready.
    "django.contrib.admin",
]
# `nautobot-server test <app>`: Django's runner, leaving out tests tagged `integration` unless asked for.
TEST_RUNNER = "nautobot.core.testing.runner.NautobotTestRunner"
AUTH_USER_MODEL = "users.User"
# The models of object permission grants and API tokens: the core resolves them by name, as Django's
# auth resolves AUTH_USER_MODEL (nautobot.core.permissions), and never imports the users app.
OBJECT_PERMISSION_MODEL = "users.ObjectPermission"
API_TOKEN_MODEL = "users.Token"
AUTHENTICATION_BACKENDS = ["nautobot.core.authentication.ObjectPermissionBackend"]

# REST API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "nautobot.users.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["nautobot.core.api.permissions.TokenPermissions"],
    "DEFAULT_PAGINATION_CLASS": "nautobot.core.api.pagination.OptionalLimitOffsetPagination",
    "DEFAULT_VERSIONING_CLASS": "nautobot.core.api.versioning.NautobotAPIVersioning",
    "DEFAULT_VERSION": "1.2",
    "ALLOWED_VERSIONS": REST_FRAMEWORK_ALLOWED_VERSIONS,
    "DEFAULT_METADATA_CLASS": "nautobot.core.api.metadata.NautobotMetadata",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": [],
    # Not used: OptionalLimitOffsetPagination reads PAGINATE_COUNT (a runtime setting) on each request.
    "PAGE_SIZE": 50,
    "VIEW_NAME_FUNCTION": "rest_framework.views.get_view_name",
}
GRAPHENE = {"SCHEMA": "nautobot.core.graphql.schema.schema"}
# Single sign-on (social-auth-app-django), as 1.6: a provider is on when its backend is in AUTHENTICATION_BACKENDS
# (e.g. "social_core.backends.open_id_connect.OpenIdConnectAuth") and its SOCIAL_AUTH_<NAME>_* settings are set;
# the login page then has a button for it. Our pipeline is social-core's with `nautobot.core.sso.sync_groups` last
# (groups from the provider's claims: SOCIAL_AUTH_GROUPS_CLAIM and friends, see nautobot/core/sso.py).
from social_core.pipeline import DEFAULT_AUTH_PIPELINE as _social_core_pipeline  # noqa: E402

SOCIAL_AUTH_BACKEND_PREFIX = "social_core.backends"
SOCIAL_AUTH_POSTGRES_JSONFIELD = False  # 1.x, deprecated there: social-auth's JSON fields are JSON on every database
SOCIAL_AUTH_URL_NAMESPACE = "social"
SOCIAL_AUTH_LOGIN_ERROR_URL = "/login/"
SOCIAL_AUTH_PIPELINE = (*_social_core_pipeline, "nautobot.core.sso.sync_groups")
# External sign-in (LDAP, SSO, a proxy's remote-user header): what a user gets at their first login that way (group
# names; `{"dcim.view_site": constraints or None}`), as 1.6 (nautobot/core/authentication.py).
EXTERNAL_AUTH_DEFAULT_GROUPS = []
EXTERNAL_AUTH_DEFAULT_PERMISSIONS = {}
# A proxy's remote-user header, with "nautobot.core.authentication.RemoteUserBackend" in AUTHENTICATION_BACKENDS (as
# 1.6): the request.META key of the header, and whether an unknown name becomes a new user.
REMOTE_AUTH_AUTO_CREATE_USER = False
REMOTE_AUTH_HEADER = "HTTP_REMOTE_USER"
# Not in 1.6: the addresses of the reverse proxies (addresses or networks, "10.0.0.0/8"). When set, the remote-user
# header is believed only from them, and a request they forward counts, for the failed-login limits, as coming from
# the last address of its X-Forwarded-For header that is not one of them. Empty: the header is believed from anyone
# (as 1.x; `nautobot-server config check` warns) and the client is REMOTE_ADDR.
REMOTE_AUTH_TRUSTED_PROXIES = []
# Not in 1.6: failed sign-ins by password (login page, API basic auth, LDAP) are limited per user name and per client
# address: after LIMIT failures within WINDOW seconds, that name or address is refused for DELAY seconds
# (nautobot/core/login_limits.py). 0 turns a limit off. Counted in the default cache, shared by the service's processes.
LOGIN_FAILURE_LIMIT_PER_USER = env_int("NAUTOBOT_LOGIN_FAILURE_LIMIT_PER_USER", 10, minimum=0)
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env_int("NAUTOBOT_LOGIN_FAILURE_LIMIT_PER_ADDRESS", 50, minimum=0)
LOGIN_FAILURE_WINDOW = env_int("NAUTOBOT_LOGIN_FAILURE_WINDOW", 300, minimum=1)
LOGIN_FAILURE_DELAY = env_int("NAUTOBOT_LOGIN_FAILURE_DELAY", 300, minimum=1)
# GraphQL fields of custom fields, relationships and computed fields: `cf_<name>`, `rel_<slug>`, `cpf_<slug>` (as 1.6;
# empty or None: no prefix). They follow the definitions while the service runs (nautobot/core/graphql/dynamic.py).
GRAPHQL_CUSTOM_FIELD_PREFIX = "cf"
GRAPHQL_RELATIONSHIP_PREFIX = "rel"
GRAPHQL_COMPUTED_FIELD_PREFIX = "cpf"
SPECTACULAR_SETTINGS = {
    "TITLE": "API Documentation",
    "DESCRIPTION": "Source of truth and network automation platform",
    "VERSION": "1.6",
    "SERVERS": [{"url": "/api"}],
    "SCHEMA_PATH_PREFIX": "/api",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_PERMISSIONS": ["nautobot.core.api.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
MIDDLEWARE = [
    "nautobot.core.middleware.QueryCountHeaderMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # before anything that may answer, so that every answer has CORS headers
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nautobot.core.middleware.RemoteUserMiddleware",  # unused (removed at start-up) unless RemoteUserBackend is on
    "nautobot.core.middleware.MaintenanceModeMiddleware",  # refuses writes before anything (CSRF, login) answers
    "nautobot.core.middleware.LoginRequiredMiddleware",
    "nautobot.core.middleware.PasswordChangeRequiredMiddleware",  # after an admin's "Require a password change"
    "nautobot.core.middleware.UserTimezoneMiddleware",  # pages in the user's time zone (their preferences)
    "nautobot.core.user_sessions.SessionActivityMiddleware",  # the Sessions page's records: key, last seen
    "django.contrib.messages.middleware.MessageMiddleware",
    # A sign-in the identity provider refused or the user cancelled: back to the login page with the reason.
    "social_django.middleware.SocialAuthExceptionMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nautobot.core.views.context.navigation",
                "nautobot.core.views.context.settings_and_branding",
            ]
        },
    }
]

# Runtime settings (django-constance, as 1.x): admins edit these on /admin/constance/config/ ("Config"); code reads
# them with `get_settings_or_config(name)` (nautobot.core.runtime_settings; 1.x path nautobot.utilities.config).
# A name defined in nautobot_config.py (or by its NAUTOBOT_<NAME> variable, read below) wins over the edited value.
# Every process re-reads the values at most RUNTIME_SETTINGS_REFRESH seconds after an edit (see DESIGN.md).
CONSTANCE_BACKEND = "constance.backends.database.DatabaseBackend"
CONSTANCE_DATABASE_PREFIX = "constance:nautobot:"
# Where the database backend caches values; a cache private to one process (LocMemCache) is not used (config.py).
CONSTANCE_DATABASE_CACHE_BACKEND = "default"
# Editing on several web processes at once must not be refused as a conflict.
CONSTANCE_IGNORE_ADMIN_VERSION_CHECK = True
CONSTANCE_ADDITIONAL_FIELDS = {
    "per_page_defaults_field": ["nautobot.core.runtime_settings.PageSizesField", {}],
    "release_check_timeout_field": ["django.forms.IntegerField", {"min_value": 3600}],
    "release_check_url_field": ["django.forms.URLField", {"required": False, "assume_scheme": "https"}],
    "optional_json_field": ["django.forms.JSONField", {"required": False}],
}
_NOT_HERE = " (Not used by this implementation.)"
CONSTANCE_CONFIG = {
    "ALLOW_REQUEST_PROFILING": [False, "Let users turn on request profiling for their session." + _NOT_HERE],
    "BANNER_BOTTOM": ["", "Markdown (or a limited set of HTML) shown at the bottom of every page."],
    "BANNER_LOGIN": ["", "Markdown (or a limited set of HTML) shown on the login page."],
    "BANNER_TOP": ["", "Markdown (or a limited set of HTML) shown at the top of every page."],
    "CHANGELOG_RETENTION": [90, "Days object changes are kept (0: forever); enforced by an hourly task."],
    "DEPLOYMENT_ID": ["", "Identifies this installation in installation metrics, which are never sent here."],
    "DISABLE_PREFIX_LIST_HIERARCHY": [False, "Show the prefix list flat, without parents and children." + _NOT_HERE],
    "DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT": [
        0,
        "Seconds a dynamic group's member ids are kept in the cache (0: not cached).",
    ],
    "HIDE_RESTRICTED_UI": [False, "Leave out menu items a user may not view (otherwise shown greyed out)."],
    "MAX_PAGE_SIZE": [1000, "The most objects one page of a list or one API response holds (0: no limit)."],
    "NETWORK_DRIVERS": [{}, "Platform network-driver translations, as JSON." + _NOT_HERE, "optional_json_field"],
    "PAGINATE_COUNT": [50, "Objects per page of a list and of an API response, unless the user asks otherwise."],
    "PER_PAGE_DEFAULTS": [
        [25, 50, 100, 250, 500, 1000],
        "The page sizes a list offers, e.g. 25, 50, 100 (PAGINATE_COUNT is always among them).",
        "per_page_defaults_field",
    ],
    "PREFER_IPV4": [False, "A device's primary IP is its IPv4 one when it has both."],
    "RACK_ELEVATION_DEFAULT_UNIT_HEIGHT": [22, "Height of a rack unit in rack elevation drawings (pixels)."],
    "RACK_ELEVATION_DEFAULT_UNIT_WIDTH": [230, "Width of a rack unit in rack elevation drawings (pixels)."],
    "RELEASE_CHECK_TIMEOUT": [
        24 * 3600,
        "Seconds a release check's answer is kept (at least 3600)." + _NOT_HERE,
        "release_check_timeout_field",
    ],
    "RELEASE_CHECK_URL": [
        "",
        "Where to look for new releases; this implementation never looks." + _NOT_HERE,
        "release_check_url_field",
    ],
    "SUPPORT_MESSAGE": ["", "Markdown shown on error pages (403, 404, 500): whom to ask for help."],
}
CONSTANCE_CONFIG_FIELDSETS = {
    "Banners": ["BANNER_LOGIN", "BANNER_TOP", "BANNER_BOTTOM"],
    "Change Logging": ["CHANGELOG_RETENTION"],
    "Device Connectivity": ["NETWORK_DRIVERS", "PREFER_IPV4"],
    "Installation Metrics": ["DEPLOYMENT_ID"],
    "Pagination": ["PAGINATE_COUNT", "MAX_PAGE_SIZE", "PER_PAGE_DEFAULTS"],
    "Performance": ["DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT"],
    "Rack Elevation Rendering": ["RACK_ELEVATION_DEFAULT_UNIT_HEIGHT", "RACK_ELEVATION_DEFAULT_UNIT_WIDTH"],
    "Release Checking": ["RELEASE_CHECK_URL", "RELEASE_CHECK_TIMEOUT"],
    "User Interface": ["DISABLE_PREFIX_LIST_HIERARCHY", "HIDE_RESTRICTED_UI", "SUPPORT_MESSAGE"],
    "Debugging": ["ALLOW_REQUEST_PROFILING"],
}
# Seconds a process keeps the runtime settings it read before reading them again (an edit made in this process
# applies at once).
RUNTIME_SETTINGS_REFRESH = env_int("NAUTOBOT_RUNTIME_SETTINGS_REFRESH", 5, minimum=0)
# A runtime setting's NAUTOBOT_<NAME> variable, when set, defines the setting (which then wins, as a value in
# nautobot_config.py does); unset, the name is left undefined so that the edited value applies.
for _name, _read in (
    ("BANNER_TOP", env_str),
    ("BANNER_BOTTOM", env_str),
    ("BANNER_LOGIN", env_str),
    ("SUPPORT_MESSAGE", env_str),
    ("CHANGELOG_RETENTION", lambda var, default: env_int(var, default, minimum=0)),
    ("MAX_PAGE_SIZE", lambda var, default: env_int(var, default, minimum=0)),
    ("PAGINATE_COUNT", lambda var, default: env_int(var, default, minimum=1)),
    ("PREFER_IPV4", env_bool),
    ("DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT", lambda var, default: env_int(var, default, minimum=0)),
    ("HIDE_RESTRICTED_UI", env_bool),
    ("RACK_ELEVATION_DEFAULT_UNIT_HEIGHT", lambda var, default: env_int(var, default, minimum=5)),
    ("RACK_ELEVATION_DEFAULT_UNIT_WIDTH", lambda var, default: env_int(var, default, minimum=20)),
):
    globals().pop(_name, None)  # (this module is re-run when a configuration is loaded again)
    if os.environ.get(f"NAUTOBOT_{_name}"):
        globals()[_name] = _read(f"NAUTOBOT_{_name}", CONSTANCE_CONFIG[_name][0])
