"""Secrets: `Secret` describes where a sensitive value is kept (an environment variable, a file, a vault) and
never holds the value; `SecretsGroup` gives secrets a purpose (access type, secret type) for a device, a Git
repository or an app. Providers (where values come from) are the registry's `secrets_providers` store, filled by
this feature (environment variable, text file) and by plugins' `secrets_providers` hook.

The 1.x module `nautobot.extras.secrets`: `SecretsProvider` (the store's kind), `register_secrets_provider`,
`exceptions`.
"""

from nautobot.core.registry import SecretsProvider, registry


def register_secrets_provider(provider: type[SecretsProvider]) -> type[SecretsProvider]:
    """Make `provider` (a `SecretsProvider` subclass) available to secrets under its `slug`.

    `TypeError` if it is not a provider class, `KeyError` if another provider has its slug (as in 1.x).
    """
    if not (isinstance(provider, type) and issubclass(provider, SecretsProvider)):
        raise TypeError(f"{provider!r} is not a subclass of nautobot.apps.secrets.SecretsProvider.")
    if not provider.slug:
        raise TypeError(f"{provider.__name__} has no slug.")
    existing = registry.secrets_providers.get(provider.slug)
    if existing is not None and existing is not provider:
        raise KeyError(
            f"Cannot register {provider.__name__} as a secrets provider: {existing.__name__} already has"
            f" the slug {provider.slug!r}."
        )
    return registry.secrets_providers.register(provider)


def provider_choices() -> list[tuple[str, str]]:
    """`(slug, name)` of every registered provider, by name: the choices of `Secret.provider`."""
    return sorted(((p.slug, p.name) for p in registry.secrets_providers), key=lambda choice: choice[1].lower())


__all__ = ["SecretsProvider", "provider_choices", "register_secrets_provider"]
