"""Encryption of credentials at rest (Git tokens, webhook secrets), keyed by `GIT_CREDENTIALS_KEY` (not `SECRET_KEY`).

The setting may be any string: a Fernet key is derived from it with HKDF-SHA256. Values encrypted with
a key listed in `GIT_CREDENTIALS_OLD_KEYS` still decrypt, so a key can be rotated without losing tokens
(each is re-encrypted with the current key the next time it is saved, or by `reencrypt`).
"""

import base64
import logging
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from rest_framework import serializers

logger = logging.getLogger(__name__)
FERNET_PREFIX = "gAAAAA"  # every Fernet token starts so (version byte 0x80, then a timestamp)


class CredentialsError(ValueError):
    """A stored credential cannot be decrypted with any configured key."""


def _fernet_key(secret: str) -> bytes:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"nautobot git credentials").derive(
        secret.encode()
    )
    return base64.urlsafe_b64encode(derived)


@lru_cache(maxsize=4)
def _cipher(current: str, old: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(_fernet_key(key)) for key in (current, *old)])


def cipher() -> MultiFernet:
    current = getattr(settings, "GIT_CREDENTIALS_KEY", "")
    if not current:
        raise ImproperlyConfigured(
            "GIT_CREDENTIALS_KEY is not set, so Git credentials cannot be stored. Set it in nautobot_config.py "
            "or NAUTOBOT_GIT_CREDENTIALS_KEY (any long random string; `nautobot-server init` writes one)."
        )
    return _cipher(current, tuple(getattr(settings, "GIT_CREDENTIALS_OLD_KEYS", ()) or ()))


def is_configured() -> bool:
    return bool(getattr(settings, "GIT_CREDENTIALS_KEY", ""))


def encrypt(value: str) -> str:
    """Return `value` encrypted with the current key ("" stays "")."""
    return cipher().encrypt(value.encode()).decode() if value else ""


def decrypt(stored: str) -> str:
    """Return the clear value of `stored`; raise `CredentialsError` if no configured key opens it."""
    if not stored:
        return ""
    try:
        return cipher().decrypt(stored.encode()).decode()
    except InvalidToken:
        raise CredentialsError(
            "A stored Git token cannot be decrypted: GIT_CREDENTIALS_KEY changed. Put the previous key in "
            "GIT_CREDENTIALS_OLD_KEYS, or enter the token again."
        ) from None


def reencrypt(stored: str) -> str:
    """Return `stored` re-encrypted with the current key (for key rotation)."""
    if not stored:
        return ""
    try:
        return cipher().rotate(stored.encode()).decode()
    except InvalidToken:
        raise CredentialsError(
            "A stored Git token cannot be decrypted with GIT_CREDENTIALS_KEY or GIT_CREDENTIALS_OLD_KEYS."
        ) from None


class EncryptedTextField(models.TextField):
    """A text column holding the Fernet ciphertext of its value; Python code reads and writes it in clear.

    A value stored before the field was encrypted (no Fernet prefix) reads as it is and is encrypted on its next
    save. One that no configured key opens reads as "" and logs an error naming the model (never the value).
    Without `GIT_CREDENTIALS_KEY` a value is stored as it is (the API refuses new secrets then; one kept from 1.x
    data goes on working) and is encrypted by the next save once a key is set (or by `rotate_git_credentials`).
    """

    def from_db_value(self, value, expression, connection):
        if not value or not value.startswith(FERNET_PREFIX):
            return value
        try:
            return decrypt(value)
        except (CredentialsError, ImproperlyConfigured):
            logger.error(
                "A stored %s %s cannot be decrypted with GIT_CREDENTIALS_KEY or GIT_CREDENTIALS_OLD_KEYS; "
                "it reads as empty until it is entered again.",
                self.model._meta.verbose_name,
                self.name,
            )
            return ""

    def formfield(self, **kwargs):
        """A password input that never shows the stored value; left blank, the value stays as it is."""
        from django import forms

        field = forms.CharField(
            required=False,
            label=kwargs.get("label") or self.verbose_name.capitalize(),
            widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
            help_text=f"{self.help_text} Leave blank to keep the current value.".strip(),
        )
        field.left_to_api = True  # `core.forms.form_payload`: an empty value is not sent
        return field

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value or value.startswith(FERNET_PREFIX) or not is_configured():
            return value
        return encrypt(value)


class CredentialSerializerField(serializers.CharField):
    """A credential in the REST API (a Git token, a webhook secret): written, never read back; a non-empty value is
    refused with `refusal` when no key is configured to store it encrypted."""

    def __init__(self, *, refusal: str, **kwargs) -> None:
        self.refusal = refusal
        kwargs.update(write_only=True, required=False, allow_blank=True, style={"input_type": "password"})
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> str:
        value = super().to_internal_value(data)
        if value and not is_configured():
            raise serializers.ValidationError(self.refusal)
        return value
