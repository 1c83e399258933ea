"""Register secrets with the core: the built-in providers (environment variable, text file), the Check button."""

from nautobot.core.views.actions import register_object_action
from nautobot.extras.secrets import register_secrets_provider
from nautobot.extras.secrets.models import Secret
from nautobot.extras.secrets.providers import BUILT_IN_PROVIDERS
from nautobot.extras.secrets.ui import check


def register() -> None:
    for provider in BUILT_IN_PROVIDERS:
        register_secrets_provider(provider)
    register_object_action(Secret, "check", "Check", permission="view", handler=check, style="secondary")
