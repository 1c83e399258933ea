"""Former home of object permissions, kept so that old import paths and the old
`AUTHENTICATION_BACKENDS` value keep working: everything lives in `nautobot.core.permissions` and
`nautobot.core.authentication` now."""

from nautobot.core.authentication import ObjectPermissionBackend
from nautobot.core.permissions import permission_name, restrict

__all__ = ["ObjectPermissionBackend", "permission_name", "restrict"]
