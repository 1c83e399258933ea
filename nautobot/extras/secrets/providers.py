"""The providers Nautobot has by itself: an environment variable of the process, a text file on its disk."""

import os
from typing import Any

from django import forms

from nautobot.core.registry import SecretsProvider
from nautobot.extras.secrets.exceptions import SecretParametersError, SecretValueNotFoundError


class EnvironmentVariableSecretsProvider(SecretsProvider):
    """The value of an environment variable of the Nautobot process (web and worker processes alike)."""

    slug = "environment-variable"
    name = "Environment Variable"

    class ParametersForm(forms.Form):
        variable = forms.CharField(required=True, help_text="Environment variable name")

    @classmethod
    def get_value_for_secret(cls, secret: Any, obj: Any = None, **kwargs: Any) -> str:
        variable = secret.rendered_parameters(obj=obj).get("variable")
        if not variable:
            raise SecretParametersError(secret, cls, 'The "variable" parameter is required')
        if variable not in os.environ:
            raise SecretValueNotFoundError(secret, cls, f'Undefined environment variable "{variable}"')
        return os.environ[variable]


class TextFileSecretsProvider(SecretsProvider):
    """The contents of a text file (leading and trailing white space removed) readable by the Nautobot process."""

    slug = "text-file"
    name = "Text File"

    class ParametersForm(forms.Form):
        path = forms.CharField(required=True, help_text="Absolute filesystem path to the file")

    @classmethod
    def get_value_for_secret(cls, secret: Any, obj: Any = None, **kwargs: Any) -> str:
        path = secret.rendered_parameters(obj=obj).get("path")
        if not path:
            raise SecretParametersError(secret, cls, 'The "path" parameter is required')
        try:
            with open(path, encoding="utf-8") as file:
                return file.read().strip()
        except FileNotFoundError:
            raise SecretValueNotFoundError(secret, cls, f'File "{path}" not found') from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SecretValueNotFoundError(
                secret, cls, f'File "{path}" is not readable: {exc.strerror or exc}'
            ) from None


BUILT_IN_PROVIDERS = (EnvironmentVariableSecretsProvider, TextFileSecretsProvider)
