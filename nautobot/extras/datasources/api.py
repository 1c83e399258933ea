"""API of Git repositories: a write-only `token`, a sync after every save, and `sync/` and `diff/` actions."""

from django.urls import get_script_prefix
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from nautobot.core.api.serializers import BaseModelSerializer
from nautobot.core.api.views import ModelViewSet
from nautobot.extras import credentials
from nautobot.extras.datasources import services
from nautobot.extras.datasources.models import GitRepository
from nautobot.extras.jobs.runner import default_queue, workers_on
from nautobot.core.permissions import restrict


class GitRepositorySerializerBase(BaseModelSerializer):
    """`token` is accepted, stored encrypted, and never returned; saving queues a sync after commit."""

    token = credentials.CredentialSerializerField(
        max_length=1000,
        refusal="Tokens cannot be stored: GIT_CREDENTIALS_KEY is not set in the server's configuration.",
    )

    def validate(self, attrs: dict) -> dict:
        if self.instance is None and not attrs.get("slug") and attrs.get("name"):
            attrs["slug"] = slugify(attrs["name"])[:100]  # as the original's slug derived from the name
        return super().validate(attrs)

    def create(self, validated_data: dict):
        repository = super().create(validated_data)
        services.enqueue_sync_after_save(repository, self._user())
        return repository

    def update(self, instance, validated_data: dict):
        repository = super().update(instance, validated_data)
        services.enqueue_sync_after_save(repository, self._user())
        return repository

    def _user(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return user if getattr(user, "is_authenticated", False) else None


class CanChangeRepository(BasePermission):
    """`sync/` and `diff/` need `extras.change_gitrepository` and, like every write, a write-enabled token."""

    message = "You do not have permission to sync this Git repository."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        token = request.auth
        if request.method not in SAFE_METHODS and getattr(token, "write_enabled", True) is False:
            return False
        return user.has_perm("extras.change_gitrepository")


class WorkerUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE


def require_worker() -> None:
    """Raise 503 unless a worker on the default queue (where syncs go) has a fresh heartbeat (one query, no broadcast)."""

    queue = default_queue()
    if not workers_on(queue):
        raise WorkerUnavailable(f"Unable to process request: No celery workers running on queue {queue}.")


class GitRepositoryViewSetBase(ModelViewSet):
    @action(detail=True, methods=["post"], permission_classes=[CanChangeRepository])
    def sync(self, request, pk=None):
        """Queue a sync of the repository now (answers 503 when no worker is running)."""
        return self._enqueue(request, pk, dry_run=False, message="Repository {} sync job added to queue.")

    @action(detail=True, methods=["post"], permission_classes=[CanChangeRepository])
    def diff(self, request, pk=None):
        """Queue a dry run: fetch and list the files a sync would change, applying nothing (result in the job result)."""
        return self._enqueue(request, pk, dry_run=True, message="Repository {} diff job added to queue.")

    def _enqueue(self, request, pk, *, dry_run: bool, message: str) -> Response:
        repository = get_object_or_404(restrict(GitRepository.objects.all(), request.user, "change"), pk=pk)
        require_worker()
        with transaction.atomic():
            result = services.enqueue_sync(repository, user=request.user, dry_run=dry_run)
        job_result = {
            "id": str(result.pk),
            "url": request.build_absolute_uri(f"{get_script_prefix()}api/extras/job-results/{result.pk}/"),
        }
        return Response({"message": message.format(repository.name), "job_result": job_result})
