"""`nautobot-server health_check`: the checks of `/health/`, with the result in the exit code."""

import json

from django.core.management.base import BaseCommand, CommandError

from nautobot.core import health


class Command(BaseCommand):
    help = "Check database, cache, broker, workers and scheduler; exit 1 if a required check fails."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "checks",
            nargs="*",
            metavar="CHECK",
            help=f"checks to run: {', '.join(health.check_names())} (default: all)",
        )
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args, **options) -> None:
        names = health.check_names()
        unknown = [name for name in options["checks"] if name not in names]
        if unknown:
            raise CommandError(f"unknown check(s) {', '.join(unknown)}; choose from {', '.join(names)}")
        results = health.run_checks(options["checks"] or None)
        if options["json"]:
            self.stdout.write(json.dumps(health.as_dict(results), indent=2))
        else:
            for r in results:
                mark = self.style.SUCCESS("working") if r.ok else self.style.ERROR("failing")
                required = "" if r.required else " (informational)"
                self.stdout.write(f"{r.name:<10} {mark}  {r.detail}{required}")
        if not health.is_healthy(results):
            raise CommandError(
                "required health checks failed: " + ", ".join(r.name for r in results if r.required and not r.ok)
            )
