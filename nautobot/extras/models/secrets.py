"""The 1.x module `nautobot.extras.models.secrets` (apps' migrations and models import it)."""

from nautobot.extras.secrets.models import Secret, SecretsGroup, SecretsGroupAssociation

__all__ = ["Secret", "SecretsGroup", "SecretsGroupAssociation"]
