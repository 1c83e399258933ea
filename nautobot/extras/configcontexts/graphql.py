"""The `config_context` GraphQL field that devices and virtual machines declare in their spec (`graphql_fields`)."""

from graphene.types.generic import GenericScalar

from nautobot.extras.configcontexts.rendered import ContextIndex, rendered_config_contexts

INDEX_ATTRIBUTE = "_nautobot_config_context_index"


def _resolve_config_context(root, info) -> dict:
    """The rendered config context; the active contexts and their scopes are read once per request."""
    index = getattr(info.context, INDEX_ATTRIBUTE, None)
    if index is None:
        index = ContextIndex()
        setattr(info.context, INDEX_ATTRIBUTE, index)
    return rendered_config_contexts([root], index)[root.pk]


def config_context_fields() -> dict:
    """`config_context` for devices and virtual machines (as the original's GraphQL)."""
    return {"config_context": GenericScalar(resolver=_resolve_config_context, description="Rendered config context")}
