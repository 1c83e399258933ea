"""Secrets in the web UI beyond the generated pages: the Check button of a secret's page."""

from django.contrib import messages

from nautobot.extras.secrets.api import check_secret


def check(request, secret) -> None:
    """Read the value now and say whether that worked (never showing it); back to the secret's page."""
    outcome = check_secret(secret)
    if outcome["result"]:
        messages.success(request, f"The value of {secret} can be read ({secret.get_provider_display()}).")
    else:
        messages.error(request, f"The value of {secret} cannot be read: {outcome['message']}")
