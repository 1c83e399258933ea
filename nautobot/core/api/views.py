"""API views: the model viewset every spec gets, and the root, app-root and status views.

`ModelViewSet` = DRF's viewset plus the original's behaviour: brief mode, strict filters, bulk
update/delete on the list URL, 409 for protected deletes, object permissions on reads and writes,
`API-Version` on every response, and a constant number of queries per list page.
"""

from __future__ import annotations

import functools
import inspect
import platform
from collections import OrderedDict

import django
from django.urls import get_script_prefix
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, prefetch_related_objects
from django.urls import NoReverseMatch
from django.urls import reverse as django_reverse
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response
from rest_framework.reverse import preserve_builtin_query_params
from rest_framework.serializers import BaseSerializer, ListSerializer
from rest_framework.settings import api_settings
from rest_framework.views import APIView

import nautobot
from nautobot.core.api.brief import brief_representation
from nautobot.core.api.fields import prefetch_references
from nautobot.core.api.includes import add_includes
from nautobot.core.api.querysets import load_for_output, optimized_queryset, output_objects_cache
from nautobot.core.api.serializers import get_serializer_for_model, represent, serializer_for
from nautobot.core.filters import SpecFilterBackend
from nautobot.core.heartbeat import alive
from nautobot.core.registry import registry
from nautobot.core.specs import ObjectSpec, spec_for
from nautobot.core.writes import (
    DeleteBlocked,
    WriteConflict,
    WriteForbidden,
    objects_delete,
    objects_save,
    web_origin,
)
from nautobot.core.permissions import restrict

# The 403 of a write that leaves an object outside the user's object permissions (`WriteForbidden`).
FORBIDDEN = "You do not have permission to perform this action on one or more of these objects."
BULK_PREFETCH_MIN = 5  # below this, loading optional relations for every object costs more than it saves


def _forward_relations(model) -> list[str]:
    # Required foreign keys only: inner joins plan in well under a millisecond, while a dozen outer
    # joins took PostgreSQL 15-45 ms to plan (measured on devices); optional ones load when read.
    return [f.name for f in model._meta.concrete_fields if f.is_relation and not f.null]


class NautobotAPIMixin:
    """What every API view of ours does: version header, JSON errors; no HTTP TRACE (a 405: DRF would
    otherwise dispatch it to an action named `trace`, e.g. the cable trace of interfaces)."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        version = getattr(request, "version", None)
        if version and response.status_code != status.HTTP_406_NOT_ACCEPTABLE:
            response["API-Version"] = version
        request_id = getattr(getattr(request, "_request", request), "id", None)
        if request_id is not None:  # set by a write: the id of its change log entries and webhook payloads
            response["X-Request-ID"] = str(request_id)
        return response


class _SpecOfQueryset:
    """`ModelViewSet.spec` of a viewset declared the 1.x way: the spec of its `queryset`'s model."""

    def __get__(self, instance, owner) -> type[ObjectSpec]:
        queryset = getattr(owner, "queryset", None)
        if queryset is None:
            raise ImproperlyConfigured(f"{owner.__name__} must set `queryset` (or be made by `viewset_for(spec)`).")
        return spec_for(queryset.model)


def declared_the_1x_way(viewset: type) -> bool:
    """Whether `viewset` is an app's, declared with `queryset` as in 1.x, rather than made by `viewset_for(spec)`."""
    return isinstance(inspect.getattr_static(viewset, "spec", None), _SpecOfQueryset)


class ModelViewSet(NautobotAPIMixin, viewsets.ModelViewSet):
    """CRUD + bulk operations for the model of `spec` (set by `viewset_for`).

    Also Nautobot 1.x's `ModelViewSet`, which apps subclass with `queryset`, `serializer_class` and
    `filterset_class`: the spec is then that of `queryset.model` (an app model's is derived from the model),
    the app's serializer represents and validates objects (`?brief` uses `Nested<Model>Serializer` of the
    model's app), its filterset filters lists (parameters it does not know are ignored, as 1.x's), and the
    rest (object permissions, versions, bulk writes through the write path, 409 on protected deletes) is ours.
    """

    spec: type[ObjectSpec] = _SpecOfQueryset()
    brief = False
    filter_backends = [SpecFilterBackend]
    # Actions a subclass refuses (its method raises 405): left out of `Allow` and of OPTIONS' `actions`.
    refused_actions: tuple[str, ...] = ()

    @property
    def allowed_methods(self) -> list[str]:
        methods = super().allowed_methods
        refused = {
            m.upper() for m, name in (getattr(self, "action_map", None) or {}).items() if name in self.refused_actions
        }
        return [m for m in methods if m not in refused]

    def get_view_name(self) -> str:
        # The original's name (OPTIONS `name`, browsable API title): the model's verbose name, each word's
        # first letter raised ("IP Address", "VLAN"), for lists and single objects alike.
        return " ".join(word[:1].upper() + word[1:] for word in str(self.spec.model._meta.verbose_name).split())

    def initialize_request(self, request, *args, **kwargs):
        request = super().initialize_request(request, *args, **kwargs)
        self.brief = request.method == "GET" and bool(request.GET.get("brief"))
        return request

    def dispatch(self, request, *args, **kwargs):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return super().dispatch(request, *args, **kwargs)
        with output_objects_cache():
            return super().dispatch(request, *args, **kwargs)

    @classmethod
    def declared_the_1x_way(cls) -> bool:
        """Whether the class names its serializer itself (an app's viewset) rather than deriving it from the spec."""
        return cls.serializer_class is not None

    # Reads --------------------------------------------------------------------------------------
    def get_serializer_class(self):
        if self.declared_the_1x_way():
            if self.brief:
                return get_serializer_for_model(self.spec.model, prefix="Nested")
            return self.serializer_class
        return serializer_for(self.spec.model, brief=self.brief, version=getattr(self.request, "version", None))

    def get_queryset(self):
        action = {
            "GET": "view",
            "HEAD": "view",
            "OPTIONS": "view",
            "PUT": "change",
            "PATCH": "change",
            "DELETE": "delete",
        }.get(self.request.method, "view")
        if self.queryset is not None:
            return restrict(self.queryset.all(), self.request.user, action)
        if self.request.method in ("PUT", "PATCH", "DELETE"):
            # Objects about to change are validated and saved, not shown: their own row and the rows of
            # their required foreign keys (model validation reads those) in one query.
            queryset = self.spec.model.objects.select_related(*_forward_relations(self.spec.model))
        else:
            queryset = optimized_queryset(self.spec, brief=self.brief)
        return restrict(queryset, self.request.user, action)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        for exporter in registry.list_exporters:
            exported = exporter.export(self, request, queryset)
            if exported is not None:
                return exported
        page = self.paginate_queryset(queryset)
        rows = page if page is not None else list(queryset)
        if self.brief and not self.declared_the_1x_way():
            data = [brief_representation(obj, request) for obj in rows]
        else:
            data = self._represent(rows)
            add_includes(rows, data, request)
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        if self.brief and not self.declared_the_1x_way():
            return Response(brief_representation(instance, request))
        data = self._represent([instance])
        add_includes([instance], data, request)
        return Response(data[0])

    # Writes -------------------------------------------------------------------------------------
    def create(self, request, *args, **kwargs):
        many = isinstance(request.data, list)
        serializer = self.get_serializer(data=request.data, many=many)
        if many:
            prefetch_references(serializer.child, request.data)
        if not serializer.is_valid():
            raise exceptions.ValidationError(
                aligned_errors(serializer.errors, len(request.data)) if many else serializer.errors
            )
        instances = self._save(serializer if many else [serializer], "add")
        output = self._represent(self._refetch(instances))
        return Response(output if many else output[0], status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        instances = self._save([serializer], "change")
        return Response(self._represent(self._refetch(instances))[0])

    def destroy(self, request, *args, **kwargs):
        self._delete([self.get_object()])
        return Response(status=status.HTTP_204_NO_CONTENT)

    def bulk_update(self, request, *args, partial: bool = False, **kwargs):
        items = self._bulk_items(request.data)
        objects = self._bulk_objects(items)
        context = self.get_serializer_context()  # shared: related references are resolved once for all
        serializers = [
            self.get_serializer(objects[str(item["id"])], data=item, partial=partial, context=context) for item in items
        ]
        if serializers:
            prefetch_references(serializers[0], items)
        errors = [{} if s.is_valid() else s.errors for s in serializers]
        if any(errors):
            raise exceptions.ValidationError(errors)
        return Response(self._represent(self._refetch(self._save(serializers, "change"))))

    def bulk_partial_update(self, request, *args, **kwargs):
        return self.bulk_update(request, *args, partial=True, **kwargs)

    def bulk_destroy(self, request, *args, **kwargs):
        items = self._bulk_items(request.data)
        objects = self._bulk_objects(items)
        self._delete(list(objects.values()))
        return Response(status=status.HTTP_204_NO_CONTENT)

    # Helpers ------------------------------------------------------------------------------------
    def _represent(self, objects: list) -> list[dict]:
        return represent(self.get_serializer_class(), objects, self.get_serializer_context())

    def _save(
        self,
        serializers: ListSerializer | list[BaseSerializer],
        action: str,
        *,
        model: type[Model] | None = None,
        forbidden: str = FORBIDDEN,
    ) -> list[Model]:
        """Save validated serializers through the write path (`objects_save`); its errors as the API answers them.

        An integrity error is a 400 at its item (a list aligned with the input for a bulk create, else the
        item's errors); an object outside the user's object permissions is a 403 (`forbidden`: its text).
        """
        try:
            return objects_save(
                serializers=serializers,
                model=model or self.spec.model,
                action=action,
                origin=web_origin(self.request),
            )
        except WriteConflict as conflict:
            many = isinstance(serializers, ListSerializer)
            raise exceptions.ValidationError(conflict.aligned_errors() if many else conflict.errors) from None
        except WriteForbidden:
            raise exceptions.PermissionDenied(forbidden) from None

    def _refetch(self, instances: list) -> list:
        if self.queryset is not None:
            by_pk = {obj.pk: obj for obj in self.queryset.all().filter(pk__in=[i.pk for i in instances])}
            return [by_pk.get(i.pk, i) for i in instances]
        by_pk = load_for_output(self.spec, [i.pk for i in instances])
        return [by_pk[i.pk] for i in instances]

    def _bulk_items(self, data) -> list[dict]:
        if not isinstance(data, list) or not all(isinstance(i, dict) and i.get("id") for i in data):
            raise exceptions.ValidationError(
                {"non_field_errors": ["Bulk operations need a list of objects, each with an 'id'."]}
            )
        return data

    def _bulk_objects(self, items: list[dict]) -> dict:
        ids = [str(item["id"]) for item in items]
        try:
            found = {str(o.pk): o for o in self.get_queryset().filter(pk__in=ids)}
        except Exception:
            raise exceptions.ValidationError({"id": ["Invalid object id."]}) from None
        missing = [i for i in ids if i not in found]
        if missing:
            raise exceptions.NotFound(f"Objects not found: {', '.join(missing)}")
        if len(found) >= BULK_PREFETCH_MIN:
            # Model validation reads optional foreign keys too (a device's platform, rack, cluster):
            # one query per relation for the whole batch instead of one per object.
            optional = [f.name for f in self.spec.model._meta.concrete_fields if f.is_relation and f.null]
            prefetch_related_objects(list(found.values()), *optional)
        return found

    def _delete(self, objects: list[Model]) -> None:
        """Delete through the write path (`objects_delete`); a protected delete is a 409 naming the dependents."""
        try:
            objects_delete(objects=objects, origin=web_origin(self.request))
        except DeleteBlocked as blocked:
            listing = ", ".join(f"{d} ({d.pk})" for d in blocked.dependents[:20])
            raise Conflict(
                f"Unable to delete object. {len(blocked.dependents)} dependent objects were found: {listing}"
            ) from None


def aligned_errors(errors, count: int) -> list:
    """Errors of a bulk request as a list aligned with the input, `{}` for valid items (as the original)."""
    if isinstance(errors, dict) and "non_field_errors" not in errors:
        return [errors.get(i) or errors.get(str(i)) or {} for i in range(count)]
    if isinstance(errors, list):
        return [e or {} for e in errors]
    return errors


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Conflict."


_viewsets: dict = {}


def viewset_for(spec: type[ObjectSpec]) -> type[ModelViewSet]:
    """Return the (generated, cached) viewset of `spec`'s model."""
    viewset = _viewsets.get(spec)
    if viewset is None:
        mixins = [mixin for mixin in (hook.mixin_for(spec) for hook in registry.viewset_mixins) if mixin is not None]
        bases = (*mixins, spec.viewset_base or ModelViewSet)
        viewset = _viewsets[spec] = type(
            f"{spec.model.__name__}ViewSet", bases, {"spec": spec, "__module__": spec.__module__}
        )
    return viewset


class ReadOnlyModelViewSet(ModelViewSet):
    """Objects made by the system or Django itself: read only through the API."""

    http_method_names = ["get", "head", "options"]


class APIRootView(NautobotAPIMixin, APIView):
    """`GET /api/`: links to every app; its `API-Version` header is how clients learn the version."""

    # (name, URL name) pairs, given by the URL configuration (which knows the apps that have routes). The
    # docstring above is the schema's description of the endpoint: it stays as the original's.
    routes: tuple[tuple[str, str], ...] = ()

    def get_view_name(self) -> str:
        return "API Root"

    def get(self, request, format=None):
        return Response(absolute_links(request, self.routes, format))


class AppRootView(NautobotAPIMixin, APIView):
    """`GET /api/<app>/`: links to each endpoint of the app, sorted by name."""

    app_label = ""
    endpoints: list[tuple[str, str]] = []

    def get_view_name(self) -> str:
        return f"{self.app_label.capitalize()} API"

    def get(self, request, format=None):
        return Response(absolute_links(request, tuple(sorted(self.endpoints)), format))


@functools.cache
def _link_paths(routes: tuple[tuple[str, str], ...], format: str | None) -> tuple[tuple[str, str], ...]:
    # Reversed once per process: the URL patterns never change at run time.
    paths = []
    for name, route in routes:
        try:
            paths.append((name, django_reverse(route, kwargs={"format": format} if format else None)))
        except NoReverseMatch:
            paths.append((name, f"{get_script_prefix()}api/{name}/"))
    return tuple(paths)


def absolute_links(request, routes: tuple[tuple[str, str], ...], format: str | None) -> OrderedDict:
    """`{name: absolute URL}` of the named routes, as DRF's `reverse(route, request=request, format=format)` gives."""
    origin = request.build_absolute_uri("/")[:-1]
    links = OrderedDict((name, origin + path) for name, path in _link_paths(routes, format))
    param = api_settings.URL_FORMAT_OVERRIDE
    if param and param in request.GET:  # DRF keeps `?format=` on the links it builds
        links = OrderedDict((name, preserve_builtin_query_params(url, request)) for name, url in links.items())
    return links


class StatusView(NautobotAPIMixin, APIView):
    """`GET /api/status/`: versions, apps, plugins and running workers (from heartbeats)."""

    def get(self, request):
        installed = OrderedDict()
        for config in apps.get_app_configs():
            module = __import__(config.module.__name__.split(".")[0])
            installed[config.name] = getattr(config, "version", None) or getattr(module, "__version__", None)
        return Response(
            {
                "django-version": django.__version__,
                "installed-apps": installed,
                "nautobot-version": nautobot.__version__,
                "plugins": {name: installed.get(name) for name in getattr(settings, "PLUGINS", [])},
                "python-version": platform.python_version(),
                "rq-workers-running": len(alive("rq")),
                "celery-workers-running": len(alive("celery")),
            }
        )


__all__ = [
    "ModelViewSet",
    "viewset_for",
    "APIRootView",
    "AppRootView",
    "StatusView",
]
