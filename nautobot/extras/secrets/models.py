"""The secret, the secrets group and the association that gives a secret its purpose in a group."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from jinja2 import TemplateError as JinjaTemplateError

from nautobot.core.models import BaseModel, OrganizationalModel, PrimaryModel
from nautobot.core.registry import registry
from nautobot.extras.secrets import provider_choices
from nautobot.extras.secrets.choices import SecretsGroupAccessTypeChoices, SecretsGroupSecretTypeChoices
from nautobot.extras.secrets.exceptions import SecretError, SecretParametersError, SecretProviderError
from nautobot.extras.templating import SecurityError, TemplateError, render


class Secret(PrimaryModel):
    """Where a sensitive value is kept and how to read it: `provider` and its `parameters`. Never the value.

    String parameters are Jinja2 templates rendered (in the sandbox) with `obj`, the object the value is read
    for: `{"variable": "NAPALM_PASSWORD_{{ obj.site.slug | upper }}"}` reads one variable per site.
    """

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=200, blank=True)
    provider = models.CharField(max_length=100, choices=provider_choices, help_text="Where the value is read from")
    parameters = models.JSONField(
        encoder=DjangoJSONEncoder,
        default=dict,
        help_text='The provider\'s parameters: {"variable": "NAME"} for an environment variable, {"path": "/abs/path"}'
        " for a text file. Text values may be Jinja2 templates of obj, the object the value is read for.",
    )

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def provider_class(self):
        return registry.secrets_providers.get(self.provider)

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.parameters, dict):
            raise ValidationError(
                {"parameters": 'Enter an object of the provider\'s parameters, e.g. {"variable": "NAME"}.'}
            )
        provider = self.provider_class
        if provider is None or provider.ParametersForm is None:
            return  # an unknown provider is refused by the field's choices
        form = provider.ParametersForm(data=self.parameters)
        if not form.is_valid():
            problems = [
                f"{name}: {' '.join(str(m) for m in messages)}"
                if name != "__all__"
                else " ".join(str(m) for m in messages)
                for name, messages in form.errors.items()
            ]
            raise ValidationError({"parameters": [f"Invalid parameters for {provider.name}: {p}" for p in problems]})

    def rendered_parameters(self, obj: Any = None) -> dict:
        """The parameters with every string rendered as a sandboxed Jinja2 template, `obj` in its context."""
        rendered = {}
        for key, value in (self.parameters or {}).items():
            if not isinstance(value, str):
                rendered[key] = value
                continue
            try:
                rendered[key] = render(value, {"obj": obj})
            except (TemplateError, SecurityError, JinjaTemplateError) as exc:
                raise SecretParametersError(self, self.provider_class, f'Parameter "{key}": {exc}') from None
        return rendered

    def get_value(self, obj: Any = None, **kwargs: Any) -> Any:
        """The secret's value, read now from its provider (for `obj`, the object it is used for); never stored.

        Raises a `SecretError` (its text names the secret and the provider, not the value) when it cannot be read.
        """
        provider = self.provider_class
        if provider is None:
            raise SecretProviderError(self, None, f'No registered provider "{self.provider}" is available')
        if not provider.is_available:
            raise SecretProviderError(self, provider, f'The provider "{self.provider}" is not available here')
        try:
            return provider.get_value_for_secret(self, obj=obj, **kwargs)
        except SecretError:
            raise
        except Exception as exc:  # a provider's own failure: one error type for callers, the cause kept
            raise SecretProviderError(self, provider, f"{type(exc).__name__}: {exc}") from exc

    # Templates never read a value: Django's do not call it, Jinja2's sandbox refuses to.
    get_value.alters_data = True  # type: ignore[attr-defined]
    get_value.unsafe_callable = True  # type: ignore[attr-defined]


class SecretsGroup(OrganizationalModel):
    """Secrets with a purpose: each has an access type and a secret type, a pair unique in the group."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=200, blank=True)
    secrets = models.ManyToManyField(
        Secret, related_name="groups", through="extras.SecretsGroupAssociation", blank=True
    )

    class Meta:
        ordering = ("name",)
        verbose_name = "secrets group"

    def __str__(self) -> str:
        return self.name

    def get_secret_value(self, access_type: str, secret_type: str, obj: Any = None, **kwargs: Any) -> Any:
        """The value of the group's secret of `access_type` and `secret_type` (for `obj`).

        `SecretsGroupAssociation.DoesNotExist` when the group has none; a `SecretError` when it cannot be read.
        """
        association = SecretsGroupAssociation.objects.select_related("secret").get(
            group=self, access_type=access_type, secret_type=secret_type
        )
        return association.secret.get_value(obj=obj, **kwargs)

    get_secret_value.alters_data = True  # type: ignore[attr-defined]
    get_secret_value.unsafe_callable = True  # type: ignore[attr-defined]


class SecretsGroupAssociation(BaseModel):
    """A secret in a group, with what it is for there."""

    group = models.ForeignKey(SecretsGroup, on_delete=models.CASCADE)
    secret = models.ForeignKey(Secret, on_delete=models.CASCADE)
    access_type = models.CharField(max_length=32, choices=SecretsGroupAccessTypeChoices.CHOICES)
    secret_type = models.CharField(max_length=32, choices=SecretsGroupSecretTypeChoices.CHOICES)

    class Meta:
        ordering = ("group", "access_type", "secret_type")
        unique_together = (("group", "access_type", "secret_type"),)
        verbose_name = "secrets group association"

    def __str__(self) -> str:
        return f"{self.group}: {self.access_type} {self.secret_type}: {self.secret}"
