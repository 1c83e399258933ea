"""Sync, dry-run diff and removal of a Git repository's content: the work the tasks do, and enqueuing it.

Enqueue only after commit (`transaction.on_commit`), so a worker never looks for a row that is not
committed yet, and a rolled-back save syncs nothing.
"""

import logging
from functools import partial

from django.db import transaction

from nautobot.core.celery import app as celery_app
from nautobot.extras.datasources import git
from nautobot.extras.datasources.contents import ordered_contents
from nautobot.extras.credentials import CredentialsError
from nautobot.extras.datasources.models import GitRepository
from nautobot.extras.datasources.records import SyncRecord, create_job_result
from nautobot.extras.jobs.logs import JobCancelled

logger = logging.getLogger("nautobot.extras.datasources")
# The tasks of tasks.py, sent by name (wire contracts): tasks.py imports this module to do the work.
SYNC_TASK = "nautobot.extras.datasources.sync_git_repository"
DIFF_TASK = "nautobot.extras.datasources.diff_git_repository"
REMOVE_TASK = "nautobot.extras.datasources.remove_git_repository_contents"


# Enqueueing ----------------------------------------------------------------------------------------
def enqueue_sync(repository: GitRepository, *, user=None, dry_run: bool = False):
    """Queue a sync (or, `dry_run`, a diff) of `repository` once the current transaction commits.

    Returns the pending JobResult.
    """
    task = celery_app.tasks[DIFF_TASK if dry_run else SYNC_TASK]
    result = create_job_result(repository, name=repository.name, user=user)
    kwargs = {
        "repository_pk": str(repository.pk),
        "job_result_pk": str(result.pk),
        "user_pk": str(user.pk) if getattr(user, "pk", None) else None,
    }
    transaction.on_commit(partial(task.apply_async, kwargs=kwargs, task_id=str(result.job_id)))
    return result


def enqueue_sync_after_save(repository: GitRepository, user=None) -> None:
    """After the transaction that saved `repository` commits, queue its sync (saving triggers a sync)."""
    transaction.on_commit(partial(_enqueue_saved, repository.pk, user))


def _enqueue_saved(pk, user) -> None:
    repository = GitRepository.objects.filter(pk=pk).first()
    if repository is not None:
        enqueue_sync(repository, user=user)


def enqueue_removal(repository: GitRepository, *, user=None) -> None:
    """After commit, queue the removal of what the (deleted) `repository` provided and of its local copy."""
    snapshot = {
        "pk": str(repository.pk),
        "name": repository.name,
        "slug": repository.slug,
        "provided_contents": list(repository.provided_contents),
    }

    def enqueue() -> None:
        result = create_job_result(repository, name=snapshot["name"], user=user)
        kwargs = {"snapshot": snapshot, "job_result_pk": str(result.pk)}
        celery_app.tasks[REMOVE_TASK].apply_async(kwargs=kwargs, task_id=str(result.job_id))

    transaction.on_commit(enqueue)


# The work ------------------------------------------------------------------------------------------
def _recorded(record: SyncRecord, work) -> str:
    """Run `work()` (which finishes the record) as the record's job result; never leave it running."""

    if not record.start():
        return "skipped"
    try:
        return work()
    except JobCancelled:
        record.failure("Cancelled.")
    except Exception as exc:  # our own bug: record it rather than leave the result running
        logger.exception("Git repository task failed")
        record.failure(f"Internal error: {type(exc).__name__}: {exc}")
    return record.finish(errored=True)


def sync_repository(repository: GitRepository, record: SyncRecord) -> str:
    """Fetch the branch, check out its head, record `current_head`, load every provided content; return the status.

    The whole sync holds this host's lock of the repository, so two syncs of it on one host never load
    at the same time (a second one waits, then finds everything loaded).
    """

    def work() -> str:
        with git.repository_lock(repository.slug):
            return _sync(repository, record)

    return _recorded(record, work)


def _sync(repository: GitRepository, record: SyncRecord) -> str:
    try:
        with git.repository_lock(repository.slug):
            head = git.fetch(repository)
            git.checkout(repository, head)
    except (git.GitError, CredentialsError) as exc:
        record.failure(str(exc))
        return record.finish(errored=True)
    previous = repository.current_head
    if head != previous:
        GitRepository.objects.filter(pk=repository.pk).update(current_head=head)
        repository.current_head = head
        record.info(f"Checked out commit {head} of branch {repository.branch} (was {previous or 'none'}).")
    else:
        record.info(f"Branch {repository.branch} is still at commit {head}; refreshing its content.")
    load_contents(repository, record)
    with git.repository_lock(repository.slug):
        git.prune_checkouts(repository, keep=head)
    git.prune_orphans(set(GitRepository.objects.values_list("slug", flat=True)))
    return record.finish(data={"current_head": head})


def load_contents(repository: GitRepository, record: SyncRecord) -> None:
    """Load each provided kind from the checkout of `current_head`; remove what kinds no longer provided left."""
    root = repository.directory / repository.current_head
    for kind in ordered_contents():
        record.grouping = kind.label
        try:
            if kind.name in repository.provided_contents:
                kind.load(repository, root, record)
            else:
                kind.remove(repository, record)
        except Exception as exc:  # a loader bug must not stop the other kinds
            logger.exception("Loading %s of %s failed", kind.name, repository.name)
            record.failure(f"Loading {kind.label.lower()} failed unexpectedly: {type(exc).__name__}: {exc}")
    record.grouping = "sync"


def diff_repository(repository: GitRepository, record: SyncRecord) -> str:
    """Fetch and report, without applying anything, the files a sync would load, change or remove."""
    record.grouping = "diff"
    return _recorded(record, lambda: _diff(repository, record))


def _diff(repository: GitRepository, record: SyncRecord) -> str:
    try:
        with git.repository_lock(repository.slug):
            head = git.fetch(repository)
            changes = git.changed_files(repository, repository.current_head, head)
    except (git.GitError, CredentialsError) as exc:
        record.failure(str(exc))
        return record.finish(errored=True)
    directories = {kind.directory: kind for kind in ordered_contents(repository.provided_contents)}
    relevant = [(status, path) for status, path in changes if path.split("/", 1)[0] in directories]
    words = {"A": "added", "M": "modified", "D": "removed"}
    record.info(
        f"Remote branch {repository.branch} is at {head}; synced commit is {repository.current_head or 'none'}."
    )
    for status, path in relevant:
        record.info(f"{words.get(status, status)}: {path}")
    if not relevant:
        record.info("A sync would change nothing.")
    data = {
        "current_head": repository.current_head,
        "remote_head": head,
        "changes": [
            {"status": words.get(s, s), "path": p, "content": directories[p.split("/", 1)[0]].name} for s, p in relevant
        ],
    }
    return record.finish(data=data)


def remove_contents(snapshot: dict, record: SyncRecord) -> str:
    """Remove everything the deleted repository described by `snapshot` provided, and this host's copy of it."""
    record.grouping = "delete"
    return _recorded(record, lambda: _remove(snapshot, record))


def _remove(snapshot: dict, record: SyncRecord) -> str:
    repository = record.repository
    for kind in ordered_contents():
        try:
            kind.remove(repository, record)
        except Exception as exc:
            logger.exception("Removing %s of %s failed", kind.name, repository.name)
            record.failure(f"Removing {kind.label.lower()} failed: {type(exc).__name__}: {exc}")
    git.remove_local_copy(snapshot["slug"])
    record.info(f"Removed the local copy of {snapshot['name']}.")
    return record.finish()


def removed_repository(snapshot: dict) -> GitRepository:
    """An unsaved stand-in for a deleted repository (its id, name and slug), for the removal loaders."""
    return GitRepository(
        pk=snapshot["pk"], name=snapshot["name"], slug=snapshot["slug"], provided_contents=snapshot["provided_contents"]
    )


def ensure_git_repository(repository_record, job_result=None, logger=None, head=None) -> bool:
    """1.x: make sure this host has `repository_record` and that it is up to date; True when its head moved.

    Without `head` this is the repository's sync (fetch the branch, check out its head, load the contents it
    provides); with `head` (a commit hash) that commit's checkout is made present on this host, for a process
    that reads the files of a head another host synced. A failure is raised (`GitError`) after it is logged to
    `job_result` (a 1.x job's result, `.log(...)`) or `logger`. The files are at `repository_record.filesystem_path`
    (a read-only snapshot of the commit: see the README's note on apps that write into a repository).
    """
    if head is not None:
        git.ensure_checkout(repository_record, head)
        return False
    previous = repository_record.current_head
    record = SyncRecord(repository_record)
    if sync_repository(repository_record, record) == "errored":
        message = "; ".join(text for level, text in record.lines if level == "failure") or "sync failed"
        _report(job_result, logger, message, failed=True)
        raise git.GitError(message)
    _report(job_result, logger, "Repository successfully refreshed")
    return repository_record.current_head != previous


def _report(job_result, logger, message: str, *, failed: bool = False) -> None:
    if job_result is not None and hasattr(job_result, "log"):
        job_result.log(message, level_choice="failure" if failed else "success", logger=logger)
    elif logger is not None:
        (logger.error if failed else logger.info)(message)
