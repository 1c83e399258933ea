"""The prefix viewset's allocation actions: `available-prefixes/` and `available-ips/` (GET lists, POST allocates).

POST takes one object or a list; each gets the next free network (of its `prefix_length`) or address,
and the parent's VRF (and site, for prefixes), then is validated and saved like a normal create. The
parent prefix is locked for the whole allocation (`ipam.services`), so concurrent requests never get
the same result. Not enough space answers 204 with a `detail`, as the original does.
"""

from django.apps import apps
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.permissions import TokenPermissions
from nautobot.core.api.querysets import optimized_queryset
from nautobot.core.api.serializers import represent, serializer_for
from nautobot.core.api.views import ModelViewSet, aligned_errors
from nautobot.core.specs import spec_for
from nautobot.ipam import selectors, services
from nautobot.ipam.models import IPAddress, Prefix
from nautobot.core.writes import web_origin, write_transaction
from nautobot.core.permissions import permission_name
from nautobot.core.runtime_settings import get_settings_or_config


def _allocation_permission(model_label: str) -> type[BasePermission]:
    class AllocationPermission(TokenPermissions):
        """GET needs `view` on prefixes; POST needs `add` on what it allocates (and a write-enabled token)."""

        def has_permission(self, request, view) -> bool:
            if request.method in SAFE_METHODS or not (request.user and request.user.is_authenticated):
                return super().has_permission(request, view)
            token = request.auth
            if token is not None and hasattr(token, "write_enabled") and not token.write_enabled:
                return False
            return request.user.has_perm(permission_name(apps.get_model(model_label), "add"))

    return AllocationPermission


class PrefixViewSet(ModelViewSet):
    """Prefixes, plus their free space and allocation."""

    @action(
        detail=True,
        methods=["get", "post"],
        url_path="available-prefixes",
        permission_classes=[_allocation_permission("ipam.Prefix")],
    )
    def available_prefixes(self, request, pk=None):
        """List the free networks of this prefix, or allocate networks of the requested `prefix_length`."""
        prefix = self.get_object()
        if request.method == "GET":
            vrf = _brief(prefix.vrf, request)
            free = selectors.available_prefixes(prefix).iter_cidrs()
            return Response([{"family": net.version, "prefix": str(net), "vrf": vrf} for net in free])
        items, many = _items(request.data)
        lengths = [_prefix_length(item, prefix) for item in items]
        with write_transaction(web_origin(request)):
            parent = services.prefix_lock(prefix_id=prefix.pk)
            try:
                networks = services.prefix_allocate_prefixes(parent=parent, lengths=lengths)
            except services.InsufficientSpace as error:
                return Response({"detail": str(error)}, status=status.HTTP_204_NO_CONTENT)
            defaults = {"vrf": _pk(parent.vrf_id), "site": _pk(parent.site_id)}
            data = [
                {"status": "active", **item, "prefix": str(net), **defaults}
                for item, net in zip(items, networks, strict=False)
            ]
            ids = self._save_allocated(request, Prefix, data, many)
        return self._allocated_response(request, Prefix, ids, many)

    @action(
        detail=True,
        methods=["get", "post"],
        url_path="available-ips",
        permission_classes=[_allocation_permission("ipam.IPAddress")],
    )
    def available_ips(self, request, pk=None):
        """List the first free addresses of this prefix (`?limit=`), or allocate one per object posted."""
        prefix = self.get_object()
        if request.method == "GET":
            vrf = _brief(prefix.vrf, request)
            listed = []
            limit = _limit(request)
            for address in selectors.available_ips(prefix):
                if len(listed) == limit:
                    break
                listed.append({"family": address.version, "address": f"{address}/{prefix.prefix_length}", "vrf": vrf})
            return Response(listed)
        items, many = _items(request.data)
        with write_transaction(web_origin(request)):
            parent = services.prefix_lock(prefix_id=prefix.pk)
            try:
                addresses = services.prefix_allocate_ips(parent=parent, count=len(items))
            except services.InsufficientSpace as error:
                return Response({"detail": str(error)}, status=status.HTTP_204_NO_CONTENT)
            vrf = _pk(parent.vrf_id)
            data = [
                {"status": "active", **item, "address": str(a), "vrf": vrf}
                for item, a in zip(items, addresses, strict=False)
            ]
            ids = self._save_allocated(request, IPAddress, data, many)
        return self._allocated_response(request, IPAddress, ids, many)

    def _save_allocated(self, request, model, data: list[dict], many: bool) -> list:
        """Validate and save the allocated objects inside the caller's transaction (which holds the lock)."""
        context = self.get_serializer_context()
        serializer_class = serializer_for(model, version=request.version)
        serializer = serializer_class(data=data if many else data[0], many=many, context=context)
        if not serializer.is_valid():
            raise exceptions.ValidationError(
                aligned_errors(serializer.errors, len(data)) if many else serializer.errors
            )
        saved = self._save(
            serializer if many else [serializer],
            "add",
            model=model,
            forbidden="You do not have permission to create these objects.",
        )
        return [instance.pk for instance in saved]

    def _allocated_response(self, request, model, ids: list, many: bool) -> Response:
        """201 with the full form of what was allocated, read after commit (outside the lock)."""
        by_pk = {o.pk: o for o in optimized_queryset(spec_for(model)).filter(pk__in=ids)}
        serializer_class = serializer_for(model, version=request.version)
        output = represent(serializer_class, [by_pk[pk] for pk in ids], self.get_serializer_context())
        return Response(output if many else output[0], status=status.HTTP_201_CREATED)


def _brief(obj, request) -> dict | None:
    return None if obj is None else brief_representation(obj, request)


def _pk(value) -> str | None:
    return None if value is None else str(value)


def _items(data) -> tuple[list[dict], bool]:
    """The posted objects as a list, and whether a list was posted; anything else is a 400."""
    many = isinstance(data, list)
    items = data if many else [data]
    if not all(isinstance(item, dict) for item in items):
        raise exceptions.ValidationError({"non_field_errors": ["Post one object or a list of objects."]})
    if not items:
        raise exceptions.ValidationError({"non_field_errors": ["Post at least one object."]})
    return [dict(item) for item in items], many


def _prefix_length(item: dict, parent) -> int:
    length = item.get("prefix_length")
    if length is None:
        raise exceptions.ValidationError({"prefix_length": ["this field can not be missing"]})
    if isinstance(length, bool) or not isinstance(length, int):
        raise exceptions.ValidationError({"prefix_length": ["this field must be int type"]})
    maximum = 32 if parent.family == 4 else 128
    if not 0 <= length <= maximum:
        raise exceptions.ValidationError(
            {"prefix_length": [f"Invalid prefix length ({length}) for IPv{parent.family}"]}
        )
    return length


def _limit(request) -> int:
    default = get_settings_or_config("PAGINATE_COUNT")
    maximum = get_settings_or_config("MAX_PAGE_SIZE")
    try:
        limit = int(request.query_params.get("limit", default))
    except ValueError:
        limit = default
    if limit <= 0:
        limit = maximum or default
    return min(limit, maximum) if maximum else limit
