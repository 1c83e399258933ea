"""`/api/plugins/example-plugin/greeting/`: a plugin's own API view beside its model endpoints."""

from django.conf import settings
from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from nautobot.core.api.permissions import IsAuthenticated


class GreetingView(APIView):
    permission_classes = (IsAuthenticated,)

    def get(self, request):
        return Response({"greeting": settings.PLUGINS_CONFIG["example_plugin"]["greeting"]})


urlpatterns = [path("greeting/", GreetingView.as_view(), name="greeting")]
