"""English date formats: the settings' (`DATE_FORMAT`, `DATETIME_FORMAT`, `TIME_FORMAT`, `SHORT_DATE_FORMAT`,
`SHORT_DATETIME_FORMAT`), read when Django asks (it caches each answer until a setting changes)."""

from django.conf import settings

_FROM_SETTINGS = ("DATE_FORMAT", "DATETIME_FORMAT", "TIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT")


def __getattr__(name: str):
    if name in _FROM_SETTINGS:
        return getattr(settings, name)
    raise AttributeError(name)
