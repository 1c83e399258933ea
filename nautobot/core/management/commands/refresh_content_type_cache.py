"""`nautobot-server refresh_content_type_cache` (1.6): put every model's ContentType in the cache afresh, for
`Model._content_type_cached` (`CONTENT_TYPE_CACHE_TIMEOUT`); nothing to do when that is 0."""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management.base import BaseCommand

from nautobot.core.models import content_type_cache_key


class Command(BaseCommand):
    help = "Refresh the cached ContentType of every model (CONTENT_TYPE_CACHE_TIMEOUT)."

    def handle(self, *args, **options) -> None:
        timeout = settings.CONTENT_TYPE_CACHE_TIMEOUT
        if not timeout:
            self.stdout.write("CONTENT_TYPE_CACHE_TIMEOUT is 0: content types are not cached; nothing to refresh.")
            return
        models = [model for model in apps.get_models() if hasattr(model, "_content_type_cached")]
        for model in models:
            cache.set(content_type_cache_key(model), ContentType.objects.get_for_model(model), timeout)
        self.stdout.write(f"Refreshed the cached content types of {len(models)} models (for {timeout} s).")
