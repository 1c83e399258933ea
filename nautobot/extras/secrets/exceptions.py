"""Errors of reading a secret's value (1.x `nautobot.extras.secrets.exceptions`). Their text names the secret and
the provider, never the value."""

from typing import Any


class SecretError(Exception):
    """A secret's value could not be read: `secret` (the `Secret`), `provider_class` and `message` say why."""

    def __init__(self, secret: Any, provider_class: type | None, message: str, *args: Any) -> None:
        super().__init__(message, *args)
        self.secret = secret
        self.provider_class = provider_class
        self.message = message

    def __str__(self) -> str:
        provider = getattr(self.provider_class, "__name__", None) or getattr(self.secret, "provider", "?")
        return f"{type(self).__name__}: Secret {str(self.secret)!r} (provider {provider}): {self.message}"


class SecretParametersError(SecretError):
    """The secret's parameters do not fit its provider (a missing key, a template that does not render)."""


class SecretProviderError(SecretError):
    """The provider is not registered, not available, or failed for a reason of its own."""


class SecretValueNotFoundError(SecretError, KeyError):
    """The provider has no value where the parameters point (an undefined variable, a missing file)."""

    __str__ = SecretError.__str__  # not KeyError's (which would quote the message)


__all__ = ["SecretError", "SecretParametersError", "SecretProviderError", "SecretValueNotFoundError"]
