"""The whole site plus the 1.x-style app of `app_1x_ui` under `/app-1x/` (namespace `app_1x`)."""

from django.urls import include, path

from nautobot.core.tests import app_1x_ui
from nautobot.core.urls import urlpatterns as site

urlpatterns = [path("app-1x/", include((app_1x_ui.urlpatterns, "app_1x"))), *site]
