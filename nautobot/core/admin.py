"""`NautobotModelAdmin`: the base of the Django admin classes 1.x apps declare in their `admin.py`.

We serve no Django admin site, so Django never imports an app's `admin.py` (admin autodiscovery belongs to
`django.contrib.admin`, which is not installed): the class exists so that such modules and their imports stay valid.
"""

from django.contrib.admin import ModelAdmin


class NautobotModelAdmin(ModelAdmin):
    """A `ModelAdmin` (1.x gives its forms Nautobot's styling; with no admin site, nothing renders them here)."""


__all__ = ["NautobotModelAdmin"]
