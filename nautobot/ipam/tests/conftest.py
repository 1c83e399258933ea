import pytest

from nautobot.core.testing.api import TokenClient
from nautobot.users.models import Token


@pytest.fixture
def admin(django_user_model):
    user = django_user_model.objects.create_superuser("ipam-admin", "i@example.com", "pw")
    return TokenClient(Token.objects.create(user=user).key)


@pytest.fixture
def admin_13(django_user_model):
    user = django_user_model.objects.create_superuser("ipam-admin-13", "j@example.com", "pw")
    return TokenClient(Token.objects.create(user=user).key, version="1.3")
