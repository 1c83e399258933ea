"""The kinds of registry entries: one frozen dataclass (or base class) per store, its fields typed and documented.

An entry holds the function(s) a feature plugs in plus what the core needs to place them. Entries are
compared field by field to skip a second registration of the same thing; fields declared `compare=False`
hold values made anew on each call (a view from `as_view()`, a closure) and do not count.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypedDict, runtime_checkable

# Request, view, queryset, model and spec types are left as `Any`: the registry sits below the layers
# that define them (DRF, the views, `nautobot.core.specs`) and imports none of them.


class PanelLink(TypedDict):
    url: str  # where the link in the panel's header goes
    label: str  # its text


class PanelContent(TypedDict, total=False):
    """What a detail or home panel function returns: a card with a title and rows or HTML."""

    title: str  # the card's header
    rows: list[tuple]  # (label, html) pairs shown as a two-column table
    html: str  # safe HTML shown instead of rows
    wide: bool  # under the other panels, full width (a table of many columns)
    side: bool  # in the narrow column beside the object's fields (a status)
    id: str  # the card's HTML id
    link: PanelLink  # a link in the card's header
    flush: bool  # no padding around the html (a table)


# REST API ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class WriteContext:
    """A context manager entered inside the transaction of every write (API, UI, jobs), exited before it commits."""

    # `nautobot.core.writes.WriteOrigin` (who writes, from where) -> context manager (change logging writes rows there)
    factory: Callable[[Any], AbstractContextManager]


@dataclass(frozen=True)
class ListExporter:
    """Answers an API list request in another form than JSON (`?export=<template>`); the first answer wins."""

    export: Callable[[Any, Any, Any], Any]  # (view, request, queryset) -> HttpResponse, or None when not its


@dataclass(frozen=True)
class ViewsetMixin:
    """Adds actions to the API viewset of every model it applies to (`<id>/notes/`)."""

    mixin_for: Callable[[Any], type | None]  # spec -> a mixin class placed before the viewset base, or None


@dataclass(frozen=True)
class RowLoader:
    """Loads data for a page of objects of one model in one query (tags) before they are serialized."""

    load: Callable[[list], None]  # objects -> None; sets what the serializer will read on them


@dataclass(frozen=True)
class ValidationHook:
    """Checks or rewrites the attributes of an API/UI write before model validation (custom field data)."""

    validate: Callable[[Any, dict], dict]  # (serializer, attrs) -> attrs; raises a DRF ValidationError to refuse


class CustomValidator:
    """Extra rules for the objects of `model` ("app_label.modelname"), checked on every validation of one
    (`full_clean()`: API and web UI writes, `validated_save()` in jobs), after the model's own: override `clean()`.

    Register the class (not an instance): it is made per check, the object as `self.context["object"]`;
    `validation_error()` refuses it (a message, or `{field: message}`), shown as the API's 400 or the form's errors.
    """

    model: str = ""

    def __init__(self, obj: Any) -> None:
        self.context = {"object": obj}

    def validation_error(self, message: Any) -> None:
        from django.core.exceptions import ValidationError

        raise ValidationError(message)

    def clean(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} must define clean()")


@dataclass(frozen=True)
class SerializerFieldOverride:
    """The serializer field of every relation to one model instead of the nested one (Status -> its name)."""

    model_label: str  # "extras.Status"
    field_class: type  # a DRF field class, given the relation's queryset/many/required/allow_null/read_only


@dataclass(frozen=True)
class ExtraField:
    """A serializer field that is not a model field, built for any model that lists `name` (custom_fields)."""

    name: str  # the field name in the representation
    build: Callable[[type], tuple[type, dict]]  # model class -> (field class, field kwargs)


@dataclass(frozen=True)
class ModelFields:
    """Field names a feature adds to the full representation of the models it applies to (`notes_url`)."""

    fields_for: Callable[[type], tuple[str, ...]]  # model class -> names, added after the spec's own fields


@dataclass(frozen=True)
class Include:
    """An opt-in extra of GET responses (`?include=<name>`), computed for a page of objects in one call."""

    name: str  # the `include` value and the key added to each object
    provide: Callable[[list, Any], dict]  # (objects, request) -> {pk: value}


@dataclass(frozen=True)
class ExtraRoute:
    """An API endpoint of an app that is not a model's (`/api/users/config/`), listed in the app's API root."""

    app_label: str  # the app whose `/api/<app_label>/` it goes under
    endpoint: str  # the URL segment under it
    view: Callable = field(compare=False)  # the view function (`View.as_view()`)
    name: str = ""  # the URL name in the app's API namespace


@dataclass(frozen=True)
class HiddenFields:
    """Model fields readable through REST by their owner only, never through GraphQL (a token's key)."""

    model_label: str  # lower-case model label, "users.token"
    names: frozenset[str]  # the model field names GraphQL leaves out


@dataclass(frozen=True)
class GraphQLExtraField:
    """A field of a generated GraphQL type defined by data rather than by the model (1.x's `cf_<name>`)."""

    model: Any  # the model whose GraphQL type gets the field
    name: str  # the field's name (a GraphQL name: letters, digits and underscores)
    returns: Any  # a model (its GraphQL type), or a scalar's name: "String", "Int", "Boolean", "Date", "GenericScalar"
    resolve: Callable[[Any, Any], Any] = field(compare=False)  # (object, info) -> value (a list when `many`)
    many: bool = False  # a list of `returns`
    description: str = ""


@dataclass(frozen=True)
class GraphQLFieldSource:
    """Where extra GraphQL fields come from: `fields()` reads their definitions (from the database) and is called
    again after `nautobot.core.graphql.dynamic.forget()` or `RUNTIME_SETTINGS_REFRESH` seconds."""

    fields: Callable[[], list[GraphQLExtraField]]


@dataclass(frozen=True)
class QuerysetFilterHook:
    """Filters list querysets by parameters defined at run time (`cf_<name>`), API and UI alike."""

    apply: Callable[[Any, Any], Any]  # (queryset, query parameters) -> queryset


class FilterExtension:
    """Filters added to the filterset of a model of another app (`model`, "app_label.modelname"), REST, GraphQL
    and UI alike, and their fields in the model's filter form. Register the class.

    `filterset_fields`: {parameter: django-filter `Filter`} (a `method=` is a callable `(queryset, name, value)`);
    `filterform_fields`: {parameter: form field}. A parameter cannot replace one the model already has.
    """

    model: str = ""
    filterset_fields: dict = {}
    filterform_fields: dict = {}


# Web UI --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Banner:
    """A message across the top of every page (`content` is HTML); `banner_class` its Bootstrap color."""

    content: str
    banner_class: str = "info"  # "info", "success", "warning", "danger"


@dataclass(frozen=True)
class BannerFunction:
    """Chooses the banner of a page, or none."""

    render: Callable[[dict], Banner | None]  # the page's template context (`request`, `object`...) -> banner or None


@dataclass(frozen=True)
class Panel:
    """A card on every detail page after the model's own fields (custom fields, a rack's elevation)."""

    render: Callable[[Any, Any], PanelContent | None]  # (object, request) -> the card, or None for none


@dataclass(frozen=True)
class HomePanel:
    """A card on the home page (the change log's recent changes)."""

    render: Callable[[Any], PanelContent | None]  # request -> the card, or None for none


@dataclass(frozen=True)
class ListExport:
    """Entries of the list page's Export menu beyond CSV, and the answer to the `?export=` they choose."""

    choices: Callable[[type], list[tuple[str, str]]]  # model -> [(menu label, export value)]
    answer: Callable[[Any, Any, Any], Any]  # (spec, request, queryset) -> HttpResponse, or None when not its


@dataclass(frozen=True)
class MenuButton:
    """A small link beside a menu item ("add", "import")."""

    title: str  # its tooltip
    url_name: str  # the URL name it links to
    icon: str = ""  # a Material Design icon class ("mdi-plus-thick")
    permissions: tuple[str, ...] = ()  # all needed to see it


@dataclass(frozen=True)
class MenuEntry:
    """A navigation menu item."""

    group: str  # the top-level menu
    label: str  # the item's text
    permission: str = ""  # needed to see it ("" = anyone signed in)
    weight: int = 1000  # order in its section
    section: str = ""  # the titled section of the menu it goes under ("" = the untitled one at the top)
    permissions: tuple[str, ...] = ()  # needed too, all of them (a 1.x NavMenuItem's list)
    buttons: tuple[MenuButton, ...] = ()  # small links beside the item (add, import)
    group_weight: int | None = None  # where its top-level menu goes among the others (1.x NavMenuTab.weight)
    section_weight: int = 1000  # where its section goes in the menu (1.x NavMenuGroup.weight)


@dataclass(frozen=True)
class MenuLink:
    """A menu entry for a page routed elsewhere (a plugin's own URLs, a plugin's `menu_items`)."""

    entry: MenuEntry  # where and how it shows
    url_name: str  # the URL name it links to ("plugins:example_plugin:widget_summary")


@dataclass(frozen=True)
class Page:
    """A page that is not a model's (a job run form, a cable trace), at `/<app_label>/<route>`."""

    app_label: str  # the app whose URL namespace it goes in
    route: str  # Django `path()` route under `/<app_label>/`
    view: Callable = field(compare=False)  # the view function (`View.as_view()`); it checks permissions itself
    name: str = ""  # the URL name, `<app_label>:<name>`
    menu: MenuEntry | None = None  # its navigation entry, if any
    kwargs: dict | None = None  # passed to the view, as Django's `path()` does


@dataclass(frozen=True)
class ViewOverride:
    """Another view answering a page's URL (a 1.x plugin's `override_views`); the URL and its name stay."""

    url_name: str  # "dcim:device", "plugins:<app>:<name>"
    view: Callable = field(compare=False)  # the view function that answers instead


@dataclass(frozen=True)
class DetailTab:
    """A tab of detail pages at `<object url><suffix>/`, named `<model>_<suffix>` (the change log)."""

    label: str  # the tab's text
    suffix: str  # URL segment and URL name suffix; unique
    view: Callable = field(compare=False)  # (request, spec, pk) -> HttpResponse
    models: frozenset[str] = frozenset()  # lower-case model labels ("ipam.prefix") it is on; empty: every model
    first: bool = False  # before the tabs of every model, after the other `first` ones

    def applies_to(self, model: type) -> bool:
        return not self.models or model._meta.label_lower in self.models


@dataclass(frozen=True)
class ObjectAction:
    """A button on a model's detail page that POSTs to `<object url><name>/` (redeliver, sync)."""

    model: type  # the model whose pages show it
    name: str  # URL suffix and the button's id (`<name>-button`)
    label: str  # the button's text
    permission: str  # the model permission it needs: "view", "add", "change" or "delete"
    handler: Callable  # (request, obj) -> HttpResponse, or None to go back to the object's page
    style: str = "primary"  # Bootstrap button color
    confirm: str = ""  # asked before posting, when set
    available: Callable | None = None  # obj -> bool: whether the button applies to this object at all


@dataclass(frozen=True)
class FormFieldOverride:
    """The form field of relations to a model whose choices need a filter the API URL cannot express (Status)."""

    model_label: str  # "extras.Status"
    build: Callable[..., Any]  # (model, *, many, required, label) -> forms.Field


class FormExtension:
    """Fields a feature adds to the generated forms of the models it applies to (custom fields as `cf_<name>`).

    Subclass it and register an instance. The API serializer stays the one place values are validated:
    these fields only render and parse. Forms show an extension's fields together under its `title`.
    """

    title = ""

    def fields(self, model: type, user: Any, mode: str) -> dict:
        """{form field name: forms.Field}; `mode` is "edit", "bulk" or "filter"."""
        return {}

    def initial(self, model: type, instance: Any) -> dict:
        """{form field name: value}; `instance` None: a new object's defaults."""
        return {}

    def payload(self, model: type, values: dict, *, bulk: bool, nullify: list) -> dict:
        """Entries of the API request body from the cleaned values of its fields (`bulk`: only those given,
        plus the names in `nullify` emptied)."""
        return {}

    def form_errors(self, errors: dict) -> dict:
        """{form field name: [messages]} for the API errors it owns, popped from `errors`."""
        return {}


class TemplateExtension:
    """Extra content on the detail page of `model` ("app_label.modelname"): override any of the methods.

    Register the class (not an instance): it is made per page with the page's context. Each method returns
    HTML (a string, e.g. from `render()`); `self.context["object"]` is the object shown.
    """

    model: str = ""

    def __init__(self, context: dict) -> None:
        self.context = context

    def render(self, template_name: str, extra_context: dict | None = None) -> str:
        from django.template.loader import render_to_string

        return render_to_string(
            template_name, {**self.context, **(extra_context or {})}, request=self.context.get("request")
        )

    def left_page(self) -> str:
        return ""

    def right_page(self) -> str:
        return ""

    def full_width_page(self) -> str:
        return ""

    def buttons(self) -> str:
        return ""

    def list_buttons(self) -> str:
        """HTML of buttons on the model's list page."""
        return ""

    def detail_tabs(self) -> list[dict]:
        """Tabs of the object's detail page: `[{"title": ..., "url": ...}]`."""
        return []


# Background processes --------------------------------------------------------------------------------
@dataclass(frozen=True)
class TickHook:
    """Run on every tick of the Celery beat scheduler, at least once a second (fire due scheduled jobs)."""

    run: Callable[[], object]  # errors are logged and the connection dropped


@dataclass(frozen=True)
class BeatHook:
    """Run right after each heartbeat of a process of one kind (reap jobs whose worker died)."""

    kind: str  # "celery" or "beat"
    run: Callable[[], object]  # on the heartbeat's short-lived connection; errors are logged


@runtime_checkable
class MessageType(Protocol):
    """A class whose objects travel in task messages (`nautobot_json`); register the class itself."""

    def nautobot_serialize(self) -> dict:
        """The object as JSON-able data (the message adds the class's registered name)."""

    @classmethod
    def nautobot_deserialize(cls, data: dict) -> Any:
        """The object rebuilt from `nautobot_serialize()`'s data."""


@dataclass(frozen=True)
class AppMetric:
    """Prometheus metrics about the data (counts, states), collected at each scrape of `/metrics`."""

    collect: Callable[[], Any]  # -> an iterable of `prometheus_client` metric families


@dataclass(frozen=True)
class HealthCheck:
    """A check of `/health/` and `nautobot-server health_check`."""

    name: str  # its name in the answer and on the command line
    run: Callable[[], str]  # -> a detail line; raises when the service is not usable


# Extras features -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class AfterWrite:
    """Run after the change log rows of a write are saved, in its transaction (queue webhook deliveries)."""

    run: Callable[[Any, list], None]  # (ChangeContext, [ObjectChange]) -> None


@dataclass(frozen=True)
class ScopeReader:
    """Reads the ids an object offers for one scope relation of config contexts (before tree expansion)."""

    scope: str  # the ConfigContext relation ("sites", "roles")
    read: Callable[[Any], set]  # object -> ids


class SyncLog(Protocol):
    """What a content loader reports to while a Git repository syncs."""

    def changes(self) -> AbstractContextManager:
        """Wrap each file's writes: change-logged, one transaction."""

    def info(self, message: str, obj: Any = None) -> None: ...
    def success(self, message: str, obj: Any = None) -> None: ...
    def warning(self, message: str, obj: Any = None) -> None: ...
    def failure(self, message: str, obj: Any = None) -> None: ...


@dataclass(frozen=True)
class DatasourceContent:
    """A kind of content a Git repository can provide, loaded by the feature that owns it (config contexts)."""

    name: str  # what `provided_contents` lists, e.g. "extras.job"; unique
    label: str  # shown in forms and on the repository's page
    directory: str  # the top-level directory of the repository it reads
    load: Callable[[Any, Path, SyncLog], None]  # (repository, root, log): make the database match the files
    remove: Callable[[Any, SyncLog], None]  # (repository, log): remove everything the repository provided
    weight: int = 1000  # lower loads first (schemas before the contexts that name them)
    # repository -> queryset of the records it provides now (on the repository's page); None: not shown.
    provided: Callable[[Any], Any] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class JinjaFilter:
    """A filter of the Jinja environment that renders user templates (computed fields, export templates, ...)."""

    name: str  # how templates call it: `{{ value | name }}`; unique
    function: Callable[..., Any]


@dataclass(frozen=True)
class ModelFeatures:
    """The 1.x features a model declares with `@extras_features(...)` ("custom_fields", "statuses", "webhooks"...)."""

    model_label: str  # lower-case model label, "nautobot_bgp_models.autonomoussystem"
    features: frozenset[str]  # the names it declared


@dataclass(frozen=True)
class SourceProvider:
    """Where jobs are found besides installed apps (JOBS_ROOT, Git repositories)."""

    sources: Callable[[], list]  # -> [DirectorySource]


class SecretsProvider(ABC):
    """Where the value of a `Secret` comes from (an environment variable, a file, a vault): register the class.

    A subclass sets `slug` (unique: what `Secret.provider` holds), optionally `name` (shown in forms; default:
    the slug), `ParametersForm` (a Django form class whose fields are the keys of `Secret.parameters`; its
    `clean()` may check them further) and implements the class method `get_value_for_secret(secret, obj=None,
    **kwargs)`, which returns the value or raises a `nautobot.extras.secrets.exceptions.SecretError`.
    `is_available` False hides a provider whose library is missing. The 1.x class of this name
    (`nautobot.apps.secrets.SecretsProvider`) is this one.
    """

    slug: str = ""
    name: str = ""
    is_available: bool = True
    ParametersForm: type = None  # type: ignore[assignment]  # set by every concrete provider

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.slug and not cls.name:
            cls.name = cls.slug

    def __repr__(self) -> str:
        return f"<{self.name or self.slug}>"

    @classmethod
    @abstractmethod
    def get_value_for_secret(cls, secret: Any, obj: Any = None, **kwargs: Any) -> Any:
        """The value `secret` describes (its parameters rendered for `obj`); raise a SecretError when unreadable."""


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
    "HealthCheck",
    "HiddenFields",
    "HomePanel",
    "Include",
    "JinjaFilter",
    "ListExport",
    "ListExporter",
    "MenuEntry",
    "MenuLink",
    "MessageType",
    "ModelFeatures",
    "ModelFields",
    "ObjectAction",
    "Page",
    "Panel",
    "PanelContent",
    "PanelLink",
    "QuerysetFilterHook",
    "RowLoader",
    "ScopeReader",
    "SecretsProvider",
    "SerializerFieldOverride",
    "SourceProvider",
    "SyncLog",
    "TemplateExtension",
    "TickHook",
    "ValidationHook",
    "ViewsetMixin",
    "WriteContext",
]
