"""The standard model bases under their Nautobot 1.x module path (`from nautobot.core.models.generics import ...`).

An app model subclassing `PrimaryModel` or `OrganizationalModel` gets what a built-in model gets: its spec is
derived from the model when the app declares none (`nautobot.core.spec_derivation`).
"""

from nautobot.core.models import BaseModel, OrganizationalModel, PrimaryModel

__all__ = ["BaseModel", "OrganizationalModel", "PrimaryModel"]
