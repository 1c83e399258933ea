"""Register config contexts with the core: how objects match scopes, `config_context` in the REST API and the
"Config context" tab."""

from nautobot.core.registry import ExtraField, ViewsetMixin, registry
from nautobot.extras.configcontexts.api import CONFIG_CONTEXT, config_context_builder, config_context_viewset_mixin
from nautobot.extras.configcontexts.rendered import register_scope_readers
from nautobot.extras.configcontexts.ui import register_config_context_tab


def register() -> None:
    register_scope_readers()
    registry.extra_fields.register(ExtraField(CONFIG_CONTEXT, config_context_builder))
    registry.viewset_mixins.register(ViewsetMixin(config_context_viewset_mixin))
    register_config_context_tab()
