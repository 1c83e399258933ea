"""`/plugins/<base_url>/`: each plugin's UI pages (its `urls.urlpatterns`), in the namespace `plugins:<app label>`."""

from django.urls import include, path

from nautobot.extras.plugins import plugin_configs

app_name = "plugins"
urlpatterns = [
    path(f"{config.url_segment()}/", include((config.module_urlpatterns("urls"), config.label)))
    for config in plugin_configs()
    if config.module_urlpatterns("urls")
]
