"""Request middleware of the core: sign-in by a proxy's remote-user header, login required everywhere (with a short
list of exceptions), maintenance mode, the signed-in user's time zone and a password change an admin requires."""

import logging
import zoneinfo

from django.conf import settings
from django.contrib.auth.middleware import RemoteUserMiddleware as DjangoRemoteUserMiddleware
from django.core.exceptions import MiddlewareNotUsed
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from nautobot.core import proxies
from nautobot.core.authentication import has_local_password
from nautobot.core.maintenance import maintenance_mode
from nautobot.core.settings_funcs import remote_auth_enabled

logger = logging.getLogger("nautobot.authentication")

# Paths this middleware leaves alone: the login page (and single sign-on's start and return), health probes,
# metrics (when enabled), static and branding files are public; the REST API authenticates (sessions and tokens)
# and authorizes in its own views.
PUBLIC_PREFIXES = ("/login/", "/complete/", "/health/", "/metrics/", "/static/", "/branding/", "/api/")


class RemoteUserMiddleware(DjangoRemoteUserMiddleware):
    """Sign in the user named by the proxy's `REMOTE_AUTH_HEADER` (1.x's path), when
    `nautobot.core.authentication.RemoteUserBackend` is in AUTHENTICATION_BACKENDS; otherwise Django drops it from
    the chain at start-up (`MiddlewareNotUsed`), so it costs nothing. As 1.x, a request without the header keeps its
    session (`force_logout_if_no_header = False`). With `REMOTE_AUTH_TRUSTED_PROXIES` set, the header of a request
    from any other address is ignored (and logged)."""

    force_logout_if_no_header = False
    async_capable = False

    def __init__(self, get_response):
        if not remote_auth_enabled(settings.AUTHENTICATION_BACKENDS):
            raise MiddlewareNotUsed
        super().__init__(get_response)
        self.header = settings.REMOTE_AUTH_HEADER
        self.networks = proxies.trusted_networks()

    def process_request(self, request) -> None:
        if self.header not in request.META:
            return
        address = request.META.get("REMOTE_ADDR")
        if self.networks and not proxies.is_trusted(address, self.networks):
            logger.warning("Ignored the remote-user header of a request from %s, which is not a trusted proxy", address)
            return
        super().process_request(request)


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
            and not request.path_info.startswith(PUBLIC_PREFIXES)
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


MAINTENANCE_MESSAGE = (
    "This Nautobot installation is in maintenance mode: nothing can be changed until the maintenance is over. "
    "Reading still works."
)
# Requests that change nothing in the database although they are POSTs: logging in and out (sessions travel in
# signed cookies meanwhile, see core/sessions.py) and GraphQL, whose API has queries only.
MAINTENANCE_ALLOWED_POSTS = ("/login/", "/logout/", "/api/graphql/")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class MaintenanceModeMiddleware:
    """With `MAINTENANCE_MODE` on, refuse every write (a POST, PUT, PATCH or DELETE through the UI or the API: edits,
    deletions, imports, job runs) with 503 and `MAINTENANCE_MESSAGE`, as JSON under /api/ and as a page elsewhere.
    The setting is read on each request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            maintenance_mode()
            and request.method not in SAFE_METHODS
            and request.path_info not in MAINTENANCE_ALLOWED_POSTS
        ):
            return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def refuse(request):
        if request.path_info.startswith("/api/"):
            response = JsonResponse({"detail": MAINTENANCE_MESSAGE}, status=503)
        else:
            response = TemplateResponse(
                request, "nautobot/maintenance.html", {"message": MAINTENANCE_MESSAGE}, status=503
            ).render()
        response["Retry-After"] = "300"
        return response


# The user's time zone preference (their Preferences page), a name of the IANA database ("Europe/Paris").
TIMEZONE_PREFERENCE = "ui.timezone"


def preferred_timezone(user) -> zoneinfo.ZoneInfo | None:
    """The time zone `user` chose, or None (then `TIME_ZONE` applies)."""
    name = user.get_config(TIMEZONE_PREFERENCE) if hasattr(user, "get_config") else None
    try:
        return zoneinfo.ZoneInfo(name) if name else None
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):  # a zone removed from the database since it was chosen
        return None


class UserTimezoneMiddleware:
    """Show dates and times on pages in the signed-in user's time zone. Not under /api/: the API's times stay in
    `TIME_ZONE` for every client, whatever authenticates it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        zone = None
        if not request.path_info.startswith("/api/") and user is not None and user.is_authenticated:
            zone = preferred_timezone(user)
        if zone is None:
            return self.get_response(request)
        timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


# Paths a user who must change their password still reaches: the pages the login middleware leaves alone (the API
# and tokens are not affected), media, and logging out.
PASSWORD_CHANGE_EXEMPT_PREFIXES = (*PUBLIC_PREFIXES, "/logout/", f"/{settings.MEDIA_URL.strip('/')}/")


class PasswordChangeRequiredMiddleware:
    """Send a signed-in user whom an admin marked (`must_change_password`) to the change-password page from every
    other page, until they change it there. Not in maintenance mode, when the password cannot be saved; not a user
    without a local password (LDAP, SSO), who has none to change here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and getattr(user, "must_change_password", False)
            and not request.path_info.startswith(PASSWORD_CHANGE_EXEMPT_PREFIXES)
            and not maintenance_mode()
            and has_local_password(user)
        ):
            target = reverse("user:password")
            if request.path != target:
                query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
                return HttpResponseRedirect(f"{target}?{query}" if query else target)
        return self.get_response(request)
