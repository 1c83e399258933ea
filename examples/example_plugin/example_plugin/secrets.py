"""A secrets provider, written as a 1.x app writes one: values kept in this plugin's settings
(`PLUGINS_CONFIG["example_plugin"]["vault"]`, a dict), looked up by the secret's `key` parameter."""

from django import forms
from django.conf import settings

from nautobot.apps.secrets import SecretsProvider
from nautobot.extras.secrets.exceptions import SecretValueNotFoundError


class SettingsVaultSecretsProvider(SecretsProvider):
    slug = "example-settings-vault"
    name = "Example settings vault"

    class ParametersForm(forms.Form):
        key = forms.SlugField(help_text="Key of the value in the plugin's vault setting")

    @classmethod
    def get_value_for_secret(cls, secret, obj=None, **kwargs):
        key = secret.rendered_parameters(obj=obj)["key"]
        vault = settings.PLUGINS_CONFIG["example_plugin"].get("vault", {})
        if key not in vault:
            raise SecretValueNotFoundError(secret, cls, f'No key "{key}" in the vault')
        return vault[key]


secrets_providers = [SettingsVaultSecretsProvider]
