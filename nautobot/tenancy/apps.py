from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "nautobot.tenancy"
    label = "tenancy"
    verbose_name = "Tenancy"
