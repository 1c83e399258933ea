"""The registry: every place a feature, an app or a plugin plugs into the core, as one fixed set of typed stores.

A built-in feature and a plugin register the same way, from their `AppConfig.ready()` (or a `register()`
function it calls), never as a side effect of importing a module:

    from nautobot.core.registry import Panel, registry

    registry.detail_panels.register(Panel(custom_fields_panel))

Each store takes entries of one kind (`kinds`), refuses any other at once with a `TypeError` naming the
store and the kind, keeps one copy of an entry registered twice (`ready()` may run twice in tests), and
reads as an ordered, read-only tuple (`registry.detail_panels.entries()`, or iterate it); a store with a
key also answers `get(key)`/`by_key()`. The set of stores is fixed here: nothing adds one at run time. The
system check `nautobot.E001` (`checks.py`) re-checks every entry's kind at startup.

Stores (entry kind; who reads them):

REST API
- `specs` (`ObjectSpec` subclasses, by model): every model's single declaration; `core.specs` API.
- `write_contexts` (`WriteContext`): entered inside every write's transaction (change logging).
- `validation_hooks` (`ValidationHook`): rewrite/refuse a write's attributes before model validation.
- `custom_validators` (`CustomValidator` subclasses): rules of other apps checked by a model's `full_clean()`.
- `row_loaders` (`RowLoader`): load a page of objects' extra data in one query before serializing.
- `model_fields` (`ModelFields`): field names added to the full representation (`notes_url`).
- `extra_fields` (`ExtraField`, by name): how to build a non-model serializer field (`custom_fields`).
- `serializer_field_overrides` (`SerializerFieldOverride`, by model label): the field of relations to a model.
- `includes` (`Include`, by name): `?include=<name>` extras of GET responses.
- `queryset_filters` (`QuerysetFilterHook`): filters by run-time parameters (`cf_<name>`), API and UI.
- `filter_extensions` (`FilterExtension` subclasses): filters and filter-form fields added to another app's model.
- `list_exporters` (`ListExporter`): API list answers other than JSON (`?export=<template>`).
- `viewset_mixins` (`ViewsetMixin`): actions added to model viewsets (`<id>/notes/`).
- `extra_routes` (`ExtraRoute`): non-model endpoints in an app's API root (`/api/users/config/`).
- `graphql_types` (`graphene_django.DjangoObjectType` subclasses): declared types replacing generated ones.
- `hidden_fields` (`HiddenFields`, by model label): model fields GraphQL never exposes (a token's key).
- `graphql_field_sources` (`GraphQLFieldSource`): fields of generated types defined by data (`cf_<name>`,
  `rel_<slug>`, `cpf_<slug>`), re-read when the definitions change (`core.graphql.dynamic`).

Web UI
- `pages` (`Page`): non-model pages and their menu entries (`core.views.routes.register_page`).
- `menu_links` (`MenuLink`): menu entries of pages routed elsewhere (plugins' `menu_items`).
- `detail_tabs` (`DetailTab`, by suffix): tabs of detail pages (the change log).
- `detail_panels` (`Panel`): cards on every detail page (custom fields, a rack's elevation).
- `template_extensions` (`TemplateExtension` subclasses): plugins' content placed on detail pages (left, right,
  full width, buttons, tabs) and list pages (buttons).
- `object_actions` (`ObjectAction`): POST buttons on detail pages (redeliver, sync).
- `home_panels` (`HomePanel`): cards on the home page (recent changes).
- `banners` (`BannerFunction`): the message across the top of a page (plugins' `banner_function`).
- `list_exports` (`ListExport`): the list page's Export menu beyond CSV.
- `form_extensions` (`FormExtension` instances): fields added to generated forms (custom fields).
- `form_field_overrides` (`FormFieldOverride`, by model label): the chooser of relations to a model (Status).
- `view_overrides` (`ViewOverride`, by URL name): another view answering a page's URL (plugins' `override_views`).

Background processes
- `tick_hooks` (`TickHook`): run on every tick of the beat scheduler (scheduled jobs).
- `beat_hooks` (`BeatHook`): run after each heartbeat of a kind of process (reaping lost jobs).
- `health_checks` (`HealthCheck`, by name): `/health/` and `nautobot-server health_check`.
- `app_metrics` (`AppMetric`): Prometheus metrics of the data, collected at each scrape of `/metrics` (apps').
- `system_metrics` (`AppMetric`): ours (`nautobot_*`: queues, jobs, webhooks, workers), collected the same way.
- `message_types` (`MessageType` classes, by dotted name): classes whose objects travel in task messages.

Extras features
- `after_write` (`AfterWrite`): run after a write's change log rows are saved (webhook deliveries).
- `scope_readers` (`ScopeReader`, by scope): how config contexts match an object.
- `datasource_contents` (`DatasourceContent`, by name): what a Git repository can provide.
- `job_sources` (`SourceProvider`): where jobs are found besides installed apps.
- `jinja_filters` (`JinjaFilter`, by name): filters of the Jinja environment of user templates.
- `secrets_providers` (`SecretsProvider` subclasses, by slug): where secret values come from (`Secret.get_value`).
- `model_features` (`ModelFeatures`, by model label): what 1.x models declare with `@extras_features`;
  `core.models.features.FeatureQuery`.

The app API of Nautobot 1.x maps onto these stores: a plugin's `menu_items` become `menu_links`,
`template_extensions` and `graphql_types` their stores, `datasource_contents` `datasource_contents`;
`homepage_layout` into `home_panels`, `override_views` into `view_overrides`, `secrets_providers` into
`secrets_providers`, `custom_validators`, `filter_extensions`, `jinja_filters` and `metrics` into their stores,
`banner_function` into `banners`. A new kind of extension is a new store added here, with its kind in `kinds`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from nautobot.core.registry.kinds import (
    AfterWrite,
    AppMetric,
    Banner,
    BannerFunction,
    BeatHook,
    CustomValidator,
    DatasourceContent,
    DetailTab,
    ExtraField,
    ExtraRoute,
    FilterExtension,
    FormExtension,
    FormFieldOverride,
    GraphQLExtraField,
    GraphQLFieldSource,
    HealthCheck,
    HiddenFields,
    HomePanel,
    Include,
    JinjaFilter,
    ListExport,
    ListExporter,
    MenuButton,
    MenuEntry,
    MenuLink,
    MessageType,
    ModelFeatures,
    ModelFields,
    ObjectAction,
    Page,
    Panel,
    PanelContent,
    QuerysetFilterHook,
    RowLoader,
    ScopeReader,
    SecretsProvider,
    SerializerFieldOverride,
    SourceProvider,
    SyncLog,
    TemplateExtension,
    TickHook,
    ValidationHook,
    ViewOverride,
    ViewsetMixin,
    WriteContext,
)
from nautobot.core.registry.store import Store


def _store(kind: type | str, **options: Any) -> Any:
    return field(default_factory=lambda: Store(kind, **options))


@dataclass(frozen=True)
class Registry:
    """The fixed set of stores (see the module docstring); frozen: no store can be added, replaced or removed."""

    # REST API
    specs: Store = _store("nautobot.core.specs.ObjectSpec", classes=True, key=lambda spec: spec.model)
    write_contexts: Store[WriteContext] = _store(WriteContext)
    validation_hooks: Store[ValidationHook] = _store(ValidationHook)
    custom_validators: Store = _store(CustomValidator, classes=True)
    row_loaders: Store[RowLoader] = _store(RowLoader)
    model_fields: Store[ModelFields] = _store(ModelFields)
    extra_fields: Store[ExtraField] = _store(ExtraField, key=lambda entry: entry.name)
    serializer_field_overrides: Store[SerializerFieldOverride] = _store(
        SerializerFieldOverride, key=lambda entry: entry.model_label
    )
    includes: Store[Include] = _store(Include, key=lambda entry: entry.name)
    queryset_filters: Store[QuerysetFilterHook] = _store(QuerysetFilterHook)
    filter_extensions: Store = _store(FilterExtension, classes=True)
    list_exporters: Store[ListExporter] = _store(ListExporter)
    viewset_mixins: Store[ViewsetMixin] = _store(ViewsetMixin)
    extra_routes: Store[ExtraRoute] = _store(ExtraRoute)
    graphql_types: Store = _store("graphene_django.DjangoObjectType", classes=True)
    hidden_fields: Store[HiddenFields] = _store(HiddenFields, key=lambda entry: entry.model_label)
    graphql_field_sources: Store[GraphQLFieldSource] = _store(GraphQLFieldSource)
    # Web UI
    pages: Store[Page] = _store(Page)
    menu_links: Store[MenuLink] = _store(MenuLink)
    detail_tabs: Store[DetailTab] = _store(DetailTab, key=lambda entry: entry.suffix)
    detail_panels: Store[Panel] = _store(Panel)
    template_extensions: Store = _store(TemplateExtension, classes=True)
    object_actions: Store[ObjectAction] = _store(ObjectAction)
    home_panels: Store[HomePanel] = _store(HomePanel)
    banners: Store[BannerFunction] = _store(BannerFunction)
    list_exports: Store[ListExport] = _store(ListExport)
    form_extensions: Store[FormExtension] = _store(FormExtension)
    form_field_overrides: Store[FormFieldOverride] = _store(FormFieldOverride, key=lambda entry: entry.model_label)
    view_overrides: Store[ViewOverride] = _store(ViewOverride, key=lambda entry: entry.url_name)
    # Background processes
    tick_hooks: Store[TickHook] = _store(TickHook)
    beat_hooks: Store[BeatHook] = _store(BeatHook)
    health_checks: Store[HealthCheck] = _store(HealthCheck, key=lambda entry: entry.name)
    app_metrics: Store[AppMetric] = _store(AppMetric)
    system_metrics: Store[AppMetric] = _store(AppMetric)
    message_types: Store = _store(MessageType, classes=True, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
    # Extras features
    after_write: Store[AfterWrite] = _store(AfterWrite)
    scope_readers: Store[ScopeReader] = _store(ScopeReader, key=lambda entry: entry.scope)
    datasource_contents: Store[DatasourceContent] = _store(DatasourceContent, key=lambda entry: entry.name)
    job_sources: Store[SourceProvider] = _store(SourceProvider)
    jinja_filters: Store[JinjaFilter] = _store(JinjaFilter, key=lambda entry: entry.name)
    secrets_providers: Store = _store(SecretsProvider, classes=True, key=lambda cls: cls.slug)
    model_features: Store[ModelFeatures] = _store(ModelFeatures, key=lambda entry: entry.model_label)

    def __post_init__(self) -> None:
        for store_field in fields(self):
            getattr(self, store_field.name).name = store_field.name

    def stores(self) -> MappingProxyType:
        """`{name: store}`, read-only, in declaration order."""
        return MappingProxyType({f.name: getattr(self, f.name) for f in fields(self)})


registry = Registry()

__all__ = [
    "AfterWrite",
    "AppMetric",
    "Banner",
    "BannerFunction",
    "BeatHook",
    "CustomValidator",
    "DatasourceContent",
    "DetailTab",
    "ExtraField",
    "ExtraRoute",
    "FilterExtension",
    "FormExtension",
    "FormFieldOverride",
    "GraphQLExtraField",
    "GraphQLFieldSource",
    "HealthCheck",
    "HiddenFields",
    "HomePanel",
    "Include",
    "JinjaFilter",
    "ListExport",
    "ListExporter",
    "MenuButton",
    "MenuEntry",
    "MenuLink",
    "MessageType",
    "ModelFeatures",
    "ModelFields",
    "ObjectAction",
    "Page",
    "Panel",
    "PanelContent",
    "QuerysetFilterHook",
    "Registry",
    "RowLoader",
    "ScopeReader",
    "SecretsProvider",
    "SerializerFieldOverride",
    "SourceProvider",
    "Store",
    "SyncLog",
    "TemplateExtension",
    "TickHook",
    "ValidationHook",
    "ViewOverride",
    "ViewsetMixin",
    "WriteContext",
    "registry",
]
