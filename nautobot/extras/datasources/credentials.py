"""Encryption of Git credentials at rest, keyed by `GIT_CREDENTIALS_KEY` (not `SECRET_KEY`).

The setting may be any string: a Fernet key is derived from it with HKDF-SHA256. Values encrypted with
a key listed in `GIT_CREDENTIALS_OLD_KEYS` still decrypt, so a key can be rotated without losing tokens
(each is re-encrypted with the current key the next time it is saved, or by `reencrypt`).
"""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


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
