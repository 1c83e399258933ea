from django.apps import AppConfig


class CircuitsConfig(AppConfig):
    name = "nautobot.circuits"
    label = "circuits"
    verbose_name = "Circuits"

    def ready(self) -> None:
        # Imported here: Django imports an AppConfig module before any model is loaded.
        from nautobot.circuits.cabling import register_circuit_cable_ends

        register_circuit_cable_ends()
