"""Nautobot: network source of truth and automation platform.

`setup()` is the one way to bring up Django for any entry point (CLI, WSGI, Celery, tests).
"""

import os

__version__ = "1.6.0"

_configured = False


def setup(config_path: str | None = None, *, announce: bool = True, server_role: str | None = None) -> None:
    """Find the configuration, point Django at it and run `django.setup()` once per process.

    `config_path` wins over `NAUTOBOT_CONFIG`, which wins over `$NAUTOBOT_ROOT/nautobot_config.py`.
    `server_role` ("web", "worker") marks a server whose processes' metrics are read together (see
    `nautobot.core.prometheus`). Raises `nautobot.core.config.ConfigError` (a message for people, not a
    traceback) when the file is missing or broken.
    """
    global _configured
    if _configured:
        return
    from nautobot.core import config  # lazily: `import nautobot` (e.g. for __version__) does not load Django

    path = config.resolve_config_path(config_path)
    os.environ["NAUTOBOT_CONFIG"] = str(path)
    os.environ["DJANGO_SETTINGS_MODULE"] = config.SETTINGS_MODULE
    # Errors now, as ConfigError, before Django would wrap them.
    config.validate_and_keep(path, announce=announce, server_role=server_role)

    import django

    from nautobot.core.plugins import PluginError

    try:
        django.setup()
    except PluginError as exc:  # a plugin refused when its app is ready (e.g. a model it relates to is missing)
        raise config.ConfigError(str(exc)) from None
    _configured = True
