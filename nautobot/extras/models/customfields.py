"""1.x `nautobot.extras.models.customfields`."""

from nautobot.core.models import CustomFieldModel
from nautobot.extras.customfields.models import ComputedField, CustomField, CustomFieldChoice

__all__ = ["ComputedField", "CustomField", "CustomFieldChoice", "CustomFieldModel"]
