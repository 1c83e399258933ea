"""Core pages: home (object counts and recent changes), global search, health."""

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from nautobot.core import health
from nautobot.core.filters import filterset_for
from nautobot.core.registry import registry
from nautobot.core.specs import all_specs
from nautobot.core.views.routes import _group_of
from nautobot.core.views.urls import object_url, spec_url
from nautobot.core.permissions import permission_name, restrict

SEARCH_RESULTS_PER_MODEL = 5


def _visible_specs(user) -> list:
    return [
        s
        for s in all_specs()
        if "list" in s.ui_views and _group_of(s) and user.has_perm(permission_name(s.model, "view"))
    ]


def count_all(querysets: list) -> list[int]:
    """The row counts of `querysets`, in one `UNION ALL` query per database instead of one `COUNT` each.

    Each queryset keeps its own conditions (object permissions, `DISTINCT`): it is counted as a derived
    table. A queryset that can match nothing (`.none()`) costs no SQL.
    """
    counts = [0] * len(querysets)
    parts_by_db: dict[str, list] = {}
    for index, queryset in enumerate(querysets):
        try:
            sql, params = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            continue
        parts_by_db.setdefault(queryset.db, []).append((index, sql, params))
    for alias, parts in parts_by_db.items():
        union = " UNION ALL ".join(f"SELECT {index}, COUNT(*) FROM ({sql}) counted_{index}" for index, sql, _ in parts)
        with connections[alias].cursor() as cursor:
            cursor.execute(union, [p for _, _, params in parts for p in params])
            for index, count in cursor.fetchall():
                counts[index] = count
    return counts


def home(request: HttpRequest) -> HttpResponse:
    """Counts of the objects the user may see, per menu group (one query: `count_all`); panels that apps add."""
    groups: dict[str, list] = {}
    specs = _visible_specs(request.user)
    counts = count_all([restrict(spec.model.objects.all(), request.user, "view") for spec in specs])
    for spec, count in zip(specs, counts, strict=True):
        groups.setdefault(_group_of(spec), []).append(
            {"label": spec.model._meta.verbose_name_plural, "count": count, "url": spec_url(spec)}
        )
    panels = [p for p in (panel.render(request) for panel in registry.home_panels) if p]
    context = {"version": __import__("nautobot").__version__, "groups": sorted(groups.items()), "panels": panels}
    return render(request, "nautobot/home.html", context)


def search(request: HttpRequest) -> HttpResponse:
    """`?q=`: the first matches of every model the user may see, by its filterset's `q` (the spec's `search_fields`)."""
    query = request.GET.get("q", "").strip()
    results = []
    if query:
        for spec in _visible_specs(request.user):
            visible = restrict(spec.model.objects.all(), request.user, "view")
            filterset = filterset_for(spec.model)({"q": query}, queryset=visible)
            if not filterset.is_valid():
                continue
            matches = filterset.qs
            found = list(matches[: SEARCH_RESULTS_PER_MODEL + 1])
            if found:
                results.append(
                    {
                        "label": spec.model._meta.verbose_name_plural,
                        "objects": [(obj, object_url(obj)) for obj in found[:SEARCH_RESULTS_PER_MODEL]],
                        "more": len(found) > SEARCH_RESULTS_PER_MODEL,
                        "url": f"{spec_url(spec)}?q={query}",
                    }
                )
    return render(request, "nautobot/search.html", {"query": query, "results": results})


def health_view(request: HttpRequest) -> HttpResponse:
    """Report every health check; 200 when the required ones pass, 500 otherwise (as the original's).

    JSON when the client asks for it (`Accept: application/json` or `?format=json`), HTML otherwise.
    """
    results = health.run_checks()
    status = 200 if health.is_healthy(results) else 500
    if request.GET.get("format") == "json" or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(health.as_dict(results), status=status)
    return render(request, "nautobot/health.html", {"results": results, "healthy": status == 200}, status=status)


def liveness_view(request: HttpRequest) -> HttpResponse:
    """Answer 200 whenever this process can serve a request (no backing service is touched)."""
    return JsonResponse({"status": "ok"})
