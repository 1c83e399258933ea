"""Read-only endpoints over connected path endpoints, and the connected-device locator.

- `/api/dcim/console-connections/`, `/api/dcim/power-connections/`: console/power ports whose cable
  path reaches an endpoint, in their full representation;
- `/api/dcim/interface-connections/`: each pair of connected interfaces once (the one with the lower
  id is `interface_a`), as `{interface_a, interface_b, connected_endpoint_reachable}`;
- `/api/dcim/connected-device/?peer_device=<name>&peer_interface=<name>`: the device at the other end
  of a peer's interface (what a device that boots and sees an LLDP neighbour wants to know).
Filters: `site` (slug), `device_id`, `device` (name), and `name` on console/power connections.
"""

from __future__ import annotations

import django_filters
from django.db.models import F
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from rest_framework import exceptions, generics
from rest_framework.response import Response
from rest_framework.views import APIView

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.permissions import IsAuthenticated
from nautobot.core.api.querysets import optimized_queryset
from nautobot.core.api.serializers import represent, serializer_for
from nautobot.core.api.views import NautobotAPIMixin
from nautobot.core.filters import BaseFilterSet, MultiValueFilter, filter_data
from nautobot.core.specs import spec_for
from nautobot.dcim.models import ConsolePort, Device, Interface, PowerPort
from nautobot.core.permissions import restrict


class ConnectionFilterSet(BaseFilterSet):
    site = django_filters.CharFilter(field_name="device__site__slug")
    device_id = MultiValueFilter(field_name="device_id")
    device = MultiValueFilter(field_name="device__name")
    name = MultiValueFilter(field_name="name")


_filtersets = {}


def _filterset(model) -> type[ConnectionFilterSet]:
    if model not in _filtersets:
        meta = type("Meta", (), {"model": model, "fields": []})
        _filtersets[model] = type(f"{model.__name__}ConnectionFilterSet", (ConnectionFilterSet,), {"Meta": meta})
    return _filtersets[model]


class ConnectionListView(NautobotAPIMixin, generics.ListAPIView):
    """Connected endpoints of `model`; `spec` lets the shared permission class find the model."""

    model = None

    @property
    def spec(self):
        return spec_for(self.model)

    def get_queryset(self):
        queryset = optimized_queryset(self.spec).filter(_path__destination_id__isnull=False)
        return restrict(queryset, self.request.user, "view")

    def filter_queryset(self, queryset):
        filterset_class = _filterset(self.model)
        filterset = filterset_class(filter_data(self.request.query_params), queryset=queryset, request=self.request)
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        return filterset.qs

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.represent(page))

    def represent(self, rows: list) -> list[dict]:
        serializer_class = serializer_for(self.model, version=getattr(self.request, "version", None))
        return represent(serializer_class, rows, {"request": self.request})


class ConsoleConnectionListView(ConnectionListView):
    model = ConsolePort


class PowerConnectionListView(ConnectionListView):
    model = PowerPort


class InterfaceConnectionListView(ConnectionListView):
    model = Interface

    def get_queryset(self):
        # Both interfaces of a connection have a path to the other: list the pair once.
        return (
            super()
            .get_queryset()
            .filter(
                _path__destination_type__app_label="dcim",
                _path__destination_type__model="interface",
                pk__lt=F("_path__destination_id"),
            )
        )

    def represent(self, rows: list) -> list[dict]:
        return [
            {
                "interface_a": brief_representation(interface, self.request),
                "interface_b": brief_representation(interface._path.destination, self.request),
                "connected_endpoint_reachable": interface._path.is_active,
            }
            for interface in rows
        ]


class MissingFilters(exceptions.APIException):
    """A required query parameter is absent: 400 `{"detail": "..."}` (a string, as the original's)."""

    status_code = 400
    default_detail = "One or more required filters is missing from the request."


class ConnectedDeviceView(NautobotAPIMixin, APIView):
    """The device connected to interface `peer_interface` of device `peer_device` (empty body if none)."""

    permission_classes = [IsAuthenticated]

    def get_view_name(self) -> str:
        return "Connected Device Locator"

    def get(self, request):
        device_name = request.query_params.get("peer_device")
        interface_name = request.query_params.get("peer_interface")
        if not device_name or not interface_name:
            raise MissingFilters('Request must include "peer_device" and "peer_interface" filters.')
        interfaces = restrict(Interface.objects.select_related("_path"), request.user, "view")
        peer = get_object_or_404(interfaces, device__name=device_name, name=interface_name)
        local = peer._path.destination if peer._path_id else None
        if not isinstance(local, Interface):
            return _nothing()
        device = restrict(optimized_queryset(spec_for(Device)), request.user, "view").filter(pk=local.device_id).first()
        if device is None:
            return _nothing()
        serializer_class = serializer_for(Device, version=getattr(request, "version", None))
        return Response(represent(serializer_class, [device], {"request": request})[0])


def _nothing() -> JsonResponse:
    # The original answers an empty 200 body, which a JSON client cannot parse: `null` says the same.
    return JsonResponse(None, safe=False)
