"""Django admin pages of the app, declared as a 1.x app declares them."""

from django.contrib import admin

from nautobot.apps.admin import NautobotModelAdmin

from example_app_1x.models import ExchangeRole


@admin.register(ExchangeRole)
class ExchangeRoleAdmin(NautobotModelAdmin):
    list_display = ("name", "slug")
