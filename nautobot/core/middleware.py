"""Request middleware of the core: login required everywhere, with a short list of exceptions."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

# Paths this middleware leaves alone: the login page, health probes, metrics (when enabled) and static files are
# public; the REST API authenticates (sessions and tokens) and authorizes in its own views.
PUBLIC_PREFIXES = ("/login/", "/health/", "/metrics/", "/static/", "/api/")


class LoginRequiredMiddleware:
    """Send anonymous users to the login page (HTML) or answer 403 (API) when `LOGIN_REQUIRED` is on.

    With `EXEMPT_VIEW_PERMISSIONS` set (1.x: models anyone may view), an anonymous page read goes to its view,
    which shows an exempt model; any page it may not see sends it to the login page as before.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.LOGIN_REQUIRED
            and not request.user.is_authenticated
            and not request.path.startswith(PUBLIC_PREFIXES)
        ):
            if not (getattr(settings, "EXEMPT_VIEW_PERMISSIONS", None) and request.method in ("GET", "HEAD")):
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            response = self.get_response(request)
            if response.status_code == 403:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            return response
        return self.get_response(request)


class QueryCountHeaderMiddleware:
    """With `QUERY_COUNT_HEADER` on, answer each request with `X-Query-Count: <SQL queries it ran>` (for benchmarks)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = bool(getattr(settings, "QUERY_COUNT_HEADER", False))

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        from django.db import connection

        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response
