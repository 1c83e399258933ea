"""Django app configuration of `nautobot.core`; and, at their 1.x path, the classes of an app's navigation menu."""

import logging
import warnings

from django.apps import AppConfig
from django.conf import settings
from django.core import checks

# 1.x apps import their menu and home page classes from here (`nautobot.core.apps`).
from nautobot.core.navigation import (  # noqa: F401
    ButtonColorChoices,
    HomePageGroup,
    HomePageItem,
    HomePagePanel,
    NavMenuAddButton,
    NavMenuButton,
    NavMenuGroup,
    NavMenuImportButton,
    NavMenuItem,
    NavMenuTab,
)


class CoreConfig(AppConfig):
    name = "nautobot.core"
    label = "core"
    verbose_name = "Nautobot core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: Django imports an AppConfig module before any model is loaded.
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
        from django.db.models.signals import post_migrate
        from django.utils.module_loading import autodiscover_modules

        from nautobot.core import audit, health, login_limits, system_metrics
        from nautobot.core.celery import app  # noqa: F401  (the Celery app exists in every process)
        from nautobot.core.graphql import converters  # noqa: F401  (before apps declare their GraphQL types)
        from nautobot.core.checks import check_specs
        from nautobot.core.models.features import register_declared_features
        from nautobot.core.registry.checks import check_registry
        from nautobot.core.signals import announce_database_ready, update_last_login
        from nautobot.core.spec_derivation import register_derived_specs
        from nautobot.core.user_sessions import forget_logout, record_login

        if getattr(settings, "LOG_DEPRECATION_WARNINGS", False):
            # Deprecation warnings (silent by default in Python) shown once per place and logged as WARNING by the
            # `py.warnings` logger.
            warnings.simplefilter("default", DeprecationWarning)
            logging.captureWarnings(True)
        checks.register(check_registry, "nautobot")
        checks.register(check_specs, "nautobot")
        health.register()
        system_metrics.register()
        post_migrate.connect(announce_database_ready, dispatch_uid="nautobot.core.announce_database_ready")
        # Django's receiver (connected by its auth app) writes the login time, which maintenance mode must not.
        if user_logged_in.disconnect(dispatch_uid="update_last_login"):
            user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")
        user_login_failed.connect(login_limits.on_login_failed, dispatch_uid="nautobot.core.login_limits")
        user_logged_in.connect(login_limits.on_logged_in, dispatch_uid="nautobot.core.login_limits")
        user_login_failed.connect(audit.on_login_failed, dispatch_uid="nautobot.core.audit")
        user_logged_in.connect(audit.on_logged_in, dispatch_uid="nautobot.core.audit")
        # Each signed-in session is recorded for its user's Sessions page (`nautobot.core.user_sessions`).
        user_logged_in.connect(record_login, dispatch_uid="nautobot.core.record_login")
        user_logged_out.connect(forget_logout, dispatch_uid="nautobot.core.forget_logout")
        autodiscover_modules("specs")  # each app's specs.py registers its models with the API machinery
        register_declared_features()  # what 1.x models declare with @extras_features
        register_derived_specs()  # a spec for each 1.x app model that declares none


class ConstanceConfiguration(AppConfig):
    """django-constance (runtime settings), named "Configuration" in the admin as in 1.x; its `config_updated`
    signal refreshes this process's copy of the values (`nautobot.core.runtime_settings`)."""

    default = False  # "nautobot.core" stays CoreConfig's
    name = "constance"
    label = "constance"
    verbose_name = "Configuration"
    default_auto_field = "django.db.models.AutoField"

    def ready(self) -> None:
        from constance.apps import ConstanceConfig

        ConstanceConfig.ready(self)
        from nautobot.core.runtime_settings import connect_signals

        connect_signals()
