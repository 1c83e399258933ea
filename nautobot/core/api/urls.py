"""`/api/`: root, status, schema, one include per app, and JSON 404s for everything else."""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import include, path, re_path, reverse
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from nautobot.core.api.lookups import LookupChoicesView, LookupValueDomElementView
from nautobot.core.api.routers import api_app_labels, app_urlpatterns
from nautobot.core.api.views import APIRootView, StatusView

_swagger_ui = SpectacularSwaggerView.as_view(url_name="schema_json")


def not_found(request, *args, **kwargs):
    return JsonResponse({"detail": "Not found."}, status=404)


def docs(request, *args, **kwargs):
    """Swagger UI; `?format=openapi` is a permanent redirect to the JSON schema, as in the original."""
    if request.GET.get("format") == "openapi":
        return HttpResponsePermanentRedirect(reverse("schema_json"))
    return _swagger_ui(request, *args, **kwargs)


# `/api/`'s links: every app with API routes (its own root), GraphQL, the plugins' root and the status, by name.
root_routes = tuple(
    sorted(
        [
            *((label, f"{label}-api:api-root") for label in api_app_labels()),
            ("graphql", "api-graphql"),
            ("plugins", "plugins-api:api-root"),
            ("status", "api-status"),
        ]
    )
)

urlpatterns = [
    path("", APIRootView.as_view(routes=root_routes), name="api-root"),
    path("status/", StatusView.as_view(), name="api-status"),
    path("swagger.json", SpectacularAPIView.as_view(), {"format": "json"}, name="schema_json"),
    path("swagger.yaml", SpectacularAPIView.as_view(), {"format": "yaml"}, name="schema_yaml"),
    path("swagger/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs, name="api_docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="schema_json"), name="api_redocs"),
    path("plugins/", include("nautobot.core.plugins.api_urls")),
    # The filter form helpers of 1.5+ (names as 1.6's).
    path(
        "core/filterset-fields/lookup-choices/",
        LookupChoicesView.as_view(),
        name="filtersetfield-list-lookupchoices",
    ),
    path(
        "core/filterset-fields/lookup-value-dom-element/",
        LookupValueDomElementView.as_view(),
        name="filtersetfield-retrieve-lookupvaluedomelement",
    ),
    *app_urlpatterns(),
    re_path(r"^.*$", not_found),
]
