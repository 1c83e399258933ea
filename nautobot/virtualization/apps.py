from django.apps import AppConfig


class VirtualizationConfig(AppConfig):
    name = "nautobot.virtualization"
    label = "virtualization"
    verbose_name = "Virtualization"
