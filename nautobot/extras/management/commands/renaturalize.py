"""`nautobot-server renaturalize [app_label.ModelName ...]` (1.x): recompute the natural-ordering keys (`_name`
columns) of the given models, or of every model that has one (after a change of the naturalize function, or data
written around the ORM)."""

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from nautobot.core.management.modelargs import add_model_names_argument, models_named
from nautobot.core.models.ordering import NaturalOrderingField

BATCH = 1000


def ordering_fields(model) -> list[NaturalOrderingField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, NaturalOrderingField)]


class Command(BaseCommand):
    help = "Recalculate natural ordering values for the specified models (default: all that use natural ordering)"

    def add_arguments(self, parser) -> None:
        add_model_names_argument(parser, "renaturalize")

    def handle(self, *names, **options) -> None:
        verbosity = options["verbosity"]
        if names:
            chosen = []
            for model in models_named(list(names)):
                if not ordering_fields(model):
                    raise CommandError(f"Invalid model: {model._meta.label} does not employ natural ordering")
                chosen.append(model)
        else:
            chosen = [m for m in apps.get_models() if ordering_fields(m)]
        if verbosity:
            self.stdout.write(f"Renaturalizing {len(chosen)} models.")
        for model in chosen:
            for field in ordering_fields(model):
                changed = self._renaturalize(model, field, verbosity)
                if verbosity:
                    self.stdout.write(f"{model._meta.label}.{field.target_field} ({field.name}): {changed} updated")
        if verbosity:
            self.stdout.write(self.style.SUCCESS("Done."))

    def _renaturalize(self, model, field: NaturalOrderingField, verbosity: int) -> int:
        """Rewrite the stale keys only, in batches (one UPDATE per batch)."""
        changed = 0
        stale = []
        rows = model._base_manager.values_list("pk", field.target_field, field.attname).iterator(chunk_size=BATCH)
        for pk, value, key in rows:
            fresh = field.naturalize_function(value, max_length=field.max_length)
            if fresh != key:
                obj = model(pk=pk)
                setattr(obj, field.attname, fresh)
                stale.append(obj)
                if verbosity >= 2:
                    self.stdout.write(f"  {value} -> {fresh}")
            if len(stale) >= BATCH:
                changed += model._base_manager.bulk_update(stale, [field.attname])
                stale = []
        if stale:
            changed += model._base_manager.bulk_update(stale, [field.attname])
        return changed
