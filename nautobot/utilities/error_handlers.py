"""`nautobot.utilities.error_handlers` (1.x): `handle_protectederror` (a façade: see the package)."""

from nautobot.core.views.errors import handle_protectederror

__all__ = ["handle_protectederror"]
