"""What a spec's web UI shows when the spec does not say: derived from its model and `api_fields`.

Each function returns the spec's own attribute when it is set, else a default; nothing here is per model.
"""

from django.apps import apps
from django.db import models

from nautobot.core.specs import ObjectSpec

# Never shown as a column or offered in a form by default.
HIDDEN = frozenset(
    {"id", "url", "display", "custom_fields", "created", "last_updated", "_depth", "password", "_custom_field_data"}
)
# Long or structured values: on the detail page only.
LONG_FIELDS = (models.TextField, models.JSONField)
MAX_COLUMNS = 7


def model_field(spec: type[ObjectSpec], name: str) -> models.Field | None:
    """The model field `name` of `spec.model`, or None for counts, properties and serializer-only fields."""
    try:
        return spec.model._meta.get_field(name)
    except Exception:
        return None


def list_columns(spec: type[ObjectSpec]) -> tuple[str, ...]:
    """Table columns: the spec's, else the first short model fields of `api_fields` and its counts."""
    if spec.list_columns:
        return spec.list_columns
    columns = []
    for name in spec.api_fields:
        field = model_field(spec, name)
        if name in HIDDEN or field is None or isinstance(field, LONG_FIELDS) or field.many_to_many or field.one_to_many:
            continue
        if isinstance(field, models.ForeignKey) and field.related_model.__name__ == "ContentType":
            continue
        columns.append(name)
    counts = [name for name in spec.api_fields if name in spec.counts]
    return tuple(columns[: MAX_COLUMNS - min(len(counts), 2)] + counts[:2])


def settable_property(spec: type[ObjectSpec], name: str) -> bool:
    """Whether `name` is a readable property of the model with a setter (a prefix's `prefix`, an IP's `address`):
    a form field is a text input for it. Write-only properties (a Git repository's token) are not."""
    attribute = getattr(spec.model, name, None)
    return isinstance(attribute, property) and attribute.fset is not None and attribute.fget is not None


def form_fields(spec: type[ObjectSpec]) -> tuple[str, ...]:
    """Create/edit form fields: the spec's, else the editable model fields and settable properties of `api_fields`
    (tags included)."""
    if spec.form_fields:
        return spec.form_fields
    names = []
    for name in spec.api_fields:
        field = model_field(spec, name)
        if field is None and settable_property(spec, name) and name not in spec.read_only_fields:
            names.append(name)
            continue
        if name in HIDDEN or name in spec.read_only_fields or field is None or not getattr(field, "editable", False):
            continue
        if field.auto_created or isinstance(field, (models.AutoField, models.UUIDField)) and field.primary_key:
            continue
        names.append(name)
    return tuple(names)


def bulk_edit_fields(spec: type[ObjectSpec]) -> tuple[str, ...]:
    """Bulk-edit fields: the spec's, else the form fields that need not be unique (and are not many-to-many)."""
    if spec.bulk_edit_fields:
        return spec.bulk_edit_fields
    unique_together = {name for group in spec.model._meta.unique_together for name in group}
    for constraint in spec.model._meta.constraints:
        unique_together.update(getattr(constraint, "fields", ()))
    kept = []
    for name in form_fields(spec):
        field = model_field(spec, name)
        if (
            field is None
            or field.unique
            or name in unique_together
            or field.many_to_many
            or name in ("name", "slug", "model")
        ):
            continue
        kept.append(name)
    return tuple(kept)


def filter_form_fields(spec: type[ObjectSpec]) -> tuple[str, ...]:
    """Filter parameters of the list page's filter form: the spec's, else those of `filter_fields`."""
    if spec.filter_form_fields:
        return spec.filter_form_fields
    params = [entry[0] if isinstance(entry, tuple) else entry for entry in spec.filter_fields]
    return tuple(p for p in params if p not in ("name", "slug", "description"))[:10]


def verbose(spec: type[ObjectSpec], name: str) -> str:
    """The human label of field or count `name`."""
    field = model_field(spec, name)
    if field is not None and hasattr(field, "verbose_name"):
        label = str(field.verbose_name)
    elif name in spec.counts:
        label = str(_counted_model(spec, name)._meta.verbose_name_plural)
    else:
        label = name.replace("_", " ")
    return label[:1].upper() + label[1:]


def _counted_model(spec: type[ObjectSpec], name: str) -> type[models.Model]:
    """The model whose objects count `name` counts (its plural names the count: "IP addresses", not "Ipaddresss")."""
    target = spec.counts[name]
    if isinstance(target, tuple):
        return apps.get_model(target[0])
    return spec.model._meta.get_field(target).related_model
