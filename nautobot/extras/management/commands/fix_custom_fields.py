"""`nautobot-server fix_custom_fields [app_label.ModelName ...]` (1.x): make every object's custom field data match
the custom fields of its model: a missing field is added with its default, a field that no longer applies is
removed. For data written around the API (a database restore, an import); the API keeps it right by itself."""

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction

from nautobot.core.management.modelargs import add_model_names_argument, models_named
from nautobot.extras.customfields.models import CustomField

BATCH = 500


class Command(BaseCommand):
    help = "Add missing and remove stale custom field data on objects (default: every model with custom fields)"

    def add_arguments(self, parser) -> None:
        add_model_names_argument(parser, "fix")

    def handle(self, *names, **options) -> None:
        if names:
            chosen = [m for m in models_named(list(names)) if hasattr(m, "_custom_field_data")]
        else:
            used = ContentType.objects.filter(custom_fields__isnull=False).distinct()
            chosen = [ct.model_class() for ct in used if ct.model_class() is not None]
        for model in chosen:
            self._fix(model)

    def _fix(self, model) -> None:
        content_type = ContentType.objects.get_for_model(model)
        defaults = {f.name: f.default for f in CustomField.objects.filter(content_types=content_type)}
        self.stdout.write(self.style.SUCCESS(f"Processing {model._meta.label} ({len(defaults)} custom fields)"))
        fixed, changed = 0, []
        with transaction.atomic():
            for obj in model._base_manager.only("pk", "_custom_field_data").iterator(chunk_size=BATCH):
                data = dict(obj._custom_field_data or {})
                for name in sorted(set(defaults) - set(data)):
                    self.stdout.write(f"  Adding missing custom field {name} to {model._meta.verbose_name} {obj.pk}")
                    data[name] = defaults[name]
                for name in sorted(set(data) - set(defaults)):
                    self.stdout.write(
                        f"  Removing invalid custom field {name} from {model._meta.verbose_name} {obj.pk}"
                    )
                    del data[name]
                if data != obj._custom_field_data:
                    obj._custom_field_data = data
                    changed.append(obj)
                if len(changed) >= BATCH:
                    fixed += model._base_manager.bulk_update(changed, ["_custom_field_data"])
                    changed = []
            if changed:
                fixed += model._base_manager.bulk_update(changed, ["_custom_field_data"])
        self.stdout.write(f"  {fixed} {model._meta.verbose_name_plural} fixed.")
