"""Validators shared by models, forms and the API (1.x: `nautobot.utilities.validators`)."""

import re

from django.conf import settings
from django.core.validators import URLValidator


class EnhancedURLValidator(URLValidator):
    """A URL of any scheme `ALLOWED_URL_SCHEMES` lists (read at each call), whose host may be a bare name
    (`http://router/`, `ssh://core-1`) as well as a domain name or an address."""

    regex = re.compile(r"^(?:[a-z0-9.+-]*)://[^\s/$.?#][^\s]*$", re.IGNORECASE)

    def __init__(self, **kwargs):
        kwargs.pop("schemes", None)
        super().__init__(**kwargs)

    @property
    def schemes(self):
        return [scheme.lower() for scheme in settings.ALLOWED_URL_SCHEMES]

    @schemes.setter
    def schemes(self, value):  # URLValidator.__init__ assigns it; the setting decides
        pass
