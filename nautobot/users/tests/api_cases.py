"""Create payloads of users, groups, tokens and permissions (API contract suite)."""

from django.contrib.auth.models import Group

from nautobot.core.testing import builders as b
from nautobot.core.testing.api import register_case
from nautobot.users.models import ObjectPermission, Token, User

register_case(
    User,
    lambda: {"username": b.unique("user"), "password": "s3cret-pw", "email": "u@example.com"},
    update=lambda: {"first_name": "Changed"},
)
register_case(Group, lambda: {"name": b.unique("group")}, update=lambda: {"name": b.unique("group")})
register_case(Token, lambda: {"description": "automation", "write_enabled": False})
register_case(
    ObjectPermission,
    lambda: {
        "name": b.unique("perm"),
        "actions": ["view"],
        "object_types": ["dcim.site"],
        "constraints": {"slug": "x"},
    },
)
