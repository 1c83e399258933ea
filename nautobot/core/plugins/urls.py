"""`/plugins/<base_url>/`: each plugin's UI pages (the generated pages of its specs, the pages it registered and
its `urls.urlpatterns`), in the namespace `plugins:<app label>`."""

from django.urls import include, path

from nautobot.core.views.urlpatterns import app_ui_patterns
from nautobot.core.plugins import module_urlpatterns, plugin_configs

app_name = "plugins"
urlpatterns = [
    path(
        f"{config.url_segment()}/",
        include(([*app_ui_patterns(config.label), *module_urlpatterns(config.name, "urls")], config.label)),
    )
    for config in plugin_configs()
    if app_ui_patterns(config.label) or module_urlpatterns(config.name, "urls")
]
