"""Every setting Nautobot 1.6 documents or defines, and what this implementation does with it.

A 1.x `nautobot_config.py` comes along unchanged only if each of its settings either does here what the 1.6
documentation says, or is refused in one line that names it and says why. This module is the one list:

- `WORKS`: honoured as 1.6 documents it; `test` names a test that shows the behaviour (`path::function`; the
  catalog's own test checks that it exists).
- `READONLY`: a value this implementation provides for code and apps to read (`settings.VERSION`); setting it in a
  configuration file changes nothing, and says so.
- `REFUSED`: not supported here; a configuration that asks for it (a value other than 1.6's default, from the file
  or from the environment variable 1.6 reads) gets one warning line naming the setting and the reason, and the
  command goes on. `stop=True`: going on would be unsafe, so the command stops with that line instead.

`refusals(user_values, environ)` turns a configuration into those lines (`nautobot.core.config` prints them when
a process loads its settings; `nautobot-server config check` lists them); the README's configuration table is
generated from this list (`python -m nautobot.core.settings_catalog`, checked by the catalog's test).
"""

import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

WORKS = "works"
READONLY = "read-only"
REFUSED = "refused"

_UNSET = object()

# The tests named below; paths are relative to the repository root.
CATALOG_TEST = "nautobot/core/tests/test_settings_catalog.py"


@dataclass(frozen=True)
class Setting:
    name: str
    state: str
    note: str
    test: str = ""
    env: tuple[str, ...] = ()
    # 1.6's default: a refused setting left at it asks for nothing, so it is not reported.
    default: Any = _UNSET
    # Refused settings: True when this value asks for nothing this implementation lacks (beyond `default`).
    harmless: Callable[[Any], bool] | None = None
    stop: bool = False

    def asks_for_something(self, value: Any) -> bool:
        if self.default is not _UNSET and _equal(value, self.default):
            return False
        return not (self.harmless and self.harmless(value))


def _equal(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:
        return False


def _falsy(value: Any) -> bool:
    return not value


def works(name: str, note: str, test: str = "", env: Iterable[str] = ()) -> Setting:
    return Setting(name, WORKS, note, test or f"{CATALOG_TEST}::test_library_reads_the_setting", tuple(env))


def readonly(name: str, note: str, test: str) -> Setting:
    return Setting(name, READONLY, note, test)


def refused(name: str, why: str, default: Any = _UNSET, env: Iterable[str] = (), **kwargs: Any) -> Setting:
    return Setting(name, REFUSED, why, env=tuple(env), default=default, **kwargs)


def _env(name: str) -> tuple[str]:
    return (f"NAUTOBOT_{name}",)


_T = CATALOG_TEST
_LDAP_TESTS = "nautobot/core/tests/test_ldap.py"
_SAML = "nautobot/core/tests/test_saml.py::test_signing_in_through_the_saml_provider"
_SSO_PROVIDERS = "nautobot/core/tests/test_sso.py::test_oauth2_providers_start_at_their_authorization_page"
_SSO_OKTA_OIDC = "nautobot/core/tests/test_sso.py::test_okta_openid_connect_starts_at_its_authorization_page"
_SILK = "request profiling (django-silk) is not included"
_CACHEOPS = "cacheops query caching is not used (1.6 has it off by default too); the setting changes nothing"
_RT = "nautobot/core/tests/test_runtime_settings.py"
# A runtime setting (django-constance): editable by superusers on /admin/constance/config/, applying in every process
# within RUNTIME_SETTINGS_REFRESH seconds; a value in nautobot_config.py (or its variable) wins over the edited one.
_RUNTIME = "runtime setting (admin's Config page); a value here wins"
_NAPALM_TEST = "nautobot/dcim/tests/test_napalm.py::test_credentials_from_settings_secrets_group_and_headers"
_TEST_SUITE = "a setting of Nautobot's own test suite; this implementation's tests do not read it"

SETTINGS: tuple[Setting, ...] = (
    # --- Django, DRF, Celery and graphene read these themselves; the configuration file sets them as in 1.6 ---
    works("ADMINS", "Django: who gets error e-mails"),
    works("ALLOWED_HOSTS", "Django; `NAUTOBOT_ALLOWED_HOSTS` (space-separated)", env=_env("ALLOWED_HOSTS")),
    works(
        "AUTHENTICATION_BACKENDS",
        "Django; `nautobot.core.authentication.ObjectPermissionBackend` as in 1.x",
        f"{_T}::test_documented_authentication_backend_signs_in",
    ),
    works("AUTH_USER_MODEL", "Django (`users.User`)"),
    works(
        "CACHES",
        "Django's cache; django-redis on Redis by default, as 1.x (1.x's example block and Redis Sentinel work); "
        "`NAUTOBOT_CACHES_BACKEND` names the class",
        "nautobot/core/tests/test_ops_caches.py::test_the_1x_required_settings_caches_block_works_and_cacheops_settings_are_harmless",
        env=("NAUTOBOT_CACHES_BACKEND",),
    ),
    works("CSRF_FAILURE_VIEW", "Django"),
    works("CSRF_TRUSTED_ORIGINS", "Django; `NAUTOBOT_CSRF_TRUSTED_ORIGINS` (space-separated)"),
    works("DATA_UPLOAD_MAX_NUMBER_FIELDS", "Django"),
    works("DATABASES", "Django; `NAUTOBOT_DB_*`", env=("NAUTOBOT_DB_ENGINE", "NAUTOBOT_DB_HOST", "NAUTOBOT_DB_NAME")),
    works(
        "DATETIME_FORMAT",
        "dates and times on pages; `NAUTOBOT_DATETIME_FORMAT`",
        f"{_T}::test_date_formats_render_on_pages",
        env=_env("DATETIME_FORMAT"),
    ),
    works(
        "DATE_FORMAT",
        "dates on pages; `NAUTOBOT_DATE_FORMAT`",
        f"{_T}::test_date_formats_render_on_pages",
        env=_env("DATE_FORMAT"),
    ),
    works("DEBUG", "Django; `NAUTOBOT_DEBUG`", env=_env("DEBUG")),
    works("DEFAULT_AUTO_FIELD", "Django"),
    works(
        "FORCE_SCRIPT_NAME",
        "the URL prefix when served under a sub-path (`/nautobot`), e.g. behind nginx's `location /nautobot/`",
        "nautobot/core/tests/test_subpath.py::test_under_a_sub_path_behind_nginx",
    ),
    works(
        "BASE_PATH",
        "NetBox's (and Nautobot 1.0 beta's) name: `BASE_PATH = \"nautobot/\"` sets FORCE_SCRIPT_NAME",
        "nautobot/core/tests/test_subpath.py::test_under_a_sub_path_behind_nginx",
    ),
    works("INSTALLED_APPS", "Django; `EXTRA_INSTALLED_APPS` appends"),
    works("INTERNAL_IPS", "Django"),
    works("LANGUAGE_CODE", "Django"),
    works("LOGGING", "Django's logging configuration"),
    works("LOGIN_REDIRECT_URL", "Django"),
    works("LOGIN_URL", "Django"),
    works("MEDIA_ROOT", "Django; `NAUTOBOT_MEDIA_ROOT`", env=_env("MEDIA_ROOT")),
    works("MEDIA_URL", "Django"),
    works("MESSAGE_TAGS", "Django's messages framework"),
    works("MIDDLEWARE", "Django; `EXTRA_MIDDLEWARE` appends"),
    works("REST_FRAMEWORK", "Django REST framework"),
    works("ROOT_URLCONF", "Django"),
    works("SECRET_KEY", "Django; `NAUTOBOT_SECRET_KEY`", env=_env("SECRET_KEY")),
    works("SECURE_PROXY_SSL_HEADER", "Django"),
    works("SESSION_COOKIE_AGE", "Django; `NAUTOBOT_SESSION_COOKIE_AGE`", env=_env("SESSION_COOKIE_AGE")),
    works("SESSION_ENGINE", "Django; its database engine keeps sessions through maintenance mode here"),
    works(
        "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        "Django; `NAUTOBOT_SESSION_EXPIRE_AT_BROWSER_CLOSE`",
        env=_env("SESSION_EXPIRE_AT_BROWSER_CLOSE"),
    ),
    works(
        "SHORT_DATETIME_FORMAT",
        "tables' dates and times; `NAUTOBOT_SHORT_DATETIME_FORMAT`",
        f"{_T}::test_date_formats_render_on_pages",
        env=_env("SHORT_DATETIME_FORMAT"),
    ),
    works(
        "SHORT_DATE_FORMAT",
        "tables' dates; `NAUTOBOT_SHORT_DATE_FORMAT`",
        f"{_T}::test_date_formats_render_on_pages",
        env=_env("SHORT_DATE_FORMAT"),
    ),
    works(
        "SHORT_TIME_FORMAT",
        "short times (`{{ value|time:settings.SHORT_TIME_FORMAT }}`); `NAUTOBOT_SHORT_TIME_FORMAT`",
        env=_env("SHORT_TIME_FORMAT"),
    ),
    works("SPECTACULAR_SETTINGS", "drf-spectacular (the OpenAPI schema)"),
    works("STATIC_ROOT", "Django; `NAUTOBOT_STATIC_ROOT`", env=_env("STATIC_ROOT")),
    works("STATIC_URL", "Django"),
    works("STATICFILES_DIRS", "Django"),
    works("TEMPLATES", "Django"),
    works("TEST_RUNNER", "Django (`nautobot-server test`)"),
    works(
        "TIME_FORMAT",
        "times on pages; `NAUTOBOT_TIME_FORMAT`",
        f"{_T}::test_date_formats_render_on_pages",
        env=_env("TIME_FORMAT"),
    ),
    works("TIME_ZONE", "Django; `NAUTOBOT_TIME_ZONE`", env=_env("TIME_ZONE")),
    works("USE_I18N", "Django"),
    works("USE_TZ", "Django"),
    works("USE_X_FORWARDED_HOST", "Django"),
    works("WSGI_APPLICATION", "Django"),
    works("X_FRAME_OPTIONS", "Django"),
    works("GRAPHENE", "graphene-django"),
    works("CELERY_ACCEPT_CONTENT", "Celery (every `CELERY_*` setting is Celery's lower-case option)"),
    works("CELERY_BEAT_SCHEDULER", "Celery beat; 1.6's `NautobotDatabaseScheduler` path names ours"),
    works("CELERY_BROKER_TRANSPORT_OPTIONS", "Celery (e.g. Redis Sentinel's `master_name`)"),
    works("CELERY_BROKER_URL", "Celery; `NAUTOBOT_CELERY_BROKER_URL`", env=_env("CELERY_BROKER_URL")),
    works("CELERY_RESULT_ACCEPT_CONTENT", "Celery"),
    works("CELERY_RESULT_BACKEND", "Celery; `NAUTOBOT_CELERY_RESULT_BACKEND`", env=_env("CELERY_RESULT_BACKEND")),
    works("CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS", "Celery"),
    works("CELERY_RESULT_SERIALIZER", "Celery"),
    works(
        "CELERY_TASK_DEFAULT_QUEUE",
        "Celery; `NAUTOBOT_CELERY_TASK_DEFAULT_QUEUE`",
        env=_env("CELERY_TASK_DEFAULT_QUEUE"),
    ),
    works("CELERY_TASK_SERIALIZER", "Celery"),
    works(
        "CELERY_TASK_SOFT_TIME_LIMIT",
        "Celery; `NAUTOBOT_CELERY_TASK_SOFT_TIME_LIMIT`",
        env=_env("CELERY_TASK_SOFT_TIME_LIMIT"),
    ),
    works("CELERY_TASK_TIME_LIMIT", "Celery; `NAUTOBOT_CELERY_TASK_TIME_LIMIT`", env=_env("CELERY_TASK_TIME_LIMIT")),
    works("CELERY_TASK_TRACK_STARTED", "Celery"),
    # --- Nautobot's own ---
    works(
        "CHANGELOG_RETENTION",
        f"days object changes are kept (0: forever), purged hourly; {_RUNTIME}; `NAUTOBOT_CHANGELOG_RETENTION`",
        f"{_RT}::test_every_reader_takes_the_runtime_value",
        env=_env("CHANGELOG_RETENTION"),
    ),
    works(
        "ENFORCE_GLOBAL_UNIQUE",
        "duplicate prefixes/addresses refused in the global table; `NAUTOBOT_ENFORCE_GLOBAL_UNIQUE`",
        env=_env("ENFORCE_GLOBAL_UNIQUE"),
    ),
    works(
        "EXEMPT_VIEW_PERMISSIONS",
        'models anyone may view, `["*"]` for all',
        "nautobot/core/tests/test_app_api_exempt_view.py::test_anonymous_reads_an_exempt_model_only",
    ),
    works(
        "EXEMPT_EXCLUDE_MODELS",
        'models `["*"]` never exempts (users, groups, permissions)',
        f"{_T}::test_exempt_exclude_models",
    ),
    works("GIT_ROOT", "`NAUTOBOT_GIT_ROOT`", env=_env("GIT_ROOT")),
    works("HTTP_PROXIES", "proxies for webhooks", "nautobot/extras/tests/test_webhooks.py::test_http_proxies_are_used"),
    works("JOBS_ROOT", "`NAUTOBOT_JOBS_ROOT`", env=_env("JOBS_ROOT")),
    works("LOG_LEVEL", "the `nautobot` logger's level; `NAUTOBOT_LOG_LEVEL`"),
    works(
        "MAX_PAGE_SIZE",
        f"the largest page the API and UI return (0: no limit); {_RUNTIME}; `NAUTOBOT_MAX_PAGE_SIZE`",
        f"{_RT}::test_every_reader_takes_the_runtime_value",
        env=_env("MAX_PAGE_SIZE"),
    ),
    works("NAUTOBOT_ROOT", "`NAUTOBOT_ROOT`"),
    works(
        "PAGINATE_COUNT",
        f"the default page size of lists and the API; {_RUNTIME}; `NAUTOBOT_PAGINATE_COUNT`",
        f"{_RT}::test_an_edit_reaches_every_process_without_a_restart",
        env=_env("PAGINATE_COUNT"),
    ),
    works("PLUGINS", "apps to load"),
    works("PLUGINS_CONFIG", "each app's settings"),
    works(
        "PREFER_IPV4",
        f"a device's primary IP is its IPv4 one when it has both; {_RUNTIME}; `NAUTOBOT_PREFER_IPV4`",
        f"{_RT}::test_every_reader_takes_the_runtime_value",
        env=_env("PREFER_IPV4"),
    ),
    *(
        works(
            f"RACK_ELEVATION_DEFAULT_UNIT_{size.upper()}",
            f"rack elevation SVG unit {size}; {_RUNTIME}; `NAUTOBOT_RACK_ELEVATION_DEFAULT_UNIT_{size.upper()}`",
            f"{_RT}::test_every_reader_takes_the_runtime_value",
            env=_env(f"RACK_ELEVATION_DEFAULT_UNIT_{size.upper()}"),
        )
        for size in ("height", "width")
    ),
    works("RQ_QUEUES", "django-rq (the deprecated `rqworker`)"),
    works(
        "STRICT_FILTERING",
        "an unknown filter is an error (400 in the API); `NAUTOBOT_STRICT_FILTERING`",
        env=_env("STRICT_FILTERING"),
    ),
    works(
        "BANNER_TOP",
        f"text above every page; {_RUNTIME}; `NAUTOBOT_BANNER_TOP`",
        f"{_RT}::test_an_edit_reaches_every_process_without_a_restart",
        env=_env("BANNER_TOP"),
    ),
    works(
        "BANNER_BOTTOM",
        f"text below every page; {_RUNTIME}; `NAUTOBOT_BANNER_BOTTOM`",
        f"{_RT}::test_an_edit_reaches_every_process_without_a_restart",
        env=_env("BANNER_BOTTOM"),
    ),
    works(
        "BANNER_LOGIN",
        f"text on the login page; {_RUNTIME}; `NAUTOBOT_BANNER_LOGIN`",
        f"{_RT}::test_every_reader_takes_the_runtime_value",
        env=_env("BANNER_LOGIN"),
    ),
    works(
        "BRANDING_TITLE",
        "the name in the page title and navigation bar; `NAUTOBOT_BRANDING_TITLE`",
        f"{_T}::test_banners_and_branding_on_pages",
        env=_env("BRANDING_TITLE"),
    ),
    works(
        "BRANDING_URLS",
        "the footer's code/docs/help links; `NAUTOBOT_BRANDING_URLS_*`",
        f"{_T}::test_banners_and_branding_on_pages",
        env=("NAUTOBOT_BRANDING_URLS_CODE", "NAUTOBOT_BRANDING_URLS_DOCS", "NAUTOBOT_BRANDING_URLS_HELP"),
    ),
    works(
        "BRANDING_FILEPATHS",
        "logo, favicon, CSS and JavaScript from MEDIA_ROOT; `NAUTOBOT_BRANDING_FILEPATHS_*`",
        f"{_T}::test_banners_and_branding_on_pages",
        env=tuple(
            f"NAUTOBOT_BRANDING_FILEPATHS_{k}"
            for k in ("LOGO", "FAVICON", "ICON_16", "ICON_32", "ICON_180", "ICON_192", "ICON_MASK", "CSS", "JAVASCRIPT")
        ),
    ),
    works(
        "BRANDING_PREPENDED_FILENAME",
        "prefix of downloaded export files; `NAUTOBOT_BRANDING_PREPENDED_FILENAME`",
        f"{_T}::test_export_file_name_prefix",
        env=_env("BRANDING_PREPENDED_FILENAME"),
    ),
    works("BRANDING_POWERED_BY_URL", 'the footer\'s "powered by" link', f"{_T}::test_banners_and_branding_on_pages"),
    works(
        "SUPPORT_MESSAGE",
        f"shown on error pages; {_RUNTIME}; `NAUTOBOT_SUPPORT_MESSAGE`",
        f"{_RT}::test_every_reader_takes_the_runtime_value",
        env=_env("SUPPORT_MESSAGE"),
    ),
    works(
        "HIDE_RESTRICTED_UI",
        f"menu items a user may not view are left out; {_RUNTIME}; `NAUTOBOT_HIDE_RESTRICTED_UI`",
        f"{_T}::test_hide_restricted_ui",
        env=_env("HIDE_RESTRICTED_UI"),
    ),
    works(
        "PER_PAGE_DEFAULTS",
        f"the page sizes a list offers; {_RUNTIME}",
        f"{_RT}::test_config_page_edits_apply_at_once",
    ),
    works(
        "GIT_SSL_NO_VERIFY",
        "Git fetches without TLS verification (also the environment variable git reads)",
        f"{_T}::test_git_ssl_no_verify_reaches_git",
    ),
    works(
        "LOG_DEPRECATION_WARNINGS",
        "Python deprecation warnings go to the log; `NAUTOBOT_LOG_DEPRECATION_WARNINGS`",
        f"{_T}::test_log_deprecation_warnings",
        env=_env("LOG_DEPRECATION_WARNINGS"),
    ),
    readonly("VERSION", "the running release", f"{_T}::test_read_only_settings"),
    readonly("REST_FRAMEWORK_VERSION", "the newest REST API version (`1.6`)", f"{_T}::test_read_only_settings"),
    readonly(
        "REST_FRAMEWORK_ALLOWED_VERSIONS",
        "the REST API versions served (`1.2`-`1.6`)",
        f"{_T}::test_read_only_settings",
    ),
    readonly("HOSTNAME", "this host's name", f"{_T}::test_read_only_settings"),
    readonly("BASE_DIR", "the installed package's directory", f"{_T}::test_read_only_settings"),
    readonly("TESTING", "whether the command is `nautobot-server test`", f"{_T}::test_read_only_settings"),
    # --- not supported here: one line when a configuration asks for them ---
    works(
        "MAINTENANCE_MODE",
        "writes refused with 503 and a message, reads work, sessions kept; `NAUTOBOT_MAINTENANCE_MODE`",
        "nautobot/core/tests/test_maintenance_mode.py::test_writes_are_refused_and_reads_work",
        env=_env("MAINTENANCE_MODE"),
    ),
    works(
        "METRICS_ENABLED",
        "`/metrics` as 1.6 (django-prometheus: requests, database, cache), ours `nautobot_*` and the apps', every "
        "web process in one scrape; `NAUTOBOT_METRICS_ENABLED`",
        "nautobot/core/tests/test_metrics_live.py::test_one_scrape_sums_every_web_process",
        env=_env("METRICS_ENABLED"),
    ),
    works(
        "PROMETHEUS_EXPORT_MIGRATIONS",
        "django-prometheus's applied/unapplied migration gauges at /metrics (file only, as 1.6)",
        "nautobot/core/tests/test_metrics_live.py::test_prometheus_export_migrations",
    ),
    works(
        "CELERY_WORKER_PROMETHEUS_PORTS",
        "each Celery worker serves its task metrics on the first free port; `NAUTOBOT_CELERY_WORKER_PROMETHEUS_PORTS` "
        "(comma-separated)",
        "nautobot/core/tests/test_metrics_live.py::test_a_job_run_shows_in_job_metrics_and_worker_metrics",
        env=_env("CELERY_WORKER_PROMETHEUS_PORTS"),
    ),
    works(
        "STORAGE_BACKEND",
        "the media storage class (django-storages, e.g. S3); extra `remote_storage`",
        "nautobot/core/tests/test_ops_storage.py::test_a_device_type_image_uploaded_through_the_ui_is_stored_in_s3",
    ),
    works(
        "STORAGE_CONFIG",
        "django-storages' settings (AWS_STORAGE_BUCKET_NAME ...)",
        "nautobot/core/tests/test_ops_storage.py::test_storage_backend_becomes_the_default_storage_configured_by_storage_config",
    ),
    works(
        "CORS_ALLOW_ALL_ORIGINS",
        "django-cors-headers; `NAUTOBOT_CORS_ALLOW_ALL_ORIGINS`",
        "nautobot/core/tests/test_ops_cors_sessions.py::test_origin_regexes_and_allow_all",
        env=_env("CORS_ALLOW_ALL_ORIGINS"),
    ),
    works(
        "CORS_ALLOWED_ORIGINS",
        "django-cors-headers",
        "nautobot/core/tests/test_ops_cors_sessions.py::test_a_listed_origin_gets_its_preflight_answered_and_its_requests_allowed",
    ),
    works(
        "CORS_ALLOWED_ORIGIN_REGEXES",
        "django-cors-headers",
        "nautobot/core/tests/test_ops_cors_sessions.py::test_origin_regexes_and_allow_all",
    ),
    works(
        "SESSION_FILE_PATH",
        "sessions kept in files in that directory; `NAUTOBOT_SESSION_FILE_PATH`",
        "nautobot/core/tests/test_ops_cors_sessions.py::test_file_sessions_keep_users_signed_in",
        env=_env("SESSION_FILE_PATH"),
    ),
    works(
        "SANITIZER_PATTERNS",
        "credentials taken out of job log lines and webhook delivery records",
        "nautobot/extras/tests/test_jobs.py::test_job_log_lines_are_sanitized",
    ),
    works(
        "ALLOWED_URL_SCHEMES",
        "schemes URL custom fields and URL form fields accept and Markdown links keep",
        f"{_T}::test_allowed_url_schemes",
    ),
    works(
        "CONTENT_TYPE_CACHE_TIMEOUT",
        "seconds `Model._content_type_cached` keeps a ContentType in the cache (`refresh_content_type_cache`); "
        "`NAUTOBOT_CONTENT_TYPE_CACHE_TIMEOUT`",
        f"{_T}::test_content_type_cache_timeout",
        env=_env("CONTENT_TYPE_CACHE_TIMEOUT"),
    ),
    refused("DEPLOYMENT_ID", "used only for installation metrics, which this implementation never sends", default=""),
    refused(
        "INSTALLATION_METRICS_ENABLED",
        "this implementation never sends installation metrics",
        default=False,
        harmless=_falsy,
        env=_env("INSTALLATION_METRICS_ENABLED"),
    ),
    refused(
        "RELEASE_CHECK_URL",
        "this implementation never checks for new releases (no network access)",
        default="",
        harmless=_falsy,
    ),
    refused("RELEASE_CHECK_TIMEOUT", "this implementation never checks for new releases", default=24 * 3600),
    refused(
        "REDIS_LOCK_TIMEOUT",
        "no Redis locks are taken here (Git syncs are serialized by the database)",
        default=600,
        env=_env("REDIS_LOCK_TIMEOUT"),
    ),
    refused("WEBSERVER_WARMUP", "the web service always loads every module before it forks its workers", default=False),
    refused("DISABLE_PREFIX_LIST_HIERARCHY", "the prefix list is always flat here", default=False),
    refused("FILTERS_NULL_CHOICE_LABEL", 'filters name the empty choice "None"', default="None"),
    refused("FILTERS_NULL_CHOICE_VALUE", 'filters take "null" for the empty choice', default="null"),
    works(
        "UI_RACK_VIEW_TRUNCATE_FUNCTION",
        "shortens device names in rack elevations (default: up to the first dot; the tooltip keeps the whole name)",
        f"{_T}::test_rack_view_truncate_function",
    ),
    refused(
        "SHELL_PLUS_DONT_LOAD",
        "`nbshell` imports every model (django-extensions' shell_plus is not used)",
        default=["taggit"],
    ),
    refused("CRYPTOGRAPHY_KEY", "not used: Git credentials are encrypted with GIT_CREDENTIALS_KEY", default=None),
    refused(
        "CRYPTOGRAPHY_SALT",
        "not used: Git credentials are encrypted with GIT_CREDENTIALS_KEY",
        default="nautobot-cryptography",
    ),
    works(
        "GRAPHQL_CUSTOM_FIELD_PREFIX",
        "GraphQL's `cf_<name>` fields; new custom fields show without a restart",
        test="nautobot/extras/tests/test_graphql_fields.py::test_prefixes_follow_the_settings",
    ),
    works(
        "GRAPHQL_RELATIONSHIP_PREFIX",
        "GraphQL's `rel_<slug>` fields (peers the user may view)",
        test="nautobot/extras/tests/test_graphql_fields.py::test_prefixes_follow_the_settings",
    ),
    works(
        "GRAPHQL_COMPUTED_FIELD_PREFIX",
        "GraphQL's `cpf_<slug>` fields",
        test="nautobot/extras/tests/test_graphql_fields.py::test_prefixes_follow_the_settings",
    ),
    works(
        "CONFIG_CONTEXT_DYNAMIC_GROUPS_ENABLED",
        "config contexts scoped by dynamic groups of devices and VMs (their `dynamic_groups`); "
        "`NAUTOBOT_CONFIG_CONTEXT_DYNAMIC_GROUPS_ENABLED`",
        "nautobot/extras/tests/test_dynamic_groups.py::test_config_contexts_scoped_by_dynamic_groups",
        env=_env("CONFIG_CONTEXT_DYNAMIC_GROUPS_ENABLED"),
    ),
    works(
        "DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT",
        "seconds a dynamic group's member ids stay in the cache (0: none), refreshed by "
        f"`nautobot-server refresh_dynamic_group_member_caches`; {_RUNTIME}; "
        "`NAUTOBOT_DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT`",
        "nautobot/extras/tests/test_dynamic_groups.py::test_member_cache_and_its_command",
        env=_env("DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT"),
    ),
    works("NAPALM_ARGS", "driver arguments of `/napalm/` (a platform's `napalm_args` add to them)", _NAPALM_TEST),
    works(
        "NAPALM_PASSWORD",
        "`/napalm/`'s password when the device's secrets group has none; `NAUTOBOT_NAPALM_PASSWORD`",
        _NAPALM_TEST,
        env=_env("NAPALM_PASSWORD"),
    ),
    works(
        "NAPALM_TIMEOUT",
        "seconds NAPALM waits for a device; `NAUTOBOT_NAPALM_TIMEOUT`",
        _NAPALM_TEST,
        env=_env("NAPALM_TIMEOUT"),
    ),
    works(
        "NAPALM_USERNAME",
        "`/napalm/`'s username when the device's secrets group has none; `NAUTOBOT_NAPALM_USERNAME`",
        _NAPALM_TEST,
        env=_env("NAPALM_USERNAME"),
    ),
    refused("NETWORK_DRIVERS", "platforms' network-driver translations (netutils) are not available", default={}),
    *(
        refused(name, _CACHEOPS, default=default, env=env, harmless=lambda value: True)
        for name, default, env in (
            ("CACHEOPS", _UNSET, ()),
            ("CACHEOPS_DEFAULTS", _UNSET, ("NAUTOBOT_CACHEOPS_TIMEOUT",)),
            ("CACHEOPS_DEGRADE_ON_FAILURE", True, ()),
            ("CACHEOPS_HEALTH_CHECK_ENABLED", False, ()),
            ("CACHEOPS_REDIS", _UNSET, _env("CACHEOPS_REDIS")),
            ("CACHEOPS_SENTINEL", _UNSET, ()),
        )
    ),
    refused("CACHEOPS_ENABLED", _CACHEOPS, default=False, harmless=_falsy, env=_env("CACHEOPS_ENABLED")),
    works(
        "CONSTANCE_CONFIG",
        "the runtime settings (django-constance): 1.6's names and defaults, edited on /admin/constance/config/",
        f"{_RT}::test_config_page_edits_apply_at_once",
    ),
    works(
        "CONSTANCE_CONFIG_FIELDSETS", "the Config page's sections, as 1.6", f"{_RT}::test_the_runtime_settings_of_1_6"
    ),
    works(
        "CONSTANCE_ADDITIONAL_FIELDS",
        "the Config page's form fields (page sizes, URL, JSON)",
        f"{_RT}::test_config_page_edits_apply_at_once",
    ),
    works(
        "CONSTANCE_BACKEND",
        "where runtime settings are stored (the database, as 1.6)",
        f"{_RT}::test_an_edit_reaches_every_process_without_a_restart",
    ),
    works(
        "CONSTANCE_DATABASE_CACHE_BACKEND",
        "the cache constance keeps values in (`default`; a per-process LocMemCache is not used)",
        f"{_RT}::test_an_edit_reaches_every_process_without_a_restart",
    ),
    works(
        "CONSTANCE_DATABASE_PREFIX",
        "prefix of the stored keys (`constance:nautobot:`)",
        f"{_RT}::test_the_runtime_settings_of_1_6",
    ),
    works(
        "CONSTANCE_IGNORE_ADMIN_VERSION_CHECK",
        "edits from several web processes are not refused as conflicts",
        f"{_RT}::test_the_runtime_settings_of_1_6",
    ),
    works(
        "CELERY_BEAT_HEARTBEAT_FILE",
        "touched by the scheduler on every tick; `NAUTOBOT_CELERY_BEAT_HEARTBEAT_FILE`",
        f"{_T}::test_beat_heartbeat_file_is_touched",
        env=_env("CELERY_BEAT_HEARTBEAT_FILE"),
    ),
    refused("ALLOW_REQUEST_PROFILING", _SILK, default=False),
    *(
        refused(name, _SILK)
        for name in (
            "SILKY_ANALYZE_QUERIES",
            "SILKY_AUTHENTICATION",
            "SILKY_AUTHORISATION",
            "SILKY_INTERCEPT_FUNC",
            "SILKY_PERMISSIONS",
            "SILKY_PYTHON_PROFILER",
            "SILKY_PYTHON_PROFILER_BINARY",
            "SILKY_PYTHON_PROFILER_EXTENDED_FILE_NAME",
        )
    ),
    refused("TEST_FACTORY_SEED", _TEST_SUITE, default=None, env=_env("TEST_FACTORY_SEED")),
    refused(
        "TEST_PERFORMANCE_BASELINE_FILE",
        _TEST_SUITE,
        default="nautobot/core/tests/performance_baselines.yml",
        env=_env("TEST_PERFORMANCE_BASELINE_FILE"),
    ),
    refused("TEST_USE_FACTORIES", _TEST_SUITE, default=False, env=_env("TEST_USE_FACTORIES")),
    # LDAP sign-in: django-auth-ldap (the `ldap` extra) reads these itself, as in 1.x.
    *(
        works(name, note, f"{_LDAP_TESTS}::{test}", env=env)
        for name, note, test, env in (
            (
                "AUTH_LDAP_ALWAYS_UPDATE_USER",
                "django-auth-ldap: update the user from LDAP at each sign-in",
                "test_no_new_users_and_always_update_user",
                (),
            ),
            (
                "AUTH_LDAP_BIND_DN",
                "django-auth-ldap: the service account that searches the directory",
                "test_bind_dn_and_password_are_the_service_account",
                (),
            ),
            (
                "AUTH_LDAP_BIND_PASSWORD",
                "django-auth-ldap: its password",
                "test_bind_dn_and_password_are_the_service_account",
                (),
            ),
            (
                "AUTH_LDAP_CACHE_TIMEOUT",
                "django-auth-ldap: seconds a user's DN and groups are cached (Django's cache)",
                "test_cache_timeout_keeps_group_memberships",
                (),
            ),
            (
                "AUTH_LDAP_CONNECTION_OPTIONS",
                "django-auth-ldap: python-ldap options (CA file, referrals...)",
                "test_start_tls_with_the_guides_connection_options",
                (),
            ),
            (
                "AUTH_LDAP_FIND_GROUP_PERMS",
                "django-auth-ldap: the permissions of Django groups named like the user's LDAP groups",
                "test_find_group_perms_gives_the_permissions_of_groups_named_like_the_ldap_groups",
                (),
            ),
            (
                "AUTH_LDAP_GROUP_SEARCH",
                "django-auth-ldap: where groups are searched",
                "test_ldap_user_signs_in_through_the_login_form",
                (),
            ),
            (
                "AUTH_LDAP_GROUP_TYPE",
                "django-auth-ldap: `GroupOfNamesType()`, `NestedGroupOfNamesType()`...",
                "test_ldap_user_signs_in_through_the_login_form",
                (),
            ),
            (
                "AUTH_LDAP_NO_NEW_USERS",
                "django-auth-ldap: only users that already exist here may sign in",
                "test_no_new_users_and_always_update_user",
                (),
            ),
            (
                "AUTH_LDAP_REQUIRE_GROUP",
                "django-auth-ldap: the group needed to sign in; an account removed from it is deactivated at its next sign-in",
                "test_removed_from_the_required_group_is_refused_and_its_tokens_stop",
                (),
            ),
            (
                "AUTH_LDAP_SECONDARY_SERVER_URI",
                "a second directory through an app's `LDAPBackend` subclass (`settings_prefix`), as 1.x's guide",
                "test_a_second_directory_through_an_app_backend",
                (),
            ),
            (
                "AUTH_LDAP_SERVER_URI",
                "django-auth-ldap: the directory (`ldap://`, `ldaps://`)",
                "test_ldap_user_signs_in_through_the_login_form",
                (),
            ),
            (
                "AUTH_LDAP_START_TLS",
                "django-auth-ldap: STARTTLS on `ldap://`",
                "test_start_tls_with_the_guides_connection_options",
                (),
            ),
            (
                "AUTH_LDAP_USER_ATTR_MAP",
                "django-auth-ldap: user fields from LDAP attributes",
                "test_ldap_user_signs_in_through_the_login_form",
                (),
            ),
            (
                "AUTH_LDAP_USER_DN_TEMPLATE",
                "django-auth-ldap: the user's DN from the username, without a search",
                "test_user_dn_template_signs_in_without_a_search",
                (),
            ),
            (
                "AUTH_LDAP_USER_FLAGS_BY_GROUP",
                "django-auth-ldap: `is_active`/`is_staff`/`is_superuser` from groups",
                "test_flags_by_group_make_carol_staff_and_superuser",
                (),
            ),
            (
                "AUTH_LDAP_USER_SEARCH",
                "django-auth-ldap: how the user is found (`LDAPSearch`, `LDAPSearchUnion`)",
                "test_ldap_user_signs_in_through_the_login_form",
                (),
            ),
            (
                "AUTH_LDAP_USER_SEARCH_DN",
                "the guide's `nautobot_config.py` reads it from `NAUTOBOT_AUTH_LDAP_USER_SEARCH_DN` for an `LDAPSearchUnion`",
                "test_user_search_dn_from_the_environment_as_the_guide_writes_it",
                ("NAUTOBOT_AUTH_LDAP_USER_SEARCH_DN",),
            ),
        )
    ),
    works(
        "REMOTE_AUTH_AUTO_CREATE_USER",
        "with `nautobot.core.authentication.RemoteUserBackend`: an unknown name from the proxy becomes a user",
        test="nautobot/core/tests/test_remote_auth.py::test_without_auto_create_only_existing_users_sign_in",
    ),
    works(
        "REMOTE_AUTH_HEADER",
        "the proxy's header naming the user (`request.META` key); see also our REMOTE_AUTH_TRUSTED_PROXIES",
        test="nautobot/core/tests/test_remote_auth.py::test_remote_auth_header_names_the_header",
    ),
    works(
        "EXTERNAL_AUTH_DEFAULT_GROUPS",
        "given at a user's first login through LDAP, SSO or a remote-user header (once, not on every request)",
        test="nautobot/core/tests/test_external_auth.py::test_a_first_external_login_gets_the_defaults_once",
    ),
    works(
        "EXTERNAL_AUTH_DEFAULT_PERMISSIONS",
        "as EXTERNAL_AUTH_DEFAULT_GROUPS; one shared permission per name",
        test="nautobot/core/tests/test_external_auth.py::test_a_first_external_login_gets_the_defaults_once",
    ),
    works(
        "SOCIAL_AUTH_POSTGRES_JSONFIELD",
        "accepted (deprecated in 1.6): social-auth's JSON fields are JSON on every database",
    ),
    works("SOCIAL_AUTH_BACKEND_PREFIX", "accepted; single sign-on backends are recognised by their class"),
    *(
        works(name, "social-auth: the provider's button on the login page starts there", test=_SSO_PROVIDERS)
        for name in (
            "SOCIAL_AUTH_AZUREAD_OAUTH2_KEY",
            "SOCIAL_AUTH_AZUREAD_OAUTH2_SECRET",
            "SOCIAL_AUTH_AZUREAD_TENANT_OAUTH2_KEY",
            "SOCIAL_AUTH_AZUREAD_TENANT_OAUTH2_SECRET",
            "SOCIAL_AUTH_AZUREAD_TENANT_OAUTH2_TENANT_ID",
            "SOCIAL_AUTH_GOOGLE_OAUTH2_KEY",
            "SOCIAL_AUTH_GOOGLE_OAUTH2_SCOPE",
            "SOCIAL_AUTH_GOOGLE_OAUTH2_SECRET",
            "SOCIAL_AUTH_OKTA_OAUTH2_API_URL",
            "SOCIAL_AUTH_OKTA_OAUTH2_KEY",
            "SOCIAL_AUTH_OKTA_OAUTH2_SCOPE",
            "SOCIAL_AUTH_OKTA_OAUTH2_SECRET",
        )
    ),
    *(
        works(name, "social-auth: Okta's OpenID Connect", test=_SSO_OKTA_OIDC)
        for name in (
            "SOCIAL_AUTH_OKTA_OPENIDCONNECT_API_URL",
            "SOCIAL_AUTH_OKTA_OPENIDCONNECT_KEY",
            "SOCIAL_AUTH_OKTA_OPENIDCONNECT_SCOPE",
            "SOCIAL_AUTH_OKTA_OPENIDCONNECT_SECRET",
        )
    ),
    works(
        "SOCIAL_AUTH_PIPELINE",
        "a site's own pipeline replaces ours (social-core's plus `nautobot.core.sso.sync_groups`)",
        test="nautobot/core/tests/test_sso.py::test_a_site_pipeline_replaces_ours",
    ),
    *(
        works(name, "social-auth's SAML (`pip install 'nautobot[saml]'`): a button per identity provider", test=_SAML)
        for name in (
            "SOCIAL_AUTH_SAML_ENABLED_IDPS",
            "SOCIAL_AUTH_SAML_ORG_INFO",
            "SOCIAL_AUTH_SAML_SP_ENTITY_ID",
            "SOCIAL_AUTH_SAML_SP_PRIVATE_KEY",
            "SOCIAL_AUTH_SAML_SP_PUBLIC_CERT",
            "SOCIAL_AUTH_SAML_SUPPORT_CONTACT",
            "SOCIAL_AUTH_SAML_TECHNICAL_CONTACT",
        )
    ),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}

# Settings of our own, beyond 1.6 (documented in the README beside the features they belong to).
OWN_SETTINGS: tuple[Setting, ...] = (
    works(
        "REMOTE_AUTH_TRUSTED_PROXIES",
        "the remote-user header (and X-Forwarded-For) believed only from these addresses",
        test="nautobot/core/tests/test_remote_auth.py::test_trusted_proxies_limit_who_may_send_the_header",
    ),
    *(
        works(
            name,
            "failed sign-ins limited per user name and per address",
            test="nautobot/core/tests/test_login_limits.py::"
            "test_twenty_wrong_passwords_are_refused_then_the_right_one_works_after_the_delay",
            env=_env(name),
        )
        for name in (
            "LOGIN_FAILURE_LIMIT_PER_USER",
            "LOGIN_FAILURE_LIMIT_PER_ADDRESS",
            "LOGIN_FAILURE_WINDOW",
            "LOGIN_FAILURE_DELAY",
        )
    ),
)
# Environment variables 1.6 reads that are not a setting's own (NAUTOBOT_DOCKER_SKIP_INIT: the 1.x Docker image's
# entry point; NAUTOBOT_REDIS_TIMEOUT: a default of the 1.x config template; NAUTOBOT_USERS: nothing in 1.6 reads it).
OTHER_ENVIRONMENT = {
    "NAUTOBOT_DOCKER_SKIP_INIT": "read by the 1.x Docker image's entry point; there is no such image here",
    "NAUTOBOT_REDIS_TIMEOUT": "Redis connections use redis-py's timeouts",
}


def _from_environment(setting: Setting, raw: str) -> Any:
    default = setting.default
    if isinstance(default, bool):
        return raw.strip().lower() in ("true", "yes", "on", "1", "t", "y")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            return raw
    return raw


def refusal_line(setting: Setting, source: str) -> str:
    verb = "stopped" if setting.stop else "ignored"
    if setting.state == READONLY:
        return f"{source} is read-only here ({setting.note}); the value set is {verb}"
    return f"{source} is not supported here: {setting.note} ({verb})"


def refusals(user_values: Mapping[str, Any], environ: Mapping[str, str] = os.environ) -> list[tuple[Setting, str]]:
    """The settings a configuration asks for that are not supported here, each with its one-line message.

    `user_values`: the names the configuration file set (or changed from the defaults) and their values.
    """
    found: dict[str, tuple[Setting, str]] = {}
    for name, value in user_values.items():
        setting = BY_NAME.get(name)
        if setting is None or setting.state == WORKS:
            continue
        if setting.state == READONLY or setting.asks_for_something(value):
            found[name] = (setting, refusal_line(setting, name))
    for setting in SETTINGS:
        if setting.state != REFUSED or setting.name in found:
            continue
        for variable in setting.env:
            raw = environ.get(variable)
            if raw and setting.asks_for_something(_from_environment(setting, raw)):
                found[setting.name] = (setting, refusal_line(setting, f"{variable} (for {setting.name})"))
                break
    lines = [found[name] for name in sorted(found)]
    for variable, why in OTHER_ENVIRONMENT.items():
        if environ.get(variable):
            lines.append((Setting(variable, REFUSED, why), f"{variable} is not read here: {why} (ignored)"))
    return lines


_IDENTIFIER = re.compile(r"^[A-Z][A-Z0-9_]*$")


def readme_table() -> str:
    """The README's table of 1.6 settings (its configuration section holds this text verbatim)."""
    rows = ["| 1.6 setting | here | what it does, or why not |", "| --- | --- | --- |"]
    for setting in sorted(SETTINGS, key=lambda s: s.name):
        assert _IDENTIFIER.match(setting.name), setting.name
        state = {WORKS: "works", READONLY: "read-only", REFUSED: "stops" if setting.stop else "refused"}[setting.state]
        rows.append(f"| `{setting.name}` | {state} | {setting.note.replace('|', '/')} |")
    return "\n".join(rows) + "\n"


def write_readme(path: str = "README.md") -> None:
    """Replace the table in the README at `path` with the catalog's."""
    with open(path, encoding="utf-8") as stream:
        text = stream.read()
    start = text.index("| 1.6 setting | here |")
    end = text.index("\n\n", start) + 1
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text[:start] + readme_table() + text[end:])


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--write-readme"]:  # run from the repository root
        write_readme()
    else:
        print(readme_table(), end="")
