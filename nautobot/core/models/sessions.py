"""The record of each signed-in session of a user, for their Sessions page (`nautobot.core.user_sessions`)."""

import uuid

from django.conf import settings
from django.db import models


class UserSession(models.Model):
    """One signed-in session: made at login, removed at logout or when revoked.

    `session_key` is the key of the session store (`SESSION_ENGINE`, whatever it is), through which the session is
    revoked; it is a credential, so it is never shown: pages and URLs name the record by its `id`.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=255, unique=True)
    # Null for a session that began before it was recorded (before an upgrade, or during maintenance mode).
    signed_in_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField()
    address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("-last_seen_at",)

    def __str__(self) -> str:
        return f"{self.user} from {self.address or 'an unknown address'}"
