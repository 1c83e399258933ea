"""The `app_label.ModelName` arguments that several commands take (renaturalize, validate_models, fix_custom_fields)."""

from django.apps import apps
from django.core.management.base import CommandError
from django.db import models


def models_named(names: list[str]) -> list[type[models.Model]]:
    """The models `names` ("dcim.Device") designate, in order; a `CommandError` naming the first bad one."""
    found = []
    for name in names:
        app_label, dot, model_name = name.partition(".")
        if not dot or not app_label or not model_name or "." in model_name:
            raise CommandError(f"Invalid format: {name}. Models must be specified in the form app_label.ModelName.")
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:
            raise CommandError(f"Unknown app: {app_label} (in {name}).") from None
        try:
            found.append(app_config.get_model(model_name))
        except LookupError:
            raise CommandError(f"Unknown model: {app_label}.{model_name}") from None
    return found


def add_model_names_argument(parser, what: str) -> None:
    parser.add_argument(
        "args", metavar="app_label.ModelName", nargs="*", help=f"One or more models (app_label.ModelName) to {what}"
    )
