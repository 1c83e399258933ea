from django.apps import AppConfig


class TestIdentityProviderConfig(AppConfig):
    name = "nautobot.core.testing.oidc_provider"
    label = "test_identity_provider"  # not "oidc_provider": that is django-oidc-provider's own label
