"""Signals of the core that apps connect to (1.x path `nautobot.core.signals`).

`nautobot_database_ready`: sent once the database is migrated (after `nautobot-server migrate` and
`post_upgrade`, never while serving), once to each installed app, `sender` being its app config. Apps connect
to it to make sure data they rely on exists (custom fields, relationships, statuses...). Receivers take
`(sender, *, apps, **kwargs)`: `apps` is the migrated app registry (`apps.get_model("extras", "Status")`),
`sender.get_model(...)` the app's own models (after a `flush`, which sends `post_migrate` without
`apps`, `apps` is the installed app registry); `verbosity`, `interactive`, `using` and `plan` are passed as Django's
`post_migrate` passes them.
"""

from typing import Any

from django.apps import apps as global_apps
from django.dispatch import Signal

nautobot_database_ready = Signal()


def announce_database_ready(sender: Any, **kwargs: Any) -> None:
    """`post_migrate` receiver: after the last app's `post_migrate`, send `nautobot_database_ready` to every app."""
    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if not with_models or sender is not with_models[-1]:
        return
    kwargs.pop("signal", None)
    kwargs.pop("app_config", None)
    # `flush` (tests between cases) sends `post_migrate` without `apps`: receivers get the installed apps then.
    kwargs.setdefault("apps", global_apps)
    for app_config in global_apps.get_app_configs():
        nautobot_database_ready.send(sender=app_config, app_config=app_config, **kwargs)


def update_last_login(sender: Any, user: Any, **kwargs: Any) -> None:
    """`user_logged_in` receiver in place of Django's: the login time is recorded, except in maintenance mode (as
    1.x: the database may be read-only then, and the login must still succeed); a first login through an external
    backend gets the default groups and permissions (`authentication.note_login`)."""
    from django.contrib.auth.models import update_last_login as django_update_last_login

    from nautobot.core.authentication import note_login
    from nautobot.core.maintenance import maintenance_mode

    if not maintenance_mode():
        first = user.last_login is None
        django_update_last_login(sender, user, **kwargs)
        note_login(user, getattr(user, "backend", None) or "", first=first)
