"""Root URL configuration: the shell pages, the generated UI of every spec, the API."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from nautobot.core.graphql.views import graphql_view
from nautobot.core.views import branding, login, pages, profile
from nautobot.core.views.media import media_view
from nautobot.core.views.metrics import metrics_view
from nautobot.core.views.urlpatterns import ui_urlpatterns

user_patterns = [
    path("profile/", profile.profile, name="profile"),
    path("api-tokens/", profile.tokens, name="tokens"),
    path("api-tokens/<uuid:pk>/revoke/", profile.token_revoke, name="token_revoke"),
    path("password/", profile.password, name="password"),
    path("preferences/", profile.preferences, name="preferences"),
    path("preferences/theme/", profile.preferences_theme, name="preferences_theme"),
    path("sessions/", profile.sessions, name="sessions"),
    path("sessions/<uuid:pk>/revoke/", profile.session_revoke, name="session_revoke"),
    path("sessions/revoke-others/", profile.sessions_revoke_all_others, name="sessions_revoke_others"),
]

urlpatterns = [
    path("", pages.home, name="home"),
    path("search/", pages.search, name="search"),
    path("login/", login.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="login"), name="logout"),
    # Single sign-on, as 1.x: /login/<backend>/ starts it (POST), /complete/<backend>/ is where the provider sends
    # users back.
    path("login/<str:backend>/", login.sso_begin, name="sso_begin"),
    path("", include("social_django.urls", namespace="social")),
    path("user/", include((user_patterns, "user"))),
    path("branding/<str:name>", branding.branding_file, name="branding_file"),
    path("health/", pages.health_view, name="health"),
    path("health/live/", pages.liveness_view, name="health_live"),
    # GraphQL sits above the REST API (its view uses the API's authentication): routed here, under /api/.
    path("api/graphql/", graphql_view, name="api-graphql"),
    path("api/", include("nautobot.core.api.urls")),
    path("plugins/", include("nautobot.core.plugins.urls")),
    # Django's admin (active superusers only): users, groups, API tokens, object permissions, runtime settings ("Config").
    path("admin/", admin.site.urls),
    *ui_urlpatterns(),
]
urlpatterns.insert(0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media_view, name="media"))
if settings.METRICS_ENABLED:
    urlpatterns.insert(0, path("metrics/", metrics_view, name="metrics"))

handler500 = "nautobot.core.views.errors.server_error"
