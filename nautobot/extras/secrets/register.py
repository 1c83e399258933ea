"""Register secrets with the core: the built-in providers (environment variable, text file)."""

from nautobot.extras.secrets import register_secrets_provider
from nautobot.extras.secrets.providers import BUILT_IN_PROVIDERS


def register() -> None:
    for provider in BUILT_IN_PROVIDERS:
        register_secrets_provider(provider)
