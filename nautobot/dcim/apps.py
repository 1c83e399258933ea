from django.apps import AppConfig


class DCIMConfig(AppConfig):
    name = "nautobot.dcim"
    label = "dcim"
    verbose_name = "DCIM"

    def ready(self) -> None:
        # Imported here: Django imports an AppConfig module before any model is loaded.
        from nautobot.core.registry import ExtraRoute, registry
        from nautobot.dcim import cabling, signals
        from nautobot.dcim.api import connections

        cabling.register_dcim_cable_ends()
        from nautobot.dcim import ui

        ui.register_dcim_pages()
        from nautobot.dcim import napalm_ui

        napalm_ui.register_napalm_tabs()
        signals.connect()
        for endpoint, view, name in (
            ("console-connections", connections.ConsoleConnectionListView, "consoleport-connections"),
            ("power-connections", connections.PowerConnectionListView, "powerport-connections"),
            ("interface-connections", connections.InterfaceConnectionListView, "interface-connections"),
            ("connected-device", connections.ConnectedDeviceView, "connected-device"),
        ):
            registry.extra_routes.register(ExtraRoute("dcim", endpoint, view.as_view(), name))
