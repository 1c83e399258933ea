"""The generic pages every spec gets: list, detail, create/edit and delete (bulk ones are in `bulk`).

Each view class is instantiated per spec by `routes` (`as_view(spec=...)`); nothing here is per model.
Reads go through `restrict()`: a user sees only what object permissions allow, and a page of a model the
user may not view (or an action they may not take) is a 403.
"""

from inspect import signature

from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, router
from django.forms.utils import ErrorDict
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import select_template
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django_tables2 import RequestConfig

from rest_framework.exceptions import ValidationError as DRFValidationError

from nautobot.core import forms as spec_forms
from nautobot.core.api.serializers import serializer_for
from nautobot.core.filters import filterset_for
from nautobot.core.formatting import bettertitle
from nautobot.core.registry import registry
from nautobot.core.specs import ObjectSpec, has_spec, spec_for
from nautobot.core.tables import table_for, table_queryset
from nautobot.core.views import defaults
from nautobot.core.views.actions import buttons_for
from nautobot.core.views.display import detail_rows, related_links
from nautobot.core.views.errors import handle_protectederror
from nautobot.core.views.extensions import detail_content, list_buttons
from nautobot.core.views.export import csv_response
from nautobot.core.views.paginator import get_paginate_count
from nautobot.core.views.permissions import allowed, model_permissions, require
from nautobot.core.views.routes import detail_tabs
from nautobot.core.runtime_settings import get_settings_or_config
from nautobot.core.views.urls import reverse_for_object, object_url, spec_url, url_name
from nautobot.core.writes import (
    DeleteBlocked,
    WriteConflict,
    WriteForbidden,
    objects_delete,
    objects_save,
    web_origin,
    write_transaction,
)


def per_page_choices() -> list[int]:
    """The page sizes a list offers (`PER_PAGE_DEFAULTS`), with `PAGINATE_COUNT` among them."""
    choices = [int(n) for n in get_settings_or_config("PER_PAGE_DEFAULTS")]
    return sorted({*choices, get_settings_or_config("PAGINATE_COUNT")})


# 1.x's words when a saved object would be outside the user's object permissions.
FORBIDDEN_SAVE = "Object save failed due to object-level permissions violation"
# Query parameters of the list page that are not filters.
LIST_PARAMETERS = frozenset({"page", "per_page", "sort", "export"})


class SpecView(View):
    """A page of one model: `spec` is set per spec by `as_view(spec=...)`, or derived from a 1.x `queryset`.

    The 1.x generic views (`ObjectListView`, `ObjectView`, `ObjectEditView`, ...) and the `NautobotUIViewSet`
    mixins are these classes: an app sets the 1.x attributes (`queryset`, `table`, `filterset`, `model_form`,
    `template_name`, ...) and they replace what the spec would give; what it leaves unset comes from the
    spec of `queryset.model`. Writes go through the write path whichever form validated them.
    """

    spec: type[ObjectSpec] | None = None
    # 1.x: the objects the page works on (narrowed per user by object permissions) and its template.
    queryset: models.QuerySet | None = None
    template_name: str | None = None
    # A NautobotUIViewSet's action ("list", "retrieve", "create", ...) when the view is one of its actions.
    action: str | None = None
    # The URL keyword that finds the object (1.x views: "pk" or "slug", whichever the URL gives).
    lookup_field: str = "pk"
    # A 1.x view's `get_object()` may make the new object an add form starts from.
    new_object: models.Model | None = None

    @classmethod
    def as_view(cls, actions: dict | None = None, **initkwargs):
        """A view function; with `actions` (`{"get": "list"}`), a NautobotUIViewSet's: each HTTP method calls its
        action (the method of that name) and `self.action` says which."""
        if actions is None:
            return super().as_view(**initkwargs)
        actions = {**actions, **({"head": actions["get"]} if "get" in actions else {})}

        def view(request, *args, **kwargs):
            self = cls(**initkwargs)
            self.action = actions.get(request.method.lower())
            self.setup(request, *args, **kwargs)
            if self.action is None:
                return self.http_method_not_allowed(request, *args, **kwargs)
            return getattr(self, self.action)(request, *args, **kwargs)

        view.view_class = cls
        view.view_initkwargs = initkwargs
        view.actions = actions
        return view

    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        if self.spec is None:
            if self.queryset is None:
                raise ImproperlyConfigured(f"{type(self).__name__} needs a `queryset` (or a spec: as_view(spec=...)).")
            model = self.queryset.model
            if not has_spec(model):
                raise ImproperlyConfigured(
                    f"{type(self).__name__}: {model._meta.label} has no spec (is its app installed?)."
                )
            self.spec = spec_for(model)

    def dispatch(self, request, *args, **kwargs):
        """A write an app's own handler makes (a 1.x view overriding `post()` that saves forms itself) runs
        inside the write path's transaction too: the change log and webhooks see it, as they would in 1.x."""
        handler = getattr(self, request.method.lower(), None)
        if request.method in ("GET", "HEAD", "OPTIONS") or handler is None or _ours(handler):
            return super().dispatch(request, *args, **kwargs)
        with write_transaction(web_origin(request)):
            return super().dispatch(request, *args, **kwargs)

    @property
    def model(self) -> type[models.Model]:
        return self.queryset.model if self.queryset is not None else self.spec.model

    def get_queryset(self) -> models.QuerySet:
        """The 1.x `queryset` (a fresh copy) or all of the model's objects; not yet narrowed to the user's."""
        return self.queryset.all() if self.queryset is not None else self.model.objects.all()

    def lookup(self, kwargs: dict) -> dict:
        """The lookup of one object from the URL's keywords: `pk`, `slug` or the viewset's `lookup_field`."""
        for name in (self.lookup_field, "pk", "slug"):
            if name in kwargs:
                return {name: kwargs[name]}
        raise ImproperlyConfigured(f"{type(self).__name__}: the URL gives none of pk, slug, {self.lookup_field}.")

    def object_or_404(self, action: str, kwargs: dict) -> models.Model:
        """The object of the URL among those `action` is allowed on (404 otherwise)."""
        return get_object_or_404(allowed(self.get_queryset(), self.request.user, action), **self.lookup(kwargs))

    def app_object(self, action: str, kwargs: dict):
        """A 1.x view's own `get_object(kwargs)`, run on its `queryset` narrowed to what the user may `action`;
        None for a new (unsaved) object."""
        self.queryset = allowed(self.get_queryset(), self.request.user, action)
        # A 1.x view's is get_object(kwargs); a viewset's, as DRF's, get_object() (the URL's in self.kwargs).
        obj = self.get_object(kwargs) if signature(self.get_object).parameters else self.get_object()
        if obj is not None and obj._state.adding:
            self.new_object = obj  # the new object the app made: the add form starts from it
            return None
        return obj

    def object_page(self, obj) -> str | None:
        """Where `obj` is shown: the model's own `get_absolute_url()` (1.x apps route their own), else ours."""
        return object_url(obj)

    def route(self, action: str) -> str | None:
        """The URL of the model's `action` page ("list", "add", "import", "bulk_edit", "bulk_delete"): the one
        in the namespace of this page (a 1.x app routes its own), else the spec's."""
        name = self.route_name(action)
        return reverse(name) if name is not None else None

    def route_name(self, action: str) -> str | None:
        """The URL name of `route(action)` (what 1.x templates pass to `{% url %}`, e.g. `list_url`), or None."""
        match = getattr(self.request, "resolver_match", None)
        if self.queryset is not None and match is not None and match.namespace:
            name = f"{match.namespace}:{self.model._meta.model_name}_{action}"
            try:
                reverse(name)
                return name
            except NoReverseMatch:
                pass
        return url_name(self.spec, action) if spec_url(self.spec, action) is not None else None

    def object_route(self, action: str, obj) -> str | None:
        """The URL of `obj`'s `action` page ("edit", "delete"), keyed as this page's URL is."""
        match = getattr(self.request, "resolver_match", None)
        if self.queryset is not None and match is not None and match.namespace:
            name = f"{match.namespace}:{self.model._meta.model_name}_{action}"
            url = reverse_for_object(name, obj, (self.lookup_field, "pk"))
            if url is not None:
                return url
        return spec_url(self.spec, action, obj.pk)

    def list_page(self) -> str:
        return self.route("list") or "/"

    def legacy_context(self, **extra) -> dict:
        """The names 1.x templates read (`permissions`, `content_type`, `verbose_name`, `return_url`, ...)."""
        meta = self.model._meta
        return {
            "content_type": ContentType.objects.get_for_model(self.model),
            "model": self.model,
            "verbose_name": meta.verbose_name,
            "verbose_name_plural": meta.verbose_name_plural,
            "obj_type": meta.verbose_name,
            "obj_type_plural": meta.verbose_name_plural,
            "permissions": model_permissions(self.request.user, self.model),
            "view_action": self.action,
            **extra,
        }

    def extra_context(self) -> dict:
        """1.x hook of list and import pages: what the page adds to its context (apps override it, calling super())."""
        return {}

    def get_extra_context(self, request, instance=None) -> dict:
        """1.x hook of object, edit and viewset pages: what the page adds (apps override it, calling super())."""
        return {}

    def extra_context_of(self, instance=None) -> dict:
        """What an app adds: 1.x `get_extra_context(request, instance)` (views and viewsets) or `extra_context()`."""
        context = {}
        if callable(self.extra_context):
            context.update(self.extra_context() or {})
        context.update(self.get_extra_context(self.request, instance) or {})
        return context

    def page(self, ours: str, legacy: list[str], context: dict) -> HttpResponse:
        """Render the 1.x template an app names or provides (`legacy`, first found), else ours."""
        names = [self.template_name] if self.template_name else []
        if self.queryset is not None:
            names += legacy
        if not names:
            return render(self.request, ours, context)
        template = select_template([*names, ours])
        if template.template.name != ours:  # a 1.x template reads Django's `perms` (perms.<app>.<codename>)
            context = {key: value for key, value in context.items() if key != "perms"}
        return HttpResponse(template.render(context, self.request))

    def context(self, **extra) -> dict:
        spec = self.spec
        return {
            "spec": spec,
            "model_name": spec.model._meta.verbose_name,
            "model_name_plural": spec.model._meta.verbose_name_plural,
            "perms": model_permissions(self.request.user, spec.model),
            "urls": {action: self.route(action) for action in ("list", "add", "import", "bulk_edit", "bulk_delete")},
            **extra,
        }

    def return_url(self, default: str) -> str:
        candidate = self.request.POST.get("return_url") or self.request.GET.get("return_url")
        if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={self.request.get_host()}):
            return candidate
        return default

    def get_return_url(self, request, obj=None) -> str:
        """1.x: where to go after the page (`?return_url=`, the object's page, the list)."""
        default = self.object_page(obj) if obj is not None and obj.pk else self.list_page()
        return self.return_url(default or "/")


def _ours(handler) -> bool:
    """Whether a view method is one of these generic views' (which write through the write path themselves)."""
    return getattr(handler, "__module__", "").startswith("nautobot.core.views.")


def filtered_queryset(spec: type[ObjectSpec], request, queryset: models.QuerySet) -> tuple[models.QuerySet, dict]:
    """`queryset` narrowed by the filter parameters of `request.GET` (the spec's REST filterset); and any errors."""
    return app_filtered_queryset(filterset_for(spec.model), request, queryset)


def app_filtered_queryset(filterset_class, request, queryset) -> tuple[models.QuerySet, dict]:
    """`queryset` narrowed by `filterset_class` (an app's own, 1.x `filterset`/`filterset_class`, or a spec's)
    and the filter parameters of `request.GET`; and any errors, with which nothing matches (as 1.x: with
    `STRICT_FILTERING`, a parameter that is no filter is one: "Unknown filter field")."""
    data = request.GET.copy()
    for key in list(data):
        values = [v for v in data.getlist(key) if v != ""]
        if key in LIST_PARAMETERS or not values:
            del data[key]
        else:
            data.setlist(key, values)
    filterset = filterset_class(data, queryset=queryset, request=request)
    if not filterset.is_valid():
        return queryset.none(), dict(filterset.errors)
    queryset = filterset.qs
    if not getattr(filterset_class, "applies_queryset_filters", False):
        try:
            for hook in registry.queryset_filters:
                queryset = hook.apply(queryset, data)
        except DRFValidationError as error:
            return queryset.none(), {name: list(problems) for name, problems in error.detail.items()}
    return queryset, {}


def app_table(table_class, queryset, request, *, selectable: bool = True, orderable: bool = True):
    """An app's table (1.x `table`/`table_class`: a `BaseTable` takes the `user` for its column preferences);
    its `pk` checkbox column shown only to those who may change or delete."""
    accepts_user = "user" in signature(table_class.__init__).parameters
    kwargs = {"user": request.user} if accepts_user else {}
    table = table_class(queryset, order_by=request.GET.get("sort") if orderable else None, **kwargs)
    if not orderable:
        table.orderable = False
    if "pk" in table.base_columns:
        if selectable:
            table.columns.show("pk")
        else:
            table.columns.hide("pk")
    return table


def per_page(request) -> int:
    """The list's page size: `?per_page=` (remembered for the user), else their saved one, else `PAGINATE_COUNT`;
    never above `MAX_PAGE_SIZE` (`get_paginate_count`, as 1.x)."""
    return get_paginate_count(request)


class ObjectListView(SpecView):
    """A sortable, filterable, paginated table with bulk actions; `?export=csv` downloads the filtered rows.

    1.x attributes: `table`, `filterset`, `filterset_form`, `action_buttons` (a viewset's `table_class`,
    `filterset_class`, `filterset_form_class`), `template_name`, `extra_context()`.
    """

    table = table_class = None
    filterset = filterset_class = None
    filterset_form = filterset_form_class = None
    action_buttons = ("add", "import", "export")

    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        require(request.user, self.model, "view")
        queryset = allowed(self.alter_queryset(request), request.user, "view")
        filterset_class = self.filterset_class or self.filterset
        if filterset_class is not None:
            queryset, errors = app_filtered_queryset(filterset_class, request, queryset)
        else:
            queryset, errors = filtered_queryset(self.spec, request, queryset)
        if "export" in request.GET:
            return self.export(request, queryset)
        perms = model_permissions(request.user, self.model)
        selectable = perms["change"] or perms["delete"]
        table_class = self.table_class or self.table
        if table_class is not None:
            table = app_table(table_class, queryset, request, selectable=selectable)
        else:
            table = table_for(self.spec, selectable=selectable)(
                table_queryset(self.spec, queryset), order_by=request.GET.get("sort")
            )
        page_size = per_page(request)
        # django-tables2 would take `?per_page=` as is; the size decided above (capped by MAX_PAGE_SIZE) wins.
        table.per_page_field = "_page_size_from_get_paginate_count"
        RequestConfig(request, paginate={"per_page": page_size}).configure(table)
        form_class = self.filterset_form_class or self.filterset_form
        if form_class is not None:
            form = form_class(request.GET, label_suffix="")
            # Shown, never validated, as on 1.x (Django 3.2): Django 5 validates a bound form to mark invalid fields
            # when it renders them, and some apps' filter forms are model forms whose choices fail the model's.
            form._errors = ErrorDict()
        else:
            form = spec_forms.filter_form(
                self.spec, defaults.filter_form_fields(self.spec), request.user, data=request.GET
            )
        for name, messages_ in errors.items():
            messages.error(request, f"{name}: {'; '.join(str(m) for m in messages_)}")
        params = request.GET.copy()
        params.pop("page", None)
        list_view = self.route_name("list")  # 1.x: `list_url` is the list's URL name, for `{% url list_url %}`
        context = self.context(
            table=table,
            filter_form=form,
            per_page_choices=per_page_choices(),
            per_page=page_size,
            selectable=selectable,
            list_buttons=list_buttons(self.model, request),
            **self.legacy_context(
                action_buttons=self.action_buttons,
                list_url=list_view,
                title=bettertitle(self.model._meta.verbose_name_plural),
                filter_params=[],
            ),
        )
        params.pop("export", None)
        exports = [("CSV", "csv")] + [
            choice for export in registry.list_exports for choice in export.choices(self.model)
        ]
        context["exports"] = [(label, "?" + _with(params, export=value)) for label, value in exports]
        context.update(self.extra_context_of())
        if request.htmx and request.htmx.target == "object-table":
            return render(request, "nautobot/generic/object_table.html", context)
        return self.page("nautobot/generic/object_list.html", ["generic/object_list.html"], context)

    def alter_queryset(self, request) -> models.QuerySet:
        """1.x hook: the objects listed before filtering (narrowed to the user's afterwards)."""
        return self.get_queryset()

    def export(self, request, queryset):
        """`?export=csv` (or empty): CSV of every filtered row; another value: the app that offers it (e.g. a template)."""
        if request.GET.get("export") in ("", "csv"):
            return csv_response(self.spec, queryset)
        for export in registry.list_exports:
            response = export.answer(self.spec, request, queryset)
            if response is not None:
                return response
        raise Http404(f"No export named {request.GET.get('export')!r} for {self.model._meta.verbose_name_plural}.")


def _with(params, **values) -> str:
    params = params.copy()
    for key, value in values.items():
        params[key] = value
    return params.urlencode()


class ObjectView(SpecView):
    """An object's page: its fields, custom fields, tags, related objects and the spec's `detail_tables`, with
    the template extensions placed as 1.x places them. (1.x `ObjectView`, a viewset's `retrieve`.)

    A 1.x view (or viewset) renders the app's template when there is one (`template_name`,
    `<app>/<model>.html` for a view, `<app>/<model>_retrieve.html` for a viewset) with the 1.x context plus
    `get_extra_context(request, instance)`.
    """

    def get(self, request, *args, **kwargs):
        return self.retrieve(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        require(request.user, self.model, "view")
        if self.queryset is not None:
            obj = self.object_or_404("view", kwargs)
        else:
            queryset = table_queryset(
                self.spec, allowed(self.model.objects.all(), request.user, "view"), tuple(self.spec.counts)
            )
            obj = get_object_or_404(queryset, pk=kwargs["pk"])
        user = request.user
        panels = [p for p in (panel.render(obj, request) for panel in registry.detail_panels) if p]
        extensions = detail_content(obj, request)
        tabs = tabs_for(self.spec, obj) + [(tab["title"], tab["url"]) for tab in extensions["tabs"]]
        meta = self.model._meta
        context = self.context(
            object=obj,
            rows=detail_rows(self.spec, obj),
            panels=[p for p in panels if not p.get("wide") and not p.get("side")],
            side_panels=[p for p in panels if p.get("side")],
            wide_panels=[p for p in panels if p.get("wide")],
            buttons=buttons_for(self.spec, obj, user),
            tags=list(obj.tags.all()) if any(f.name == "tags" for f in meta.get_fields()) else [],
            related=related_links(self.spec, obj, user),
            tables=self._tables(obj),
            tabs=tabs,
            extensions=extensions,
            can_change=user.has_perm(f"{meta.app_label}.change_{meta.model_name}", obj),
            can_delete=user.has_perm(f"{meta.app_label}.delete_{meta.model_name}", obj),
            edit_url=self.object_route("edit", obj),
            delete_url=self.object_route("delete", obj),
            **self.legacy_context(
                changelog_url=self.tab_url(obj, "changelog"),
                active_tab=request.GET.get("tab", "main"),
                created_by=None,
                last_updated_by=None,
            ),
        )
        context.update(self.extra_context_of(obj))
        suffix = "_retrieve" if self.action else ""
        return self.page(
            "nautobot/generic/object_detail.html", [f"{meta.app_label}/{meta.model_name}{suffix}.html"], context
        )

    def tab_url(self, obj, suffix: str) -> str | None:
        """The URL of the object's `suffix` tab (`changelog`), keyed as the page's own URL is."""
        return reverse_for_object(f"{url_name(self.spec, 'detail')}_{suffix}", obj, (self.lookup_field, "pk"))

    def _tables(self, obj) -> list[dict]:
        tables = []
        for accessor in self.spec.detail_tables:
            relation = next(r for r in self.model._meta.related_objects if r.get_accessor_name() == accessor)
            related_model = relation.related_model
            if not has_spec(related_model) or not self.request.user.has_perm(
                f"{related_model._meta.app_label}.view_{related_model._meta.model_name}"
            ):
                continue
            related_spec = spec_for(related_model)
            rows = allowed(related_model.objects.filter(**{relation.field.name: obj}), self.request.user, "view")
            columns = tuple(c for c in defaults.list_columns(related_spec) if c != relation.field.name)
            table = table_for(related_spec, columns=columns, selectable=False)(
                table_queryset(related_spec, rows, columns), orderable=False
            )
            add = spec_url(related_spec, "add")
            add_url = f"{add}?{relation.field.name}={obj.pk}&return_url={object_url(obj)}" if add else None
            tables.append(
                {
                    "title": related_model._meta.verbose_name_plural,
                    "table": table,
                    "add_url": add_url,
                    "spec": related_spec,
                }
            )
        return tables


def tabs_for(spec: type[ObjectSpec], obj) -> list[tuple[str, str]]:
    """The detail page's tabs; a tab the model's views do not route (a 1.x viewset without notes) is left out."""
    tabs = [("Details", object_url(obj))]
    for tab in detail_tabs(spec.model):
        url = reverse_for_object(f"{url_name(spec, 'detail')}_{tab.suffix}", obj)
        if url is not None:
            tabs.append((tab.label, url))
    return tabs


def tab_context(request, spec: type[ObjectSpec], obj, **extra) -> dict:
    """What a detail tab's template (extending `object_detail.html`) needs besides its own content."""
    return {
        "object": obj,
        "spec": spec,
        "tabs": tabs_for(spec, obj),
        "object_url": object_url(obj),
        "model_name": spec.model._meta.verbose_name,
        "model_name_plural": spec.model._meta.verbose_name_plural,
        "urls": {"list": spec_url(spec)},
        "perms": model_permissions(request.user, spec.model),
        **extra,
    }


class ObjectEditView(SpecView):
    """Create (no object in the URL) or edit one object.

    Without a form class, the spec's form, validated by the API serializer. With a 1.x `model_form` (a
    viewset's `form_class`), that form validates and its `save()` runs inside the write path's transaction
    (change log, webhooks, the object-permission re-check), as a built-in model's form does.
    """

    model_form = form_class = None

    def get(self, request, *args, **kwargs):
        return self.edit_page(request, kwargs)

    def post(self, request, *args, **kwargs):
        return self.edit_save(request, kwargs)

    def edit_object(self, kwargs: dict):
        """The object of the URL (edit), or None (add); 403/404 when the user may not."""
        # 1.x: a URL that names an object (any keyword, for a view with its own `get_object`) edits it.
        editing = (
            bool(kwargs) if hasattr(self, "get_object") else any(k in kwargs for k in (self.lookup_field, "pk", "slug"))
        )
        require(self.request.user, self.model, "change" if editing else "add")
        if hasattr(self, "get_object"):  # 1.x: the app finds the object (or makes a new one) itself
            return self.app_object("change" if editing else "add", kwargs)
        if not editing:
            return None
        if self.queryset is None:
            return get_object_or_404(allowed(self.model.objects.all(), self.request.user, "change"), pk=kwargs["pk"])
        return self.object_or_404("change", kwargs)

    def get_form_class(self):
        """The 1.x form class (`model_form`, a viewset's `form_class`), or None for the spec's form."""
        return self.form_class or self.model_form

    def edit_page(self, request, kwargs: dict):
        obj = self.edit_object(kwargs)
        form_class = self.get_form_class()
        if form_class is not None:
            instance = obj if obj is not None else (self.new_object or self.model())
            instance = self.alter_obj(instance, request, (), kwargs)
            initial = {key: value for key, value in request.GET.items() if key != "return_url"}
            form = form_class(instance=instance, initial=initial)
            return self.edit_form_page(form, obj)
        names = defaults.form_fields(self.spec)
        form = spec_forms.object_form(
            self.spec, names, request.user, initial=spec_forms.initial_from(obj, names, self.model)
        )
        if obj is None:  # an add link may pre-fill fields: `?prefix=10.0.4.0/24&vrf=<id>`
            form.initial.update({k: v for k, v in request.GET.items() if k in form.fields})
        return self.edit_form_page(form, obj)

    def alter_obj(self, obj, request, url_args, url_kwargs):
        """1.x hook: change the object before the form is bound to it (e.g. from the URL)."""
        return obj

    def edit_save(self, request, kwargs: dict):
        obj = self.edit_object(kwargs)
        form_class = self.get_form_class()
        if form_class is not None:
            return self.save_app_form(request, form_class, obj, kwargs)
        form = spec_forms.object_form(
            self.spec, defaults.form_fields(self.spec), request.user, data=request.POST, files=request.FILES
        )
        if form.is_valid():
            payload = spec_forms.form_payload(form, self.model)
            try:
                serializer = validated_serializer(self.spec, request, payload, obj, partial=obj is not None)
                saved = objects_save(
                    serializers=[serializer],
                    model=self.model,
                    action="change" if obj else "add",
                    origin=web_origin(request),
                )[0]
            except WriteRejected as rejected:
                add_errors(form, rejected.errors)
            except WriteConflict as conflict:
                add_errors(form, conflict.errors)
            except WriteForbidden:  # as 1.x: the form again, with the reason (the write was rolled back)
                form.add_error(None, FORBIDDEN_SAVE)
            else:
                return self.saved(request, saved, created=obj is None)
        return self.edit_form_page(form, obj)

    def save_app_form(self, request, form_class, obj, kwargs: dict):
        instance = obj if obj is not None else (self.new_object or self.model())
        instance = self.alter_obj(instance, request, (), kwargs)
        form = form_class(data=request.POST, files=request.FILES, instance=instance)
        if form.is_valid():
            try:
                saved = objects_save(
                    serializers=[form], model=self.model, action="change" if obj else "add", origin=web_origin(request)
                )[0]
            except WriteConflict as conflict:
                form.add_error(None, conflict.message)
            except WriteForbidden:  # as 1.x: the form again, with the reason (the write was rolled back)
                form.add_error(None, FORBIDDEN_SAVE)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return self.saved(request, saved, created=obj is None)
        return self.edit_form_page(form, obj)

    def saved(self, request, saved, *, created: bool) -> HttpResponse:
        verb = "Created" if created else "Modified"
        messages.success(request, f"{verb} {self.model._meta.verbose_name} {saved}")
        if "_addanother" in request.POST:
            return HttpResponseRedirect(request.get_full_path())
        return HttpResponseRedirect(self.return_url(self.object_page(saved) or self.list_page()))

    def edit_form_page(self, form, obj) -> HttpResponse:
        cancel = self.return_url((self.object_page(obj) if obj is not None else None) or self.list_page())
        context = self.context(
            form=form,
            object=obj,
            cancel_url=cancel,
            **self.legacy_context(
                obj=form.instance if hasattr(form, "instance") else obj, return_url=cancel, editing=obj is not None
            ),
        )
        context.update(self.extra_context_of(obj))
        return self.page("nautobot/generic/object_edit.html", ["generic/object_edit.html"], context)


class WriteRejected(Exception):
    """Validation failed: `errors` is the serializer's error dict (field name -> messages)."""

    def __init__(self, errors: dict) -> None:
        super().__init__(errors)
        self.errors = errors


def validated_serializer(
    spec: type[ObjectSpec], request, data: dict, instance: models.Model | None = None, *, partial: bool = False
):
    """A serializer of `spec.model` bound to `data`, already validated; raise `WriteRejected` with its errors.

    The UI validates with the model's API serializer, so a form, an import row and a `POST` to the REST API
    accept exactly the same data; saving is the write path's (`nautobot.core.writes.objects_save`).
    """
    serializer = serializer_for(spec.model)(instance, data=data, partial=partial, context={"request": request})
    if not serializer.is_valid():
        raise WriteRejected(dict(serializer.errors))
    return serializer


def add_errors(form, errors: dict) -> None:
    """Put API validation errors beside their form fields (others at the top of the form)."""
    errors = dict(errors)
    for name, texts in spec_forms.extension_errors(errors).items():
        form.add_error(name if name in form.fields else None, texts)
    for key, value in errors.items():
        texts = value if isinstance(value, list) else [value]
        texts = [str(t) if not isinstance(t, dict) else "; ".join(f"{k}: {v}" for k, v in t.items()) for t in texts]
        if key in form.fields:
            form.add_error(key, texts)
        else:
            form.add_error(None, [f"{key}: {t}" if key != "non_field_errors" else t for t in texts])


def deletion_summary(objects: list[models.Model]) -> tuple[list[dict], list[models.Model]]:
    """What deleting `objects` also deletes (per model, with up to 20 examples) and what blocks it."""
    collector = NestedObjects(using=router.db_for_write(type(objects[0])))
    collector.collect(objects)
    starting = {(type(o), o.pk) for o in objects}
    summary = []
    for model, instances in collector.model_objs.items():
        others = [i for i in instances if (model, i.pk) not in starting]
        if others:
            summary.append({"name": model._meta.verbose_name_plural, "count": len(others), "examples": others[:20]})
    return summary, list(collector.protected)


class ObjectDeleteView(SpecView):
    """Confirm (listing what else is deleted or what blocks it), then delete through the write path.
    (1.x `ObjectDeleteView`, a viewset's `destroy`; a 1.x template gets `obj`, `form`, `obj_type`, `return_url`.)"""

    def get(self, request, *args, **kwargs):
        return self.destroy(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.destroy(request, *args, **kwargs)

    def delete_object(self, kwargs: dict):
        require(self.request.user, self.model, "delete")
        if hasattr(self, "get_object"):  # 1.x: the app finds the object itself
            obj = self.app_object("delete", kwargs)
            if obj is None:
                raise Http404(f"No {self.model._meta.verbose_name} matches the given query.")
            return obj
        if self.queryset is None:
            return get_object_or_404(allowed(self.model.objects.all(), self.request.user, "delete"), pk=kwargs["pk"])
        return self.object_or_404("delete", kwargs)

    def destroy(self, request, *args, **kwargs):
        obj = self.delete_object(kwargs)
        if request.method != "POST":
            cascade, protected = deletion_summary([obj])
            return_url = self.return_url(self.object_page(obj) or "/")
            context = self.context(
                object=obj,
                cascade=cascade,
                protected=protected,
                cancel_url=return_url,
                **self.legacy_context(obj=obj, return_url=return_url, form=None),
            )
            context.update(self.extra_context_of(obj))
            return self.page("nautobot/generic/object_delete.html", ["generic/object_delete.html"], context)
        name = str(obj)  # before the delete: a model's str() may read relations, which a deleted object has not
        try:
            objects_delete(objects=[obj], origin=web_origin(request))
        except DeleteBlocked as blocked:
            handle_protectederror([name], request, blocked)
            return HttpResponseRedirect(self.object_page(obj) or "/")
        messages.success(request, f"Deleted {self.model._meta.verbose_name} {name}")
        return HttpResponseRedirect(self.return_url(self.list_page()))
