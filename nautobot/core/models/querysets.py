"""`RestrictedQuerySet`: the default queryset of every model, with `restrict(user, action)` (1.x apps call it).

`Model.objects.restrict(request.user, "view")` is the queryset narrowed to the objects the user may view, by the
same object permissions as the API and the web UI (`nautobot.core.permissions.restrict`).
"""

from typing import Any

from django.db import models


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user: Any, action: str = "view") -> "RestrictedQuerySet":
        """The objects of this queryset that `user` may `action` ("view", "add", "change", "delete")."""
        # Imported here: `core.permissions` loads Django's auth backend, which resolves the user model at import,
        # and this module is imported while the models load (the user model among them).
        from nautobot.core.permissions import restrict

        return restrict(self, user, action)
