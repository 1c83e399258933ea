"""`nautobot-server rotate_git_credentials`: re-encrypt every Git repository token and webhook secret with the current
key (a webhook secret still in clear, kept from 1.x data while no key was set, is encrypted)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from nautobot.extras.credentials import CredentialsError, encrypt, reencrypt
from nautobot.extras.datasources.models import GitRepository
from nautobot.extras.webhooks.models import Webhook


class Command(BaseCommand):
    help = (
        "Re-encrypt the tokens of all Git repositories with GIT_CREDENTIALS_KEY. Run it after setting a new key "
        "and moving the old one to GIT_CREDENTIALS_OLD_KEYS; afterwards the old key can be dropped."
    )

    def handle(self, *args, **options):
        done = 0
        with transaction.atomic():
            for pk, name, stored in GitRepository.objects.exclude(_token="").values_list("pk", "name", "_token"):
                try:
                    GitRepository.objects.filter(pk=pk).update(_token=reencrypt(stored))
                except CredentialsError as exc:
                    raise CommandError(f"Git repository {name}: {exc} Nothing was changed.") from None
                done += 1
            hooks = 0
            # Read in clear (the field decrypts with the current or an old key), written back with the current one.
            for pk, name, clear in Webhook.objects.exclude(secret="").values_list("pk", "name", "secret"):
                if not clear:
                    raise CommandError(
                        f"Webhook {name}: its secret cannot be decrypted with GIT_CREDENTIALS_KEY or "
                        "GIT_CREDENTIALS_OLD_KEYS. Nothing was changed."
                    )
                Webhook.objects.filter(pk=pk).update(secret=encrypt(clear))
                hooks += 1
        self.stdout.write(f"Re-encrypted the tokens of {done} Git repositories with the current key.")
        self.stdout.write(f"Re-encrypted the secrets of {hooks} webhooks with the current key.")
