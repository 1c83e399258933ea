"""The user's preferences (`config_data`) through the 1.x API apps call: get, set, clear and all_config."""

import pytest

from nautobot.users.models import User

pytestmark = pytest.mark.django_db


def test_preferences_are_read_and_written_by_dotted_path():
    user = User.objects.create_user("prefs")
    assert user.get_config("nautobot_bgp_models.extraattributes.format", "json") == "json"
    user.set_config("nautobot_bgp_models.extraattributes.format", "yaml", commit=True)
    user.set_config("pagination.per_page", 50)
    user.save()
    user = User.objects.get(pk=user.pk)
    assert user.get_config("nautobot_bgp_models.extraattributes.format") == "yaml"
    assert user.get_config("pagination") == {"per_page": 50}
    assert user.all_config() == {"nautobot_bgp_models.extraattributes.format": "yaml", "pagination.per_page": 50}
    assert user.get_config("pagination.per_page.nope") is None

    with pytest.raises(TypeError):
        user.set_config("pagination.per_page.nope", 1)  # a value cannot hold keys
    with pytest.raises(TypeError):
        user.set_config("pagination", 10)  # a group of preferences is not replaced by one value

    user.clear_config("pagination.per_page", commit=True)
    user.clear_config("not.set.at.all")
    assert User.objects.get(pk=user.pk).get_config("pagination") == {}
