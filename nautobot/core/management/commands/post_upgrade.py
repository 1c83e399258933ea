"""`nautobot-server post_upgrade`: everything to run after installing or upgrading, idempotent."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

# (flag suffix, help, command, arguments); each step can be skipped with --no-<suffix>.
STEPS = (
    ("migrate", "apply database migrations", "migrate", {"interactive": False}),
    ("trace-paths", "generate missing cable paths", "trace_paths", {"no_input": True}),
    ("collectstatic", "collect static files into STATIC_ROOT", "collectstatic", {"interactive": False}),
    (
        "remove-stale-contenttypes",
        "remove content types of deleted models",
        "remove_stale_contenttypes",
        {"interactive": False},
    ),
    ("clearsessions", "delete expired sessions", "clearsessions", {}),
)


class Command(BaseCommand):
    help = "Run after every install or upgrade: " + ", ".join(step[1] for step in STEPS) + "."

    def add_arguments(self, parser) -> None:
        for suffix, description, _command, _arguments in STEPS:
            parser.add_argument(f"--no-{suffix}", action="store_true", help=f"do not {description}")
        # 1.x's step `invalidate all` emptied django-cacheops' query cache; there is no query cache here to empty.
        parser.add_argument("--no-invalidate-all", action="store_true", help="accepted for 1.x scripts; no effect")

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        for suffix, description, command, arguments in STEPS:
            if options[f"no_{suffix.replace('-', '_')}"]:
                continue
            if verbosity:
                self.stdout.write(self.style.MIGRATE_HEADING(f"{description.capitalize()} ({command})"))
            call_command(command, verbosity=max(verbosity - 1, 0) if command != "migrate" else verbosity, **arguments)
