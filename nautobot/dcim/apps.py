from django.apps import AppConfig


class DCIMConfig(AppConfig):
    name = "nautobot.dcim"
    label = "dcim"
    verbose_name = "DCIM"

    def ready(self) -> None:
        from nautobot.dcim import signals

        signals.connect()
