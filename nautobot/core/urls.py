"""Root URL configuration."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from nautobot.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="nautobot/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="/login/"), name="logout"),
    path("health/", views.health_view, name="health"),
    path("health/live/", views.liveness_view, name="health_live"),
    path("api/", include("nautobot.core.api.urls")),
    path("plugins/", include("nautobot.extras.plugins.urls")),
]
