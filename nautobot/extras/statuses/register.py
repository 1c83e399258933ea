"""Register statuses with the core: the `status` serializer field and form field, and the default statuses."""

from django.apps import apps
from django.db.models.signals import post_migrate

from nautobot.core.registry import FormFieldOverride, SerializerFieldOverride, registry
from nautobot.extras.statuses.api import GeneratedStatusField
from nautobot.extras.statuses.defaults import seed_statuses
from nautobot.extras.statuses.forms import status_form_field


def register() -> None:
    registry.serializer_field_overrides.register(SerializerFieldOverride("extras.Status", GeneratedStatusField))
    registry.form_field_overrides.register(FormFieldOverride("extras.Status", status_form_field))
    post_migrate.connect(
        seed_statuses, sender=apps.get_app_config("extras"), dispatch_uid="nautobot.extras.seed_statuses"
    )
