"""The plugin's job: found by Nautobot's job registry as `plugins/example_plugin.jobs/WidgetCensus`."""

from nautobot.extras.jobs import IntegerVar, Job, StringVar

name = "Example plugin"


class WidgetCensus(Job):
    """Add a widget, then report how many there are."""

    widget_name = StringVar(description="Name of the widget to add")
    size = IntegerVar(min_value=0, default=0)

    class Meta:
        name = "Widget census"
        description = "Adds a widget and counts them all"

    def run(self, data, commit):
        from example_plugin.models import Widget

        Widget.objects.create(name=data["widget_name"], size=data["size"])
        count = Widget.objects.count()
        self.log_success(message=f"{count} widget(s)")
        return f"{count} widgets"


jobs = [WidgetCensus]
