from django.apps import AppConfig


class DCIMConfig(AppConfig):
    name = "nautobot.dcim"
    label = "dcim"
    verbose_name = "DCIM"

    def ready(self) -> None:
        from nautobot.core.api.routers import EXTRA_ROUTES, ExtraRoute
        from nautobot.dcim import cabling, signals
        from nautobot.dcim.api import connections

        cabling.register_dcim_cable_ends()
        from nautobot.dcim import ui

        ui.register_dcim_pages()
        signals.connect()
        EXTRA_ROUTES["dcim"] += [
            ExtraRoute(
                "console-connections", connections.ConsoleConnectionListView.as_view(), "consoleport-connections"
            ),
            ExtraRoute("power-connections", connections.PowerConnectionListView.as_view(), "powerport-connections"),
            ExtraRoute(
                "interface-connections", connections.InterfaceConnectionListView.as_view(), "interface-connections"
            ),
            ExtraRoute("connected-device", connections.ConnectedDeviceView.as_view(), "connected-device"),
        ]
