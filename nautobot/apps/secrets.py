"""1.x `nautobot.apps.secrets`: the base class of secrets providers (re-exported from its home)."""

from nautobot.extras.secrets import SecretsProvider, register_secrets_provider

__all__ = ["SecretsProvider", "register_secrets_provider"]
