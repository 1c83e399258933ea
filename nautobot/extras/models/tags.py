"""1.x `nautobot.extras.models.tags`."""

from nautobot.extras.tags.models import Tag, TaggedItem

__all__ = ["Tag", "TaggedItem"]
