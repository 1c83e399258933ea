"""`/plugins/example-plugin/`: the plugin's UI page (login required, like every page)."""

from django.shortcuts import render
from django.urls import path

from example_plugin.models import Widget
from nautobot.core.permissions import restrict


def widgets(request):
    rows = restrict(Widget.objects.select_related("site"), request.user, "view")
    return render(request, "example_plugin/widgets.html", {"widgets": rows})


urlpatterns = [path("summary/", widgets, name="summary")]
