"""Users, API tokens and object permissions."""

import secrets

from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import AbstractUser, Group, UserManager
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinLengthValidator
from django.db import models
from django.utils import timezone

from nautobot.core.maintenance import maintenance_mode
from nautobot.core.models import BaseModel


class User(BaseModel, AbstractUser):
    """A person or automation account; UUID primary key like every other object."""

    config_data = models.JSONField(encoder=DjangoJSONEncoder, default=dict, blank=True)
    # The directory that manages this account: the dotted path of the LDAP backend that last signed it in (empty for
    # local accounts). Only such an account is deactivated when that directory refuses it (`users/ldap.py`).
    external_backend = models.CharField(max_length=255, blank=True, default="", editable=False)
    # Set by an admin (/admin/, "Require a password change"): the user's pages lead to /user/password/ until they
    # change their password there (not the API: tokens keep working). Meaningful for local passwords only.
    must_change_password = models.BooleanField(
        default=False, help_text="Send the user to the change-password page after signing in until they change it."
    )

    # Django's (`create_user`, `create_superuser`), not `BaseModel`'s restricted queryset.
    objects = UserManager()

    class Meta:
        db_table = "auth_user"
        ordering = ("username",)

    def __str__(self) -> str:
        return self.username

    def check_password(self, raw_password: str) -> bool:
        """Django's check, which re-hashes and saves a password stored with older parameters (every 1.x user's, on
        their first login here), except in maintenance mode: the database may be read-only, and the login must
        still succeed (the re-hash happens at a later login)."""
        if maintenance_mode():
            return check_password(raw_password, self.password)
        return super().check_password(raw_password)

    # The 1.x preferences API (apps call it: BGP keeps its pages' JSON/YAML choice there). A path is dotted keys
    # into `config_data`: "pagination.per_page".
    def get_config(self, path: str, default=None):
        """The preference at `path`, or `default` when it (or a key on the way) is not set."""
        value = self.config_data
        for key in path.split("."):
            if not isinstance(value, dict) or key not in value:
                return default
            value = value[key]
        return value

    def all_config(self) -> dict:
        """Every preference, one entry per dotted path of a value."""
        flat = {}
        pending = [("", self.config_data)]
        while pending:
            prefix, node = pending.pop()
            for key, value in node.items():
                if isinstance(value, dict):
                    pending.append((f"{prefix}{key}.", value))
                else:
                    flat[f"{prefix}{key}"] = value
        return flat

    def set_config(self, path: str, value, commit: bool = False) -> None:
        """Set the preference at `path` (the keys on the way are made as needed); `commit` saves the user.

        TypeError when a key on the way holds a value rather than more keys, or when `path` itself holds keys:
        one preference never silently replaces a group of them, nor the other way round."""
        *parents, last = path.split(".")
        node = self.config_data
        for depth, key in enumerate(parents, start=1):
            node = node.setdefault(key, {})
            if not isinstance(node, dict):
                raise TypeError(f"Preference {'.'.join(parents[:depth])!r} is a value; it cannot hold {path!r}.")
        if isinstance(node.get(last), dict):
            raise TypeError(f"Preference {path!r} holds other preferences; it cannot be given a value.")
        node[last] = value
        if commit:
            self.save(update_fields=["config_data"])

    def clear_config(self, path: str, commit: bool = False) -> None:
        """Remove the preference (or group of them) at `path`, if set; `commit` saves the user."""
        *parents, last = path.split(".")
        node = self.config_data
        for key in parents:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(last, None)
        if commit:
            self.save(update_fields=["config_data"])


class Token(BaseModel):
    """An API token (`Authorization: Token <key>`); read-only unless `write_enabled`."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tokens")
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField(blank=True, null=True)
    key = models.CharField(max_length=40, unique=True, validators=[MinLengthValidator(40)])
    write_enabled = models.BooleanField(default=True, help_text="Permit create/update/delete operations using this key")
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("created",)

    def __str__(self) -> str:
        return f"{self.key[-6:]} ({self.user})"

    def save(self, *args, **kwargs) -> None:
        if not self.key:
            self.key = self.generate_key()
        super().save(*args, **kwargs)

    @staticmethod
    def generate_key() -> str:
        return secrets.token_hex(20)

    @property
    def is_expired(self) -> bool:
        return self.expires is not None and timezone.now() >= self.expires


class ObjectPermission(BaseModel):
    """Grant `actions` on objects of `object_types` that match `constraints` to users and groups.

    `constraints` is a dict of ORM lookups or a list of such dicts (OR); empty means every object.
    """

    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=200, blank=True)
    enabled = models.BooleanField(default=True)
    object_types = models.ManyToManyField(ContentType, related_name="object_permissions")
    groups = models.ManyToManyField(Group, blank=True, related_name="object_permissions")
    users = models.ManyToManyField(User, blank=True, related_name="object_permissions")
    actions = models.JSONField(help_text="The list of actions granted: view, add, change, delete, or others (e.g. run)")
    constraints = models.JSONField(
        encoder=DjangoJSONEncoder,  # as 1.x: constraints={"pk": instance.pk} with a UUID saves
        blank=True,
        null=True,
        help_text="Queryset filter matching the objects this applies to",
    )

    class Meta:
        ordering = ("name",)
        verbose_name = "permission"

    def __str__(self) -> str:
        return self.name
