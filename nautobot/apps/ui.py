"""`nautobot.apps.ui`: an app's navigation menu, home page cards and template extensions (a façade: see the
package)."""

from nautobot.core.navigation import (
    ButtonColorChoices,
    HomePageGroup,
    HomePageItem,
    HomePagePanel,
    NavMenuAddButton,
    NavMenuButton,
    NavMenuGroup,
    NavMenuImportButton,
    NavMenuItem,
    NavMenuTab,
)
from nautobot.core.registry import TemplateExtension

__all__ = [
    "ButtonColorChoices",
    "HomePageGroup",
    "HomePageItem",
    "HomePagePanel",
    "NavMenuAddButton",
    "NavMenuButton",
    "NavMenuGroup",
    "NavMenuImportButton",
    "NavMenuItem",
    "NavMenuTab",
    "TemplateExtension",
]
