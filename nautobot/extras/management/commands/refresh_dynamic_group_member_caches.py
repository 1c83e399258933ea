"""`nautobot-server refresh_dynamic_group_member_caches`: compute every dynamic group's members now and keep their ids
in the cache for `DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT` seconds (1.x)."""

from django.core.management.base import BaseCommand

from nautobot.extras.dynamicgroups import caching
from nautobot.extras.models import DynamicGroup


class Command(BaseCommand):
    help = "Refresh the cached members of every dynamic group."

    def handle(self, *args, **options):
        if caching.timeout() <= 0:
            self.stdout.write("DYNAMIC_GROUPS_MEMBER_CACHE_TIMEOUT is 0: members are not cached, nothing to refresh.")
            return
        count = 0
        for group in DynamicGroup.objects.select_related("content_type"):
            members = caching.refresh(group)
            count += 1
            self.stdout.write(f"{group}: {len(members)} members")
        self.stdout.write(f"Refreshed the member cache of {count} dynamic groups.")
