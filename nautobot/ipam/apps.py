from django.apps import AppConfig


class IPAMConfig(AppConfig):
    name = "nautobot.ipam"
    label = "ipam"
    verbose_name = "IPAM"

    def ready(self) -> None:
        # Imported here: Django imports an AppConfig module before any model is loaded.
        from nautobot.ipam import graphql  # noqa: F401  (converter of the binary IP columns)
        from nautobot.ipam.ui import register_ipam_pages

        register_ipam_pages()
