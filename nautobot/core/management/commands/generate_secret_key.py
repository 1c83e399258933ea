"""`nautobot-server generate_secret_key` (1.x): print a new random SECRET_KEY. Needs no configuration file
(`nautobot.core.cli` answers it before loading one, so it also works before `init`)."""

from django.core.management.base import BaseCommand
from django.core.management.utils import get_random_secret_key


class Command(BaseCommand):
    help = "Generates a new SECRET_KEY that can be used in a project settings file."
    requires_system_checks = []

    def handle(self, *args, **options) -> str:
        return get_random_secret_key()
