"""IPAM pages of the web UI beyond the generated ones: utilization, the prefix hierarchy and free space.

A prefix's page shows its utilization and parents; its "Prefixes" tab the child prefixes as an indented
tree with the free ranges between them as "Available" rows (each links to the add form, pre-filled), its
"IP addresses" tab the addresses with the free ranges between them. An aggregate's page does the same for
the prefixes inside it. Everything comes from `ipam.selectors` (the code the API's allocation uses), on
rows loaded once per page: a page costs the same queries for 3 children or 3,000.
"""

from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html, format_html_join

from nautobot.core.specs import spec_for
from nautobot.core.views.display import linked
from nautobot.core.registry import Panel, registry
from nautobot.core.views.objects import tab_context
from nautobot.core.views.permissions import allowed, require
from nautobot.core.views.routes import register_detail_tab
from nautobot.core.views.urls import spec_url
from nautobot.ipam import selectors
from nautobot.ipam.models import Aggregate, IPAddress, Prefix

PREFIX_RELATED = ("status", "vrf", "site", "location", "tenant", "vlan", "role")
ADDRESS_RELATED = ("status", "vrf", "tenant", "interface__device", "vminterface__virtual_machine")


def utilization_bar(utilization: selectors.Utilization) -> str:
    """A progress bar with the percentage and the counts (green, then amber from 75 %, red from 90 %)."""
    percent = utilization.percent
    color = "danger" if percent >= 90 else "warning" if percent >= 75 else "success"
    return format_html(
        '<div class="d-flex align-items-center gap-2 utilization">'
        '<div class="progress flex-grow-1" role="progressbar" aria-valuenow="{}" aria-valuemin="0" aria-valuemax="100"'
        ' style="min-width:8rem"><div class="progress-bar bg-{}" style="width:{}%"></div></div>'
        '<span class="utilization-percent">{}%</span><small class="text-body-secondary">({} / {})</small></div>',
        round(percent),
        color,
        f"{percent:.2f}",
        f"{percent:.1f}".removesuffix(".0"),
        f"{utilization.numerator:,}",
        f"{utilization.denominator:,}",
    )


def ipam_panel(obj, request) -> dict | None:
    """The utilization of a prefix (and its parents) or of an aggregate, on its Details tab."""
    if isinstance(obj, Prefix):
        parents = list(allowed(selectors.prefix_parents(obj), request.user, "view").select_related("vrf"))
        rows = [
            ("Utilization", utilization_bar(selectors.prefix_utilization(obj))),
            (
                "Parent prefixes",
                format_html_join(" › ", "{}", ((linked(p),) for p in parents)) or linked(None),
            ),
        ]
        return {
            "title": "Utilization" if not selectors.is_container(obj) else "Utilization (child prefixes)",
            "rows": rows,
        }
    if isinstance(obj, Aggregate):
        return {
            "title": "Utilization",
            "rows": [("Utilization", utilization_bar(selectors.aggregate_utilization(obj)))],
        }
    return None


def _add_url(model, request, **values) -> str | None:
    """The add form of `model`, pre-filled with `values` (None when the user may not add)."""
    spec = spec_for(model)
    url = spec_url(spec, "add")
    if url is None or not request.user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}"):
        return None
    return f"{url}?{urlencode({k: v for k, v in values.items() if v not in (None, '')})}"


def _contains(outer: Prefix, inner: Prefix) -> bool:
    """`inner` is a child of `outer` in the hierarchy: inside it and in its VRF (or `outer` is a global container)."""
    return outer.prefix_length < inner.prefix_length and (
        outer.vrf_id == inner.vrf_id or (outer.vrf_id is None and selectors.is_container(outer))
    )


def prefix_tree(children: list[Prefix], free, request, parent=None) -> list[dict]:
    """Rows of the hierarchy: each child with its depth below the page's object, and each free block of `free`
    (an IPSet) as an "Available" row in address order, linking to a pre-filled prefix add form."""
    rows, stack = [], []
    for child in children:
        network = child.prefix
        while stack and not (stack[-1].network <= child.network and child.broadcast <= stack[-1].broadcast):
            stack.pop()
        depth = sum(1 for outer in stack if _contains(outer, child))
        stack.append(child)
        rows.append({"object": child, "depth": depth, "key": (network.first, network.prefixlen, 0)})
    defaults = {}
    if parent is not None:
        defaults = {
            "vrf": parent.vrf_id,
            "site": parent.site_id,
            "location": parent.location_id,
            "tenant": parent.tenant_id,
        }
    for block in free.iter_cidrs():
        rows.append(
            {
                "available": block,
                "depth": 0,
                "key": (block.first, block.prefixlen, 1),
                "add_url": _add_url(Prefix, request, prefix=str(block), **defaults),
            }
        )
    rows.sort(key=lambda row: row["key"])
    for row in rows:
        row["indent"] = f"{0.5 + 1.5 * row['depth']:.1f}"
    return rows


def address_rows(prefix: Prefix, addresses: list[IPAddress], free, request) -> list[dict]:
    """The addresses of `prefix` and, between them, each free range of `free` with its size and an add link."""
    rows = [{"object": a, "key": (int(a.host), 0)} for a in addresses]
    for block in free.iter_ipranges():
        first = block[0]
        rows.append(
            {
                "available": block,
                "first": first,
                "size": block.size,
                "key": (block.first, 1),
                "add_url": _add_url(
                    IPAddress,
                    request,
                    address=f"{first}/{prefix.prefix_length}",
                    vrf=prefix.vrf_id,
                    tenant=prefix.tenant_id,
                ),
            }
        )
    rows.sort(key=lambda row: row["key"])
    return rows


def _show_available(request) -> bool:
    return request.GET.get("show_available", "true").lower() not in ("false", "0", "no")


def prefixes_tab(request, pk, spec):
    """A prefix's (or an aggregate's) child prefixes as a tree, with the free blocks between them."""
    import netaddr

    model = spec.model
    require(request.user, model, "view")
    obj = get_object_or_404(allowed(model.objects.all(), request.user, "view"), pk=pk)
    require(request.user, Prefix, "view")
    is_prefix = model is Prefix
    children_qs = selectors.prefix_children(obj) if is_prefix else selectors.aggregate_prefixes(obj)
    children = list(
        allowed(children_qs, request.user, "view")
        .select_related(*PREFIX_RELATED)
        .order_by("ip_version", "network", "prefix_length", "vrf__name")
    )
    show = _show_available(request)
    free = netaddr.IPSet()
    if show:  # from every child, those the user may not see included: they are not free
        free = selectors.available_prefixes(obj) if is_prefix else selectors.aggregate_available_prefixes(obj)
    context = tab_context(
        request,
        spec,
        obj,
        rows=prefix_tree(children, free, request, parent=obj if is_prefix else None),
        show_available=show,
        child_count=len(children),
        add_url=_add_url(Prefix, request, vrf=obj.vrf_id if is_prefix else None),
    )
    return render(request, "ipam/prefix_tree.html", context)


def addresses_tab(request, pk, spec):
    """A prefix's IP addresses in address order, with the free ranges between them."""
    import netaddr

    require(request.user, Prefix, "view")
    prefix = get_object_or_404(allowed(Prefix.objects.select_related("status"), request.user, "view"), pk=pk)
    require(request.user, IPAddress, "view")
    addresses = list(
        allowed(selectors.prefix_ip_addresses(prefix), request.user, "view")
        .select_related(*ADDRESS_RELATED)
        .order_by("host", "prefix_length")
    )
    show = _show_available(request)
    free = selectors.available_ips(prefix) if show else netaddr.IPSet()
    context = tab_context(
        request,
        spec,
        prefix,
        rows=address_rows(prefix, addresses, free, request),
        show_available=show,
        address_count=len(addresses),
    )
    return render(request, "ipam/prefix_addresses.html", context)


def register_ipam_pages() -> None:
    """Called from `IPAMConfig.ready()`."""
    register_detail_tab("Prefixes", "prefixes", prefixes_tab, models=("ipam.prefix", "ipam.aggregate"), first=True)
    register_detail_tab("IP addresses", "ip-addresses", addresses_tab, models=("ipam.prefix",), first=True)
    registry.detail_panels.register(Panel(ipam_panel))
