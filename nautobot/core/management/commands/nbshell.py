"""`nautobot-server nbshell`: an interactive Python shell with every Nautobot model imported."""

import code

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Start a Python shell with all Nautobot models (and `lsmodels()`) already imported."

    def add_arguments(self, parser) -> None:
        parser.add_argument("-c", "--command", help="run this Python code and exit instead of starting a shell")

    def _namespace(self) -> dict:
        namespace: dict = {}
        for config in apps.get_app_configs():
            if config.name.startswith("nautobot") or config.name == "django.contrib.auth":
                for model in config.get_models():
                    namespace[model.__name__] = model
        namespace["lsmodels"] = lambda: print(
            "\n".join(f"{m._meta.label}" for m in namespace.values() if hasattr(m, "_meta"))
        )
        return namespace

    def handle(self, *args, **options) -> None:
        namespace = self._namespace()
        if options["command"]:
            exec(options["command"], namespace)
            return
        code.interact(
            banner=f"Nautobot shell: {len(namespace) - 1} models imported; lsmodels() lists them.", local=namespace
        )
