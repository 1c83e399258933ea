"""The one setting of the fast path."""

from django.conf import settings


def enabled() -> bool:
    """Whether the fast path is on (`settings.FAST_PATH`, default True), read at each call so tests can flip it."""
    return getattr(settings, "FAST_PATH", True)
