"""Change logging: who changed which object, when, and how it looked afterwards.

`change_context()` (context.py) opens a change context: a transaction in which every save, delete and
many-to-many change of a change-logged model is recorded (signals.py), then written as `ObjectChange`
rows in batches when the context closes, before the transaction commits (writer.py). Outgoing events
(webhooks) hook in there, so they share the change's transaction (DESIGN.md #3).
"""

from nautobot.extras.changelog.context import ChangeContextKind, change_context, current_change_context

__all__ = ["ChangeContextKind", "change_context", "current_change_context"]
