from nautobot.extras.plugins import PluginTemplateExtension


class SiteWidgets(PluginTemplateExtension):
    """A panel on each site's page with the number of its widgets."""

    model = "dcim.site"

    def right_page(self) -> str:
        count = self.context["object"].example_widgets.count()
        return f'<div class="panel"><h3>Widgets</h3><p>{count} widget(s)</p></div>'


template_extensions = [SiteWidgets]
