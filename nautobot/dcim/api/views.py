"""Hand-written viewset bases for DCIM: the `trace` action of path endpoints, `paths` of front/rear ports.

Named by the specs (`viewset_base`); the generated viewsets add the CRUD and the routes.
"""

from rest_framework.decorators import action
from rest_framework.response import Response

from nautobot.core.api.views import ModelViewSet
from nautobot.dcim.api.representations import cable_paths_representation, trace_representation
from nautobot.dcim.cabling import paths_through


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
