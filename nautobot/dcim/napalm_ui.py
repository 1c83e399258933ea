"""The device page's NAPALM tabs, as 1.x's: **Status** (`get_facts`, `get_environment`), **LLDP neighbors**
(`get_lldp_neighbors_detail`, beside the device's own interfaces) and **Configuration** (`get_config`). Each reads
the device live through `nautobot.dcim.napalm` (the code behind `/api/dcim/devices/<id>/napalm/`) and needs the
`dcim.napalm_read_device` permission besides viewing the device; what stops it is said on the tab, not raised."""

from django.shortcuts import get_object_or_404, render

from nautobot.core.views.objects import tab_context
from nautobot.core.views.permissions import allowed, require
from nautobot.core.views.routes import register_detail_tab
from nautobot.dcim.napalm import PERMISSION, NapalmUnavailable, device_napalm_read

TABS = {
    # suffix: (label, methods)
    "status": ("Status", ("get_facts", "get_environment")),
    "lldp_neighbors": ("LLDP Neighbors", ("get_lldp_neighbors_detail",)),
    "config": ("Configuration", ("get_config",)),
}


def _tab(suffix: str):
    def view(request, pk, spec):
        require(request.user, spec.model, "view")
        device = get_object_or_404(allowed(spec.model.objects.select_related("platform"), request.user, "view"), pk=pk)
        results, problem = {}, None
        if not request.user.has_perm(PERMISSION):
            problem = "You do not have permission to read this device through NAPALM (dcim.napalm_read_device)."
        else:
            try:
                results = device_napalm_read(device, TABS[suffix][1])
            except NapalmUnavailable as exc:
                problem = str(exc)
        errors = [f"{m}: {r['error']}" for m, r in results.items() if isinstance(r, dict) and "error" in r]
        context = tab_context(
            request,
            spec,
            device,
            napalm_tab=suffix,
            problem=problem,
            errors=errors,
            results={m: r for m, r in results.items() if not (isinstance(r, dict) and "error" in r)},
            lldp_rows=_lldp_rows(device, results.get("get_lldp_neighbors_detail"))
            if suffix == "lldp_neighbors"
            else [],
        )
        return render(request, "dcim/device_napalm_tab.html", context)

    view.__name__ = f"device_napalm_{suffix}"
    return view


def _lldp_rows(device, neighbors) -> list[dict]:
    """One row per interface of the device (with its cabled peer) and per LLDP neighbor seen on it; neighbors seen
    on a port the device does not have get a row of their own."""
    neighbors = neighbors if isinstance(neighbors, dict) else {}
    rows = []
    for interface in device.interfaces.select_related("_path").order_by("_name"):
        peer = interface.connected_endpoint
        seen = neighbors.get(interface.name) or [{}]
        rows.extend({"name": interface.name, "peer": peer, "neighbor": n} for n in seen)
    known = {row["name"] for row in rows}
    for name, seen in neighbors.items():
        if name not in known:
            rows.extend({"name": name, "peer": None, "neighbor": n} for n in seen or [{}])
    return rows


def register_napalm_tabs() -> None:
    for suffix, (label, _methods) in TABS.items():
        register_detail_tab(label, suffix, _tab(suffix), models=("dcim.device",))
