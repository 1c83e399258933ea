"""`nautobot-server start [uWSGI options]`: the web service. Every option is uWSGI's own."""

import sys

from django.core.management.base import BaseCommand

from nautobot.core.webserver import run_uwsgi


class Command(BaseCommand):
    help = "Start the web service (uWSGI). All options are passed to uWSGI unchanged; see `start --help`."

    def run_from_argv(self, argv: list[str]) -> None:
        # Bypass Django's option parser: every word after `start` belongs to uWSGI.
        sys.exit(run_uwsgi(argv[2:]))

    def handle(self, *args, **options) -> None:  # pragma: no cover - run_from_argv does the work
        sys.exit(run_uwsgi(list(args)))
