"""Worker tasks of Git repositories: thin wrappers that load the row and call the service."""

import logging

from nautobot.core.celery import nautobot_task
from nautobot.extras.datasources import services
from nautobot.extras.datasources.models import GitRepository
from nautobot.extras.datasources.records import SyncRecord

logger = logging.getLogger("nautobot.extras.datasources")


def _user(user_pk):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk=user_pk).first() if user_pk else None


def _load(repository_pk, job_result_pk, user_pk) -> SyncRecord | None:
    repository = GitRepository.objects.filter(pk=repository_pk).first()
    if repository is None:
        logger.warning("Git repository %s no longer exists; nothing to do.", repository_pk)
        return None
    return SyncRecord(repository, job_result_pk, user=_user(user_pk))


@nautobot_task(name=services.SYNC_TASK)
def sync_git_repository(repository_pk: str, job_result_pk: str | None = None, user_pk: str | None = None) -> str:
    record = _load(repository_pk, job_result_pk, user_pk)
    return "missing" if record is None else services.sync_repository(record.repository, record)


@nautobot_task(name=services.DIFF_TASK)
def diff_git_repository(repository_pk: str, job_result_pk: str | None = None, user_pk: str | None = None) -> str:
    record = _load(repository_pk, job_result_pk, user_pk)
    return "missing" if record is None else services.diff_repository(record.repository, record)


@nautobot_task(name=services.REMOVE_TASK)
def remove_git_repository_contents(snapshot: dict, job_result_pk: str | None = None) -> str:
    record = SyncRecord(services.removed_repository(snapshot), job_result_pk)
    return services.remove_contents(snapshot, record)
