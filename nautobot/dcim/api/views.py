"""Hand-written viewset bases for DCIM: `trace` of path endpoints, `paths` of front/rear ports, rack `elevation`.

Named by the specs (`viewset_base`); the generated viewsets add the CRUD and the routes.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.views import ModelViewSet
from nautobot.dcim.api.representations import cable_paths_representation, trace_representation
from nautobot.dcim.cabling import paths_through
from nautobot.dcim.choices import DeviceFaceChoices
from nautobot.dcim.elevations import LEGEND_WIDTH, elevation_svg
from nautobot.dcim.napalm import PERMISSION as NAPALM_PERMISSION
from nautobot.dcim.napalm import NapalmUnavailable, device_napalm_read, napalm_driver
from nautobot.dcim.selectors import rack_units
from nautobot.core.runtime_settings import get_settings_or_config


class NapalmServiceUnavailable(exceptions.APIException):
    status_code = 503
    default_detail = "Service temporarily unavailable, try again later."
    default_code = "service_unavailable"


class DeviceViewSet(ModelViewSet):
    """Devices: `GET <id>/napalm/?method=get_facts&method=...`, the device's live state read through NAPALM."""

    @action(detail=True, methods=["get"], url_path="napalm")
    def napalm(self, request, pk=None):
        """`{method: result}` as 1.x: 503 with the reason when the device cannot be asked (no platform, driver,
        NAPALM, address or connection), 403 without `dcim.napalm_read_device`."""
        # Not `get_object()`: `method` is NAPALM's, not a device filter.
        device = get_object_or_404(self.get_queryset(), pk=pk)
        self.check_object_permissions(request, device)
        try:
            napalm_driver(device)
            if not request.user.has_perm(NAPALM_PERMISSION):
                raise exceptions.PermissionDenied("You do not have permission to read devices through NAPALM.")
            return Response(device_napalm_read(device, request.GET.getlist("method"), request.headers))
        except NapalmUnavailable as exc:
            raise NapalmServiceUnavailable(str(exc)) from None


class PathEndpointViewSet(ModelViewSet):
    """Interfaces, console/power ports, power outlets and power feeds: `GET <id>/trace/`."""

    @action(detail=True, methods=["get"], url_path="trace")
    def trace(self, request, pk=None):
        """Return the cable path from this endpoint as `[near end, cable, far end]` segments."""
        return Response(trace_representation(self.get_object(), request))


class PassThroughPortViewSet(ModelViewSet):
    """Front and rear ports: `GET <id>/paths/`, every cable path that passes through the port."""

    @action(detail=True, methods=["get"], url_path="paths")
    def paths(self, request, pk=None):
        """Return the cable paths that traverse this port."""
        port = self.get_object()
        cable_paths = paths_through(port).select_related("origin_type", "destination_type")
        return Response(cable_paths_representation(list(cable_paths), request))


class RackElevationQuery(serializers.Serializer):
    """Query parameters of `GET /api/dcim/racks/<id>/elevation/`."""

    q = serializers.CharField(required=False, default="")
    face = serializers.ChoiceField(choices=DeviceFaceChoices.choices, default=DeviceFaceChoices.FACE_FRONT)
    render = serializers.ChoiceField(choices=["json", "svg"], default="json")
    unit_width = serializers.IntegerField(required=False, min_value=20, max_value=2000)
    unit_height = serializers.IntegerField(required=False, min_value=5, max_value=500)
    legend_width = serializers.IntegerField(default=LEGEND_WIDTH, min_value=0, max_value=500)
    exclude = serializers.UUIDField(required=False, default=None)
    expand_devices = serializers.BooleanField(required=False, default=True)
    include_images = serializers.BooleanField(required=False, default=True)
    display_fullname = serializers.BooleanField(required=False, default=True)


class RackViewSet(ModelViewSet):
    """Racks: `GET <id>/elevation/`, the rack's units as a paginated JSON list or (`?render=svg`) a drawing."""

    @action(detail=True, methods=["get"], url_path="elevation")
    def elevation(self, request, pk=None):
        """Return the units of the rack seen from `face`, with the device in each."""
        # Not `get_object()`: the query parameters are the elevation's options, not rack filters.
        rack = get_object_or_404(self.get_queryset(), pk=pk)
        self.check_object_permissions(request, rack)
        query = RackElevationQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        options = query.validated_data
        if options["render"] == "svg":
            units = rack_units(
                rack, face=options["face"], user=request.user, exclude=options["exclude"], expand_devices=False
            )
            drawing = elevation_svg(
                rack,
                units,
                face=options["face"],
                unit_width=options.get("unit_width") or get_settings_or_config("RACK_ELEVATION_DEFAULT_UNIT_WIDTH"),
                unit_height=options.get("unit_height") or get_settings_or_config("RACK_ELEVATION_DEFAULT_UNIT_HEIGHT"),
                legend_width=options["legend_width"],
                base_url=request.build_absolute_uri("/"),
            )
            return HttpResponse(drawing, content_type="image/svg+xml")
        units = rack_units(
            rack,
            face=options["face"],
            user=request.user,
            exclude=options["exclude"],
            expand_devices=options["expand_devices"],
        )
        if options["q"]:
            units = [unit for unit in units if options["q"] in str(unit["id"]) or options["q"] in unit["name"]]
        page = self.paginate_queryset(units)
        rows = [_unit_representation(unit, request) for unit in (page if page is not None else units)]
        return self.get_paginated_response(rows) if page is not None else Response(rows)


def _unit_representation(unit: dict, request) -> dict:
    face = DeviceFaceChoices(unit["face"])
    row = {
        "id": unit["id"],
        "name": unit["name"],
        "face": {"value": face.value, "label": face.label},
        "device": None if unit["device"] is None else brief_representation(unit["device"], request),
        "occupied": unit["occupied"],
    }
    if "height" in unit:
        row["height"] = unit["height"]
    return row
