"""Job modules used by the job tests (written into a temporary JOBS_ROOT), and helpers to install them."""

import textwrap
from pathlib import Path

JOB_MODULE = textwrap.dedent("""
    import time

    from nautobot.extras.jobs import BooleanVar, FileVar, IntegerVar, Job, StringVar
    from nautobot.extras.models import Status

    name = "Test jobs"


    class CreateStatus(Job):
        slug = StringVar(description="slug of the new status")
        count = IntegerVar(min_value=0, default=0, required=False)

        class Meta:
            name = "Create a status"
            has_sensitive_variables = False

        def run(self, data, commit):
            status = Status.objects.create(name=data["slug"], slug=data["slug"])
            self.log_success(obj=status, message="Created")
            return "made " + data["slug"]

        def test_second(self):
            self.log_info("second")

        def test_first(self):
            self.log_info(message="first")

        def post_run(self):
            self.log_info(message="post_run ran")


    class Failing(Job):
        def run(self, data, commit):
            Status.objects.get_or_create(name="from-failing", slug="from-failing")
            self.log_failure(message="this did not work")


    class Raising(Job):
        def run(self, data, commit):
            Status.objects.create(name="from-raising", slug="from-raising")
            raise RuntimeError("boom")


    class Upload(Job):
        upload = FileVar()

        class Meta:
            has_sensitive_variables = False

        def run(self, data, commit):
            text = data["upload"].read().decode()
            self.log_info(message=f"received {text}")
            return text


    class Slow(Job):
        seconds = IntegerVar(min_value=0, default=30)
        fail = BooleanVar()

        class Meta:
            has_sensitive_variables = False

        def run(self, data, commit):
            Status.objects.create(name="from-slow", slug="from-slow")
            self.log_info(message="started sleeping")
            deadline = time.monotonic() + data["seconds"]
            while time.monotonic() < deadline:
                time.sleep(0.1)
            self.log_info(message="woke up")


    class NeedsApproval(Job):
        class Meta:
            approval_required = True
            has_sensitive_variables = False

        def run(self, data, commit):
            self.log_info(message="approved run")
""")


def write_jobs(root: Path, name: str = "test_jobs", text: str = JOB_MODULE) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"{name}.py"
    path.write_text(text)
    return path


def install_jobs(root: Path):
    """Write the test jobs into `root` (JOBS_ROOT), refresh the registry and enable every job."""
    from nautobot.extras.jobs.models import Job
    from nautobot.extras.jobs.registry import refresh_job_models

    write_jobs(root)
    refresh_job_models()
    Job.objects.update(enabled=True)
    return {job.job_class_name: job for job in Job.objects.all()}
