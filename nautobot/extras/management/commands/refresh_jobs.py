"""`nautobot-server refresh_jobs`: re-read job code from every source and update the Job table."""

from django.core.management.base import BaseCommand

from nautobot.extras.jobs.registry import import_errors, refresh_job_models


class Command(BaseCommand):
    help = "Find jobs in JOBS_ROOT, Git repositories and apps, and create/update their Job records (new jobs start disabled)."

    def handle(self, *args, **options):

        summary = refresh_job_models()
        for key, label in (
            ("created", "New (disabled until enabled)"),
            ("updated", "Updated"),
            ("uninstalled", "No longer installed"),
        ):
            for class_path in summary[key]:
                self.stdout.write(f"{label}: {class_path}")
        for module, error in sorted(import_errors.items()):
            self.stderr.write(f"Unable to load {module}: {error}")
        self.stdout.write(
            f"Jobs refreshed: {len(summary['created'])} new, {len(summary['updated'])} updated, {len(summary['uninstalled'])} uninstalled."
        )
