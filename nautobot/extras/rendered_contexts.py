"""Import path kept for apps and tests: the rendered config context lives in `configcontexts.rendered`."""

from nautobot.extras.configcontexts.rendered import ContextIndex, deep_merge, rendered_config_contexts

__all__ = ["ContextIndex", "deep_merge", "rendered_config_contexts"]
