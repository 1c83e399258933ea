"""Model specs: one declaration per model from which the shared machinery derives everything else.

A spec names the model's wire contract (API fields, brief fields), its filters, its search fields
and its related-object counts. `nautobot.core.api` turns each registered spec into a serializer,
a filterset, a viewset and routes; `nautobot.core.views` turns it into the web UI's table, forms and
pages, and `nautobot.core.graphql` into a GraphQL type.
"""

from typing import Any, ClassVar

from django.db import models
from django.utils.text import slugify

from nautobot.core.registry import registry

_by_model = registry.specs.by_key()  # a live read-only view: `spec_for` runs many times per request


class SpecError(LookupError):
    """A model has no spec, or a spec is inconsistent; the message says which and how to fix it."""


class ObjectSpec:
    """Describe one model. Subclass it, set `model` and the fields, and decorate with `@register_spec`.

    Fields:
    - `api_fields`: the full representation after `id`, `url`, `display` (written out: it is a contract).
    - `brief_fields`: the nested/brief representation after `id`, `url`, `display`.
    - `filter_fields`: names of model fields to filter on; an entry `("param", "path")` exposes the
      model path `path` under the query parameter `param`. Lookup variants are derived from field types.
      A related object named in a filter must exist (else a 400), except for filters in `unchecked_filters`.
    - `search_fields`: fields the `q` parameter searches (case-insensitive contains).
    - `counts`: `{"device_count": "devices"}`: annotate the count of a reverse relation (by its
      related query name) on every list and detail query, and expose it read-only. A relation reached
      in several steps is `("app.Model", "lookup__to__this")`: the distinct objects of that model whose
      lookup is this object (`("circuits.Circuit", "terminations__site")`).
    - `endpoint`: the URL segment; default: the model's verbose plural name, dashed.
    - `serializer_base` / `filterset_base` / `viewset_base`: hand-written bases for real differences.

    Web UI (each default is derived from the fields above by `nautobot.core.views.defaults`, so most specs
    set none of these):
    - `list_columns`: table columns (model fields, counts, properties); the first links to the object.
    - `form_fields`: fields of the create/edit form (default: the writable model fields of `api_fields`).
    - `bulk_edit_fields`: fields the bulk-edit form offers (default: form fields that are not unique).
    - `filter_form_fields`: filter parameters shown beside the list (default: those of `filter_fields`).
    - `detail_tables`: reverse relations shown as full tables on the detail page (e.g. a device's interfaces).
    - `detail_fields`: rows of the detail page's main panel (default: `api_fields`), e.g. to leave out a
      value that a panel of its own shows better, or a secret.
    - `menu_group`: navigation menu group; "" = the app's verbose name, None = not in the menu.
    - `menu_section`: a titled section inside that menu ("" = the untitled top section).
    - `ui_views`: which generic pages the model gets (`UI_VIEWS` by default; read-only models name fewer).
    """

    model: ClassVar[type[models.Model]]
    api_fields: ClassVar[tuple[str, ...]] = ()
    brief_fields: ClassVar[tuple[str, ...]] = ("name", "slug")
    read_only_fields: ClassVar[tuple[str, ...]] = ()
    filter_fields: ClassVar[tuple[Any, ...]] = ()
    # Relation/content-type filters whose unknown values match nothing instead of being a 400 (as the original's).
    unchecked_filters: ClassVar[tuple[str, ...]] = ()
    search_fields: ClassVar[tuple[str, ...]] = ("name",)
    counts: ClassVar[dict[str, str | tuple[str, str]]] = {}
    endpoint: ClassVar[str] = ""
    serializer_base: ClassVar[type | None] = None
    filterset_base: ClassVar[type | None] = None
    viewset_base: ClassVar[type | None] = None
    extra_kwargs: ClassVar[dict[str, dict]] = {}
    # Forward relations that the model's `display` (its `__str__`) reads: loaded wherever its brief form is.
    display_related: ClassVar[tuple[str, ...]] = ()
    # Relations read by hand-written serializer fields, loaded with the list query too.
    extra_select_related: ClassVar[tuple[str, ...]] = ()
    extra_prefetch_related: ClassVar[tuple[str, ...]] = ()
    # A `slug` left out on create is derived from this field (unique: `-2`, `-3`... appended), as the
    # original's auto slugs; None: the slug is required. Separator `_` for slugs that name Python identifiers.
    slug_source: ClassVar[str | None] = "name"
    slug_separator: ClassVar[str] = "-"
    # Status slug given on create when this API version's serializer has no `status` field.
    default_status: ClassVar[str | None] = None
    api_app: ClassVar[str] = ""  # API app when it differs from the model's app label (auth.Group → users)
    # Fields that exist only in some API versions: {"content_types": ("1.3", None)} = from 1.3 on.
    field_versions: ClassVar[dict[str, tuple[str | None, str | None]]] = {}
    # GraphQL fields that are not model fields: {"prefix": graphene.String()} (resolved by attribute).
    graphql_fields: ClassVar[dict[str, Any]] = {}
    # GraphQL union fields over several foreign keys of which at most one is set:
    # {"assigned_object": ("interface", "vminterface")} = whichever of the two the object has (or null).
    graphql_unions: ClassVar[dict[str, tuple[str, ...]]] = {}
    # GraphQL fields showing the one object of a to-many relation that usually holds at most one
    # (an error when it holds several): {"nat_outside": "nat_outside_list"}.
    graphql_singles: ClassVar[dict[str, str]] = {}
    # Web UI (see the docstring).
    list_columns: ClassVar[tuple[str, ...]] = ()
    form_fields: ClassVar[tuple[str, ...]] = ()
    bulk_edit_fields: ClassVar[tuple[str, ...]] = ()
    filter_form_fields: ClassVar[tuple[str, ...]] = ()
    detail_tables: ClassVar[tuple[str, ...]] = ()
    detail_fields: ClassVar[tuple[str, ...]] = ()
    menu_group: ClassVar[str | None] = ""
    menu_section: ClassVar[str] = ""
    ui_views: ClassVar[tuple[str, ...]] = (
        "list",
        "detail",
        "add",
        "edit",
        "delete",
        "bulk_edit",
        "bulk_delete",
        "import",
    )
    # True for the specs the core derives from a model that declares none (1.x apps: `core.spec_derivation`).
    derived: ClassVar[bool] = False
    # Hand-written pages replacing generated ones: action ("list", "detail", ...) -> dotted path of a view class
    # (a `core.views.objects.SpecView` subclass, built with `as_view(spec=...)`), imported when URLs are built.
    ui_view_classes: ClassVar[dict[str, str]] = {}
    # Set on the specs `nautobot.core.spec_derivation` derives for 1.x app models that declare none.
    derived: ClassVar[bool] = False

    @classmethod
    def fields_for_version(cls, version: str | None) -> tuple[str, ...]:
        """Return `api_fields` as seen by a client of API `version` (None: the newest)."""
        if version is None or not cls.field_versions:
            return tuple(n for n in cls.api_fields if cls.field_versions.get(n, (None, None))[1] is None)
        current = _version_key(version)
        kept = []
        for name in cls.api_fields:
            since, until = cls.field_versions.get(name, (None, None))
            if since is not None and current < _version_key(since):
                continue
            if until is not None and current >= _version_key(until):
                continue
            kept.append(name)
        return tuple(kept)

    @classmethod
    def app_label(cls) -> str:
        return cls.api_app or cls.model._meta.app_label

    @classmethod
    def url_endpoint(cls) -> str:
        return cls.endpoint or slugify(str(cls.model._meta.verbose_name_plural)).replace("_", "-")

    @classmethod
    def route_name(cls) -> str:
        return cls.model._meta.model_name


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def register_spec(spec: type[ObjectSpec]) -> type[ObjectSpec]:
    """Class decorator: register `spec` for its model (one spec per model)."""
    if not getattr(spec, "model", None):
        raise SpecError(f"{spec.__name__} must set `model`.")
    existing = registry.specs.get(spec.model)
    if existing is not None and existing is not spec:
        raise SpecError(f"{spec.model._meta.label} already has the spec {existing.__name__}.")
    return registry.specs.register(spec)


def spec_for(model: type[models.Model]) -> type[ObjectSpec]:
    """Return the spec of `model`; raise `SpecError` (never return None) when it has none."""
    try:
        return _by_model[model]
    except KeyError:
        raise SpecError(
            f"{model._meta.label} has no ObjectSpec; declare one in {model._meta.app_label}/specs.py."
        ) from None


def has_spec(model: type[models.Model]) -> bool:
    return model in _by_model


def all_specs() -> list[type[ObjectSpec]]:
    """Every registered spec, in registration order."""
    return list(registry.specs.entries())
