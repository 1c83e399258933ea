from django.apps import AppConfig


class DCIMConfig(AppConfig):
    name = "nautobot.dcim"
    label = "dcim"
    verbose_name = "DCIM"
