"""`nautobot.apps.urls`: the router of an app's UI viewsets (a façade: see the package)."""

from nautobot.core.views.routers import NautobotUIViewSetRouter

__all__ = ["NautobotUIViewSetRouter"]
