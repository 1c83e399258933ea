"""`jobs/` of a Git repository: its modules are imported under the repository's own package
(`nautobot_jobs.git_<slug>`, see `nautobot.extras.jobs.registry`), so two repositories may both hold a
`devices.py`. A sync refreshes the Job table: new jobs appear (disabled until an administrator enables
them), vanished ones are marked not installed, never deleted (their results and schedules stay)."""

from pathlib import Path

from nautobot.extras.jobs.registry import DirectorySource, import_errors, refresh_job_models
from nautobot.extras.jobs.models import Job

DIRECTORY = "jobs"


def _prefix(repository) -> str:
    return f"git.{repository.slug}"


def load(repository, root: Path, log) -> None:

    directory = root / DIRECTORY
    if not directory.is_dir():
        log.warning("The repository provides jobs but has no jobs/ directory.")
    prefix = _prefix(repository)
    refresh_job_models(DirectorySource(prefix, directory))  # this repository's jobs only, from the new checkout
    present = (
        {p.stem for p in directory.glob("*.py")} | {p.name for p in directory.iterdir() if p.is_dir()}
        if directory.is_dir()
        else set()
    )
    for key, error in sorted(import_errors.items()):
        source, _, module = key.partition("/")
        if source == prefix and module in present:
            log.failure(f"jobs/{module}: cannot be imported: {error}")
    for job in Job.objects.filter(source_prefix=prefix).order_by("module_name", "job_class_name"):
        if job.installed:
            state = "enabled" if job.enabled else "disabled until an administrator enables it"
            log.success(f"Job {job.class_path} is installed ({state}).", job)
        else:
            log.info(f"Job {job.class_path} is no longer in the repository: marked not installed.", job)


def provided(repository):
    """The installed jobs of `repository`."""

    return Job.objects.filter(source_prefix=_prefix(repository), installed=True)


def remove(repository, log) -> None:

    installed = Job.objects.filter(source_prefix=_prefix(repository), installed=True)
    for job in installed:
        log.info(f"Job {job.class_path} marked not installed.", job)
    installed.update(installed=False)
