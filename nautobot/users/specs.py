"""Specs of users, groups, tokens and object permissions."""

from django.contrib.auth.models import Group

from nautobot.core.specs import ObjectSpec, register_spec
from nautobot.users.api.serializers import TokenSerializerBase, UserSerializerBase
from nautobot.users.api.views import TokenViewSetBase
from nautobot.users.models import ObjectPermission, Token, User


@register_spec
class UserSpec(ObjectSpec):
    model = User
    api_fields = (
        "username",
        "password",
        "first_name",
        "last_name",
        "email",
        "is_staff",
        "is_active",
        "date_joined",
        "groups",
    )
    brief_fields = ("username",)
    filter_fields = ("username", "first_name", "last_name", "email", "is_staff", "is_active", "groups")
    search_fields = ("username", "first_name", "last_name", "email")
    extra_kwargs = {"password": {"write_only": True, "required": False}}
    serializer_base = UserSerializerBase


@register_spec
class GroupSpec(ObjectSpec):
    model = Group
    api_app = "users"
    api_fields = ("name", "user_count")
    brief_fields = ("name",)
    counts = {"user_count": "user"}
    filter_fields = ("name",)
    search_fields = ("name",)


@register_spec
class TokenSpec(ObjectSpec):
    model = Token
    api_fields = ("created", "expires", "key", "write_enabled", "description")
    brief_fields = ("key", "write_enabled")
    filter_fields = ("key", "write_enabled", "expires", "created", "description")
    search_fields = ("description",)
    extra_kwargs = {"key": {"required": False}}
    serializer_base = TokenSerializerBase
    extra_select_related = ("user",)
    viewset_base = TokenViewSetBase
    ui_views = ()  # each user manages their own tokens on their profile (/user/api-tokens/)


@register_spec
class ObjectPermissionSpec(ObjectSpec):
    model = ObjectPermission
    endpoint = "permissions"
    api_fields = ("name", "description", "enabled", "object_types", "groups", "users", "actions", "constraints")
    brief_fields = ("name", "enabled", "actions")
    filter_fields = (
        "name",
        "description",
        "enabled",
        "groups",
        "users",
        "object_types",
        ("group", "groups"),
        ("user", "users"),
    )
    search_fields = ("name", "description")
