from django.apps import AppConfig


class CircuitsConfig(AppConfig):
    name = "nautobot.circuits"
    label = "circuits"
    verbose_name = "Circuits"

    def ready(self) -> None:
        from nautobot.circuits.cabling import register_circuit_cable_ends

        register_circuit_cable_ends()
