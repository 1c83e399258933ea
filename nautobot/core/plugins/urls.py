"""`/plugins/<base_url>/`: each plugin's UI pages (its `urls.urlpatterns`, the generated pages of its specs whose
URL names it does not route itself, and the pages it registered), in the namespace `plugins:<app label>`.
A plugin's own routes come first: a 1.x app's `NautobotUIViewSetRouter` pages answer its models' URLs.
Any page may be answered by another plugin's `override_views`."""

from django.urls import include, path

from nautobot.core.plugins import module_urlpatterns, plugin_configs
from nautobot.core.plugins.views import installed_plugins
from nautobot.core.views.urlpatterns import app_ui_patterns, overridden


def _patterns(config) -> list:
    own = module_urlpatterns(config.name, "urls")
    names = {getattr(pattern, "name", None) for pattern in own} - {None}
    generated = [p for p in app_ui_patterns(config.label) if getattr(p, "name", None) not in names]
    return overridden(f"plugins:{config.label}", [*own, *generated])


app_name = "plugins"
urlpatterns = [
    path("installed-plugins/", installed_plugins, name="plugins_list"),
    *(
        path(f"{config.url_segment()}/", include((patterns, config.label)))
        for config in plugin_configs()
        if (patterns := _patterns(config))
    ),
]
