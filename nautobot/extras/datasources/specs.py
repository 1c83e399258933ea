"""Spec of Git repositories (registered by `nautobot.extras.specs`)."""

from nautobot.core.specs import ObjectSpec
from nautobot.extras.datasources.api import GitRepositorySerializerBase, GitRepositoryViewSetBase
from nautobot.extras.datasources.models import GitRepository


class GitRepositorySpec(ObjectSpec):
    model = GitRepository
    api_fields = (
        "name",
        "slug",
        "remote_url",
        "branch",
        "token",
        "username",
        "secrets_group",
        "current_head",
        "provided_contents",
        "custom_fields",
        "created",
        "last_updated",
    )
    brief_fields = ("name",)
    read_only_fields = ("current_head",)
    filter_fields = ("name", "slug", "remote_url", "branch", "username", "secrets_group")
    search_fields = ("name", "remote_url")
    extra_kwargs = {"slug": {"required": False}, "token": {"write_only": True}}
    serializer_base = GitRepositorySerializerBase
    viewset_base = GitRepositoryViewSetBase
    detail_fields = tuple(name for name in api_fields if name != "token")  # write-only: never shown
