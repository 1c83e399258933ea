"""The app's menu, laid out the 1.x way: a tab of its own with a group per kind of object."""

from nautobot.core.apps import NavMenuAddButton, NavMenuGroup, NavMenuItem, NavMenuTab

menu_items = (
    NavMenuTab(
        name="Peering",
        weight=360,
        groups=(
            NavMenuGroup(
                name="Exchanges",
                weight=100,
                items=(
                    NavMenuItem(
                        link="plugins:example_app_1x:exchange_list",
                        name="Internet exchanges",
                        permissions=["example_app_1x.view_exchange"],
                        buttons=(
                            NavMenuAddButton(
                                link="plugins:example_app_1x:exchange_add",
                                permissions=["example_app_1x.add_exchange"],
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)
