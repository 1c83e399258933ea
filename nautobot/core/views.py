"""Core pages: home and health."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from nautobot.core import health


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "nautobot/home.html", {"version": __import__("nautobot").__version__})


def health_view(request: HttpRequest) -> HttpResponse:
    """Report every health check; 200 when the required ones pass, 503 otherwise.

    JSON when the client asks for it (`Accept: application/json` or `?format=json`), HTML otherwise.
    """
    results = health.run_checks()
    status = 200 if health.is_healthy(results) else 503
    if request.GET.get("format") == "json" or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(health.as_dict(results), status=status)
    return render(request, "nautobot/health.html", {"results": results, "healthy": status == 200}, status=status)


def liveness_view(request: HttpRequest) -> HttpResponse:
    """Answer 200 whenever this process can serve a request (no backing service is touched)."""
    return JsonResponse({"status": "ok"})
