"""The Django admin at /admin/ (active superusers only), and `NautobotModelAdmin`, the base of the admin classes
1.x apps declare in their `admin.py`.

Superusers only: Django's admin asks for model permissions without an object, which an object permission grant
answers for any object whatever its constraints (`nautobot.core.authentication`), so a staff user with a grant
limited to some users or tokens would reach them all there. Everyone else manages what they may in the web UI and
the API, which apply the constraints.

Django's admin discovers every installed app's `admin.py` (this module, `nautobot.users.admin` for users, groups,
API tokens and object permissions, and each 1.x app's), whose `admin.site.register(...)` calls add pages to it.
The "Config" page (django-constance, as 1.x) edits the runtime settings (`nautobot.core.runtime_settings`); a
setting defined in nautobot_config.py wins over an edited value, and the page says so next to it.
"""

from constance.admin import Config, ConstanceAdmin
from django.contrib import admin
from django.contrib.admin import ModelAdmin

from nautobot.core.runtime_settings import overridden

admin.site.site_header = "Nautobot Administration"
admin.site.site_title = "Nautobot"
admin.site.index_title = "Administration"
admin.site.site_url = "/"


def _superusers_only(request) -> bool:
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only


class NautobotModelAdmin(ModelAdmin):
    """A `ModelAdmin` for apps' models (1.x gives its forms Nautobot's widgets; Django's own are used here)."""


class ConfigAdmin(ConstanceAdmin):
    """Constance's "Config" page; a setting that nautobot_config.py (or its variable) defines is marked there."""

    def get_config_value(self, name, options, form, initial):
        value = super().get_config_value(name, options, form, initial)
        defined, setting = overridden(name)
        if defined:
            value["help_text"] = (
                f"{value['help_text']} Defined in nautobot_config.py (or NAUTOBOT_{name}) as {setting!r}, which "
                "applies: a value saved here takes effect only once that definition is removed."
            )
        return value


admin.site.unregister([Config])  # constance's own registration, replaced by ours
admin.site.register([Config], ConfigAdmin)

__all__ = ["ConfigAdmin", "NautobotModelAdmin"]
