"""`nautobot-server runjob`: run a job on a worker (or in this process with `--local`) and follow its log.

Same shape as the original: `runjob [--commit] [--username U] [--data JSON] [--local] <job>`, where
<job> is a class path (`local/<module>/<Class>`), a job slug or a job id. The exit code is 0 when the
job completed, 1 when it failed or errored.
"""

import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from nautobot.extras.jobs import runner
from nautobot.extras.jobs.logs import log_entries
from nautobot.extras.jobs.models import Job, JobResult
from nautobot.extras.jobs.registry import import_errors, refresh_job_models


class Command(BaseCommand):
    help = "Run a job and print its log as it runs; exit code 0 if it completed."

    def add_arguments(self, parser):
        parser.add_argument("job", help="class path (local/<module>/<Class>), slug or id of the job")
        parser.add_argument(
            "--commit", action="store_true", help="commit the job's database changes (default: dry run)"
        )
        parser.add_argument("-u", "--username", help="run as this user")
        parser.add_argument("-d", "--data", default="{}", help="job variables as a JSON object")
        parser.add_argument("--local", action="store_true", help="run in this process instead of on a worker")
        parser.add_argument("--queue", help="task queue (default: the job's first, else the default queue)")
        parser.add_argument(
            "--timeout", type=float, default=0, help="stop waiting after this many seconds (0: wait until it ends)"
        )

    def handle(self, *args, **options):
        from django.contrib.auth import get_user_model
        from django.db import transaction

        job = self._find_job(options["job"])
        job_class = job.job_class
        if job_class is None:
            reason = import_errors.get(job.class_path.rsplit("/", 1)[0], "its code is not installed")
            raise CommandError(f"Unable to load the job {job.class_path}: {reason}")
        user = None
        if options["username"]:
            try:
                user = get_user_model().objects.get(username=options["username"])
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user named {options['username']!r}.") from None
        try:
            data = json.loads(options["data"])
        except ValueError as exc:
            raise CommandError(f"--data is not valid JSON: {exc}") from None
        cleaned, errors = runner.validate_data(job_class, data)
        if errors:
            raise CommandError("Invalid job data: " + "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        try:
            queue = runner.queue_for(job, options["queue"])
        except ValueError as exc:
            raise CommandError(f"--queue: {exc}") from None
        commit = bool(options["commit"]) and not job.read_only
        with transaction.atomic():
            wire = runner.serialize_data(cleaned, job_class)
            result = runner.enqueue_job(
                job, user=user, data=wire, commit=commit, task_queue=queue, send=not options["local"]
            )
        self.stdout.write(f"Running {job.class_path} (job result {result.pk}, {'commit' if commit else 'dry run'})")
        if options["local"]:
            runner.execute(result.pk, wire, commit)
        elif not runner.workers_on(queue):
            self.stdout.write(f"No worker is running on queue {queue!r}: the job will run when one starts.")
        status = self._follow(JobResult, result.pk, options["timeout"])
        self.stdout.write(f"Status: {status}")
        if status != "completed":
            sys.exit(1)

    def _find_job(self, reference: str):

        for attempt in range(2):
            if reference.count("/") == 2:
                prefix, module_name, class_name = reference.split("/")
                job = Job.objects.filter(
                    source_prefix=prefix, module_name=module_name, job_class_name=class_name
                ).first()
            else:
                job = Job.objects.filter(slug=reference).first()
                if job is None:
                    try:
                        job = Job.objects.filter(pk=reference).first()
                    except Exception:
                        job = None
            if job is not None and job.installed:
                return job
            if attempt == 0:
                refresh_job_models()  # a job just dropped into JOBS_ROOT
        raise CommandError(f"Job {reference!r} not found (is it in JOBS_ROOT, or an app's jobs?).")

    def _follow(self, model, pk, timeout: float) -> str:

        seen: set = set()
        deadline = time.monotonic() + timeout if timeout else None
        while True:
            result = model.objects.get(pk=pk)
            for entry in log_entries(result):
                if entry.pk not in seen:
                    seen.add(entry.pk)
                    obj = f"{entry.log_object}: " if entry.log_object else ""
                    self.stdout.write(
                        f"[{entry.created:%H:%M:%S}] {entry.grouping}: {entry.log_level.upper()} {obj}{entry.message}"
                    )
            if result.is_terminal:
                return result.status
            if deadline and time.monotonic() > deadline:
                return f"{result.status} (stopped waiting after {timeout:.0f} s)"
            time.sleep(0.5)
