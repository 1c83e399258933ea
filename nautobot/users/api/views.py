"""Token API: each user sees and manages only their own tokens; HTTP basic auth allowed for provisioning."""

from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from nautobot.core.api.permissions import IsAuthenticated
from nautobot.core.api.views import NautobotAPIMixin

from nautobot.core.api.views import ModelViewSet
from nautobot.users.authentication import BasicAuthentication, TokenAuthentication


class TokenViewSetBase(ModelViewSet):
    authentication_classes = [SessionAuthentication, BasicAuthentication, TokenAuthentication]

    def get_queryset(self):
        return super().get_queryset().filter(user=self.request.user)


class UserConfigView(NautobotAPIMixin, APIView):
    """`GET /api/users/config/`: the requesting user's saved preferences (`config_data`)."""

    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response(request.user.config_data)
