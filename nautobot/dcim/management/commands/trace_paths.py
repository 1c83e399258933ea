"""`nautobot-server trace_paths [--force] [--no-input]` (1.x): compute the cable paths that are missing (after an
import that wrote cables directly, say), or with `--force` every path afresh. Run by `post_upgrade`."""

from django.core.management.base import BaseCommand
from django.db import transaction

from nautobot.dcim.cable_ends import cable_end_models, cable_end
from nautobot.dcim.models import CablePath
from nautobot.dcim.services import cable_path_trace

PROGRESS_EVERY = 100


class Command(BaseCommand):
    help = "Generate any missing cable paths among all cable termination objects"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Delete and recompute every existing cable path")
        parser.add_argument("--no-input", action="store_true", help="Do not ask for confirmation")

    def handle(self, *args, **options) -> None:
        if options["force"]:
            count = CablePath.objects.count()
            if count and not options["no_input"]:
                self.stdout.write(self.style.WARNING(f"This deletes and recomputes all {count} cable paths."))
                if input("Type yes to confirm: ") != "yes":
                    self.stdout.write("Aborted; nothing changed.")
                    return
            deleted, _ = CablePath.objects.all().delete()
            self.stdout.write(f"Deleted {deleted} cable paths.")
        for model in cable_end_models():
            if not cable_end(model).is_path_endpoint:
                continue
            origins = model.objects.filter(cable__isnull=False)
            if not options["force"]:
                origins = origins.filter(_path__isnull=True)
            total = origins.count()
            plural = model._meta.verbose_name_plural
            if not total:
                self.stdout.write(f"No {plural} lack a cable path.")
                continue
            self.stdout.write(f"Tracing {total} cabled {plural}...")
            for done, origin in enumerate(origins.order_by("pk").iterator(), start=1):
                with transaction.atomic():
                    cable_path_trace(origin=origin)
                if done % PROGRESS_EVERY == 0 or done == total:
                    self.stdout.write(f"  {done}/{total} ({done * 100 // total}%)")
            self.stdout.write(self.style.SUCCESS(f"Traced {total} {plural}."))
        self.stdout.write(self.style.SUCCESS("Finished."))
