"""Runtime settings (django-constance, as 1.x): values admins edit on /admin/constance/config/ without a restart.

`get_settings_or_config(name)` (1.x path `nautobot.utilities.config`) is how code reads one of
`settings.CONSTANCE_CONFIG`'s names: a value defined in the settings (nautobot_config.py, or the name's
`NAUTOBOT_<NAME>` variable) wins, as in 1.x; otherwise the edited value applies, or the `CONSTANCE_CONFIG` default
when nobody edited it.

Reads are cheap: each process keeps all the runtime values it read (one database query) for
`RUNTIME_SETTINGS_REFRESH` seconds, so list pages and API lists, which read `PAGINATE_COUNT` and `MAX_PAGE_SIZE`
on every request, do not ask the database or the cache each time. An edit applies at once in the process that
made it (constance's `config_updated` signal) and within `RUNTIME_SETTINGS_REFRESH` seconds in every other one.
Reading never writes (constance's `config.NAME` stores the default on first read, which a read-only database in
maintenance mode would refuse).
"""

import json
import logging
import time
from typing import Any

from django import forms
from django.conf import settings

logger = logging.getLogger(__name__)

_MISSING = object()
_UNKNOWN = object()
# (values by name, time.monotonic() when read); None: read on next use.
_snapshot: tuple[dict[str, Any], float] | None = None
# What the settings say for each name asked about (`_MISSING`: not defined): asking Django's settings for a name
# they lack costs an exception each time. Emptied when a setting changes (`override_settings` in tests).
_in_settings: dict[str, Any] = {}


def _setting(name: str) -> Any:
    value = _in_settings.get(name, _UNKNOWN)
    if value is _UNKNOWN:
        value = _in_settings[name] = getattr(settings, name, _MISSING)
    return value


def get_settings_or_config(variable_name: str, fallback: Any = None) -> Any:
    """The setting `variable_name` if the settings define it, else its runtime value (see the module docstring);
    `fallback` for a name that is neither."""
    value = _setting(variable_name)
    if value is not _MISSING:
        return value
    return runtime_values().get(variable_name, fallback)


def runtime_values() -> dict[str, Any]:
    """Every runtime setting's current value (edited, else default), at most `RUNTIME_SETTINGS_REFRESH` s old."""
    global _snapshot
    snapshot = _snapshot
    now = time.monotonic()
    if snapshot is not None:
        refresh = _setting("RUNTIME_SETTINGS_REFRESH")
        if now - snapshot[1] < (5 if refresh is _MISSING else refresh):
            return snapshot[0]
    values = _read()
    _snapshot = (values, now)
    return values


def _setting_changed(*args: Any, **kwargs: Any) -> None:
    _in_settings.clear()
    forget()


def forget(*args: Any, **kwargs: Any) -> None:
    """Drop this process's copy (a signal receiver too): the next read asks the backend."""
    global _snapshot
    _snapshot = None
    _in_settings.clear()


def _read() -> dict[str, Any]:
    declared = getattr(settings, "CONSTANCE_CONFIG", {})
    values = {name: options[0] for name, options in declared.items()}
    try:
        from constance import config

        stored = config._backend.mget(list(declared))
    except Exception as exc:  # no database yet (before `migrate`), or it is down: the defaults, until the next read
        logger.debug("Runtime settings not read (%s); using their defaults", exc)
        return values
    values.update({name: value for name, value in stored.items() if value is not None})
    return values


def overridden(name: str) -> tuple[bool, Any]:
    """(True, value) when the settings define `name`, so that an edited value of it does not apply."""
    value = _setting(name)
    return (value is not _MISSING, None if value is _MISSING else value)


def connect_signals() -> None:
    from constance.models import Constance
    from constance.signals import config_updated
    from django.core.signals import setting_changed
    from django.db.models.signals import post_delete, post_save

    setting_changed.connect(_setting_changed, dispatch_uid="nautobot-runtime-settings-setting-changed")

    config_updated.connect(forget, dispatch_uid="nautobot-runtime-settings-updated")
    post_save.connect(forget, sender=Constance, dispatch_uid="nautobot-runtime-settings-saved")
    post_delete.connect(forget, sender=Constance, dispatch_uid="nautobot-runtime-settings-deleted")


class PageSizesField(forms.CharField):
    """`PER_PAGE_DEFAULTS` on the Config page: page sizes written "25, 50, 100" (or as a JSON list)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 40}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return ", ".join(str(n) for n in value)
        return value

    def to_python(self, value: Any) -> list[int]:
        if isinstance(value, (list, tuple)):
            items = list(value)
        else:
            text = (super().to_python(value) or "").strip()
            try:
                items = json.loads(text) if text.startswith("[") else text.replace(",", " ").split()
            except ValueError:
                raise forms.ValidationError("Write the page sizes as numbers separated by commas.") from None
        try:
            sizes = [int(item) for item in items]
        except (TypeError, ValueError):
            raise forms.ValidationError("Write the page sizes as numbers separated by commas.") from None
        if not sizes or min(sizes) < 1:
            raise forms.ValidationError("Give at least one page size, each 1 or more.")
        return sizes


__all__ = ["PageSizesField", "forget", "get_settings_or_config", "overridden", "runtime_values"]
