"""`nautobot-server config check`: validate the settings and reach every backing service."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nautobot.core import health
from nautobot.core.settings_funcs import remote_auth_enabled


class Command(BaseCommand):
    help = "Inspect the configuration. `config check`: validate settings and connect to database, cache and broker."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "action", choices=["check", "path"], help="check: test the settings; path: print the config file used"
        )

    def handle(self, *args, **options) -> None:
        import os

        if options["action"] == "path":
            self.stdout.write(os.environ["NAUTOBOT_CONFIG"])
            return
        self.stdout.write(f"Configuration file: {os.environ['NAUTOBOT_CONFIG']}")
        self.stdout.write(f"NAUTOBOT_ROOT:      {settings.NAUTOBOT_ROOT}")
        problems = []
        for line in getattr(settings, "REFUSED_SETTINGS", ()):
            self.stdout.write(self.style.WARNING(f"unsupported {line}"))
        if settings.DEBUG:
            self.stdout.write(self.style.WARNING("warning    DEBUG is on: never run production like this."))
        if remote_auth_enabled(settings.AUTHENTICATION_BACKENDS) and not settings.REMOTE_AUTH_TRUSTED_PROXIES:
            self.stdout.write(
                self.style.WARNING(
                    f"warning    remote-user sign-in is on and REMOTE_AUTH_TRUSTED_PROXIES is empty: anyone who reaches "
                    f"the web service directly can sign in as any user by sending {settings.REMOTE_AUTH_HEADER}. "
                    "List your proxies' addresses in REMOTE_AUTH_TRUSTED_PROXIES."
                )
            )
        for result in health.run_checks(["database", "cache", "broker"]):
            if result.ok:
                self.stdout.write(f"{result.name:<10} {self.style.SUCCESS('ok')}  {result.detail}")
            else:
                self.stdout.write(f"{result.name:<10} {self.style.ERROR('FAILED')}  {result.detail}")
                problems.append(result.name)
        if problems:
            raise CommandError("the configuration has problems: " + ", ".join(problems))
        self.stdout.write(self.style.SUCCESS("The configuration works."))
