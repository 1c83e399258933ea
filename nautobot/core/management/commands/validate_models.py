"""`nautobot-server validate_models [app_label.ModelName ...] [--save]` (1.x): run each stored object's validation
(`full_clean()`, or `validated_save()` with `--save`) and list those that fail, with the reason. Useful after a
restore or an import that bypassed the API. Exits 0, as 1.x; the last line counts the invalid objects."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from nautobot.core.management.modelargs import add_model_names_argument, models_named


class Command(BaseCommand):
    help = "Validate every object of the given models (default: all) with full_clean() or validated_save()."

    def add_arguments(self, parser) -> None:
        add_model_names_argument(parser, "validate")
        parser.add_argument(
            "--save", action="store_true", help="Run validated_save() instead of full_clean() (slower, more thorough)"
        )

    def handle(self, *names, **options) -> None:
        chosen = models_named(list(names)) if names else apps.get_models()
        chosen = [m for m in chosen if m._meta.managed and not m._meta.proxy and not m._meta.auto_created]
        if options["verbosity"]:
            self.stdout.write(f"Validating {len(chosen)} models.")
        invalid = 0
        for model in chosen:
            label = f"{model._meta.app_label}.{model.__name__}"
            self.stdout.write(label)
            for instance in model._base_manager.all().iterator():
                try:
                    if options["save"] and hasattr(instance, "validated_save"):
                        instance.validated_save()
                    else:
                        instance.full_clean()
                except ValidationError as err:
                    invalid += 1
                    self.stdout.write(f"~~~~~ Model: `{label}` Instance: `{instance}` Error: `{err}`. ~~~~~")
        self.stdout.write(f"{invalid} invalid objects found.")
