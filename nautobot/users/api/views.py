"""Token API: each user sees and manages only their own tokens; HTTP basic auth allowed for provisioning."""

from rest_framework.authentication import BasicAuthentication, SessionAuthentication

from nautobot.core.api.views import ModelViewSet
from nautobot.users.authentication import TokenAuthentication


class TokenViewSetBase(ModelViewSet):
    authentication_classes = [SessionAuthentication, BasicAuthentication, TokenAuthentication]

    def get_queryset(self):
        return super().get_queryset().filter(user=self.request.user)
