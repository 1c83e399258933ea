"""DCIM pages of the web UI beyond the generated ones: cable traces, a component's connection, rack elevations."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html

from nautobot.core.specs import spec_for
from nautobot.core.views.display import linked
from nautobot.core.registry import Panel, registry
from nautobot.core.views.permissions import allowed, require
from nautobot.core.views.routes import register_page
from nautobot.dcim.cable_ends import cable_end_models, cable_end
from nautobot.dcim.cabling import trace_segments


def cable_trace(request, pk, model):
    """`<component>/<pk>/trace/`: the path from a port to where it ends, one (near end, cable, far end) per row."""
    require(request.user, model, "view")
    origin = get_object_or_404(allowed(model.objects.all(), request.user, "view"), pk=pk)
    segments = trace_segments(origin)
    context = {"object": origin, "segments": segments, "destination": segments[-1][2] if segments else None}
    return render(request, "dcim/cable_trace.html", context)


def trace_url(obj) -> str | None:
    spec = spec_for(type(obj))
    try:
        return reverse(f"{spec.app_label()}:{spec.route_name()}_trace", kwargs={"pk": obj.pk})
    except Exception:
        return None


def connection_panel(obj, request) -> dict | None:
    """Cable, far end and (for path endpoints) where the path ends, with a link to the trace."""
    try:
        end = cable_end(obj)
    except LookupError:
        return None
    cable = getattr(obj, "cable", None)
    rows = [("Cable", linked(cable))]
    if cable is not None:
        peer = cable.termination_b if cable.termination_a_id == obj.pk else cable.termination_a
        rows.append(
            (
                "Far end",
                format_html("{} {}", linked(getattr(peer, "device", None)), linked(peer)) if peer else linked(None),
            )
        )
    if end.is_path_endpoint:
        path = obj._path if getattr(obj, "_path_id", None) else None
        destination = path.destination if path is not None else None
        rows.append(
            ("Connected to", format_html("{} {}", linked(getattr(destination, "device", None)), linked(destination)))
        )
        url = trace_url(obj)
        if url:
            rows.append(("Trace", format_html('<a href="{}" id="trace-link">Trace the cable path</a>', url)))
    return {"title": "Connection", "rows": rows}


def elevation_panel(obj, request) -> dict | None:
    """The rack's front and rear, drawn by the API's SVG elevation (devices link to their pages)."""
    if type(obj).__name__ != "Rack" or type(obj)._meta.app_label != "dcim":
        return None
    url = reverse("dcim-api:rack-elevation", kwargs={"pk": obj.pk})
    html = format_html(
        '<div class="d-flex flex-wrap gap-3 rack-elevations">'
        '<object type="image/svg+xml" data="{}?face=front&render=svg" aria-label="Front"></object>'
        '<object type="image/svg+xml" data="{}?face=rear&render=svg" aria-label="Rear"></object></div>',
        url,
        url,
    )
    return {"title": "Elevation", "html": html}


def register_dcim_pages() -> None:
    """Called from `DCIMConfig.ready()`, after the cable ends are registered."""
    for model in cable_end_models():
        if cable_end(model).is_path_endpoint and model._meta.app_label == "dcim":
            spec = spec_for(model)
            register_page(
                "dcim",
                f"{spec.url_endpoint()}/<uuid:pk>/trace/",
                cable_trace,
                f"{spec.route_name()}_trace",
                kwargs={"model": model},
            )
    registry.detail_panels.register(Panel(connection_panel))
    registry.detail_panels.register(Panel(elevation_panel))
