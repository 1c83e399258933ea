"""`nautobot-server celery ...`: the Celery command line, running inside Nautobot's settings."""

import sys

from django.core.management.base import BaseCommand

from nautobot.core import health

APP = "nautobot.core.celery:app"
# Subcommands that are long-running services: check their backing services first and fail clearly.
SERVICES = {"worker", "beat"}


class Command(BaseCommand):
    help = "Run the Celery command line (worker, beat, inspect, purge, ...). See `celery --help`."

    def run_from_argv(self, argv: list[str]) -> None:
        from celery.bin.celery import main as celery_main

        arguments = argv[2:]
        if not any(a in ("-A", "--app") or a.startswith("--app=") for a in arguments):
            arguments = ["--app", APP, *arguments]
        subcommand = next((a for a in arguments[2:] if not a.startswith("-")), None)
        if subcommand in SERVICES and not any(a in ("-h", "--help") for a in arguments):
            self._preflight()
        sys.argv = ["nautobot-server celery", *arguments]
        sys.exit(celery_main())

    def _preflight(self) -> None:
        for result in health.run_checks(["database", "broker"]):
            if not result.ok:
                raise health.ServiceUnavailable(result.detail)

    def handle(self, *args, **options) -> None:  # pragma: no cover - run_from_argv does the work
        self.run_from_argv(["nautobot-server", "celery", *args])
