"""`MAINTENANCE_MODE`: whether the installation is in a maintenance window, when its database may be read-only.

Read here by what must not write then: the write-refusing middleware, the session engine, the login (no last-login
time, no password re-hash), remembered page sizes and the page banner.
"""

from django.conf import settings


def maintenance_mode() -> bool:
    return bool(settings.MAINTENANCE_MODE)
