"""REST API of jobs: `/api/extras/jobs/` (both generations), job results and logs, scheduled jobs and approvals.

API 1.2 (the default) lists jobs as the original's bare array with class-path ids; 1.3+ lists `Job`
records. Detail, `variables` and `run` take either a UUID or a class path (`local/<module>/<Class>`);
a class-path `run` answers the legacy 200 job object, a UUID `run` 201 `{schedule, job_result}`.
"""

from __future__ import annotations

import uuid

from django.urls import get_script_prefix
from django.http import HttpResponse
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.permissions import TokenPermissions
from nautobot.core.api.serializers import BaseModelSerializer, represent, serializer_for
from nautobot.core.api.versioning import version_tuple
from nautobot.core.api.views import ModelViewSet, ReadOnlyModelViewSet
from nautobot.core.filters import BaseFilterSet, RelatedFilter
from nautobot.extras.jobs import runner, services
from nautobot.extras.jobs.choices import OVERRIDABLE_FIELDS
from nautobot.extras.jobs.logs import log_entries
from nautobot.extras.jobs.models import (
    TERMINAL_STATES,
    Job,
    JobLogEntry,
    JobResult,
    ScheduledJob,
)
from nautobot.extras.jobs.registry import _class_fields, split_class_path
from nautobot.core.permissions import restrict

CLASS_PATH_OR_UUID = r"[^/]+(?:/[^/]+/[^/]+)?"


class CeleryWorkerNotRunning(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "celery_worker_not_running"

    def __init__(self, queue: str) -> None:
        super().__init__(f"Unable to process request: No celery workers running on queue {queue}.", self.default_code)


class MethodNotAllowed(exceptions.MethodNotAllowed):
    pass


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


# Serializer bases ------------------------------------------------------------------------------------
class JobSerializerBase(BaseModelSerializer):
    """Changing an overridable field marks it overridden (unless the request sets `<field>_override` itself),
    so the next refresh from code keeps it; setting `<field>_override` to false takes the code's value again."""

    source = serializers.CharField(read_only=True)  # a plain string on the wire, as the original's

    def update(self, instance, validated_data):
        job_class = None
        for name in OVERRIDABLE_FIELDS:
            flag = f"{name}_override"
            if (
                name in validated_data
                and flag not in validated_data
                and validated_data[name] != getattr(instance, name)
            ):
                validated_data[flag] = True
            if validated_data.get(flag) is False and name not in validated_data:
                job_class = job_class or instance.job_class
                if job_class is not None:
                    validated_data[name] = _class_fields(job_class)[name]
        return super().update(instance, validated_data)


class JobLogEntrySerializerBase(BaseModelSerializer):
    job_result = serializers.PrimaryKeyRelatedField(read_only=True)


class JobLogEntryFilterSetBase(BaseFilterSet):
    job_result = RelatedFilter(path="job_result")
    job_result__n = RelatedFilter(path="job_result", exclude=True)


class ScheduledJobSerializerBase(BaseModelSerializer):
    interval = serializers.CharField(read_only=True)


class ActionPermissions(TokenPermissions):
    """The usual model permissions, except for actions (run, approve, ...) that check their own permissions."""

    def has_permission(self, request, view) -> bool:
        if getattr(view, "action", None) in getattr(view, "self_checked_actions", ()):
            token = request.auth
            if token is not None and hasattr(token, "write_enabled") and not token.write_enabled:
                return False
            return bool(request.user and request.user.is_authenticated)
        return super().has_permission(request, view)


# Viewsets ----------------------------------------------------------------------------------------------
def _version_at_least(request, version: str) -> bool:
    current = getattr(request, "version", None) or "1.2"
    return version_tuple(current) >= version_tuple(version)


def _full(model, objects, request) -> list[dict]:
    serializer = serializer_for(model, version=getattr(request, "version", None))
    return represent(serializer, objects, {"request": request})


class JobViewSetBase(ModelViewSet):
    lookup_value_regex = CLASS_PATH_OR_UUID
    permission_classes = [ActionPermissions]
    self_checked_actions = ("run",)
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    refused_actions = ("create",)

    def create(self, request, *args, **kwargs):
        raise MethodNotAllowed(
            "POST", detail="Jobs are discovered from code, not created; run `nautobot-server refresh_jobs`."
        )

    def get_object(self):
        lookup = self.kwargs[self.lookup_field]
        if _is_uuid(lookup):
            return super().get_object()
        try:
            prefix, module_name, class_name = split_class_path(lookup)
        except ValueError:
            raise exceptions.NotFound() from None
        job = (
            self.get_queryset().filter(source_prefix=prefix, module_name=module_name, job_class_name=class_name).first()
        )
        if job is None:
            raise exceptions.NotFound()
        return job

    # Legacy representation (API 1.2 list, class-path detail and run) ---------------------------------------
    def _legacy(self, jobs: list, *, full_result: bool, results: dict | None = None) -> list[dict]:
        request = self.request
        if results is None:
            latest: dict = {}
            rows = (
                JobResult.objects.filter(job_model__in=[j.pk for j in jobs], status__in=TERMINAL_STATES)
                .order_by("job_model_id", "-completed")
                .values_list("job_model_id", "pk")
            )
            for job_pk, result_pk in rows:
                latest.setdefault(job_pk, result_pk)
            loaded = {
                r.pk: r
                for r in JobResult.objects.filter(pk__in=latest.values()).select_related(
                    "user", "job_model", "obj_type", "schedule"
                )
            }
            results = {job_pk: loaded.get(result_pk) for job_pk, result_pk in latest.items()}
        items = []
        for job in jobs:
            job_class = job.job_class
            if job_class is None:
                continue
            result = results.get(job.pk)
            if result is not None:
                result = (
                    _full(JobResult, [result], request)[0] if full_result else brief_representation(result, request)
                )
            items.append(
                {
                    "url": request.build_absolute_uri(f"{get_script_prefix()}api/extras/jobs/{job.class_path}/"),
                    "id": job.class_path,
                    "pk": str(job.pk),
                    "name": job.name,
                    "description": job.description,
                    "test_methods": job_class.test_methods,
                    "vars": {name: type(var).__name__ for name, var in job_class._get_vars().items()},
                    "result": result,
                }
            )
        return items

    def list(self, request, *args, **kwargs):
        if _version_at_least(request, "1.3"):
            return super().list(request, *args, **kwargs)
        jobs = list(self.filter_queryset(self.get_queryset()).filter(installed=True))
        return Response(self._legacy(jobs, full_result=False))

    def retrieve(self, request, *args, **kwargs):
        if _is_uuid(self.kwargs[self.lookup_field]):
            return super().retrieve(request, *args, **kwargs)
        job = self.get_object()
        items = self._legacy([job], full_result=True)
        if not items:
            raise exceptions.NotFound("The code of this job cannot be loaded.")
        return Response(items[0])

    def update(self, request, *args, **kwargs):
        if not _is_uuid(self.kwargs[self.lookup_field]):
            raise MethodNotAllowed(request.method)
        return super().update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        if not _is_uuid(self.kwargs[self.lookup_field]):
            raise MethodNotAllowed(request.method)
        return super().destroy(request, *args, **kwargs)

    @action(detail=True, methods=["get"])
    def variables(self, request, pk=None):
        job = self.get_object()
        job_class = job.job_class
        if job_class is None:
            raise exceptions.NotFound("The code of this job cannot be loaded.")
        return Response([var.describe(name) for name, var in job_class._get_vars().items()])

    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        legacy = not _is_uuid(pk)
        job = self._runnable_job(pk)
        job_class = job.job_class
        if job_class is None:
            return Response(
                {"detail": "The code of this job cannot be loaded."}, status=status.HTTP_405_METHOD_NOT_ALLOWED
            )
        data, files, commit, schedule_input, task_queue = self._run_input(request)
        try:
            outcome = services.request_run(
                job,
                request.user,
                data=data,
                files=files,
                commit=commit,
                schedule_input=schedule_input,
                task_queue=task_queue,
                job_class=job_class,
            )
        except services.RunRejected as rejected:
            raise exceptions.ValidationError(rejected.errors) from None
        except services.NoWorker as exc:
            raise CeleryWorkerNotRunning(exc.queue) from None
        schedule, job_result = outcome.schedule, outcome.job_result
        if legacy:
            item = self._legacy([job], full_result=True, results={job.pk: job_result})[0]
            return Response(item, status=status.HTTP_200_OK)
        return Response(
            {
                "schedule": brief_representation(schedule, request) if schedule else None,
                "job_result": brief_representation(job_result, request) if job_result else None,
            },
            status=status.HTTP_201_CREATED,
        )

    def _runnable_job(self, pk) -> Job:
        self.kwargs[self.lookup_field] = pk
        job = self.get_object()  # readable (404 otherwise)
        if not restrict(Job.objects.filter(pk=job.pk), self.request.user, "run").exists():
            raise exceptions.PermissionDenied("This user does not have permission to run jobs.")
        if not job.enabled:
            raise exceptions.PermissionDenied("This job is not enabled to be run.")
        if not job.installed:
            raise MethodNotAllowed("POST", detail="This job is not installed.")
        return job

    def _run_input(self, request):
        body = request.data
        if request.content_type and request.content_type.startswith(
            ("multipart/", "application/x-www-form-urlencoded")
        ):
            plain = {k: (body.getlist(k) if len(body.getlist(k)) > 1 else body.get(k)) for k in body}
            commit = plain.pop("_commit", None)
            commit = None if commit in (None, "") else str(commit).lower() in ("true", "1", "on", "yes")
            schedule = {key[len("_schedule_") :]: plain.pop(key) for key in list(plain) if key.startswith("_schedule_")}
            task_queue = plain.pop("_task_queue", None) or None
            data = {k: v for k, v in plain.items() if not k.startswith("_")}
            return data, request.FILES, commit, schedule or None, task_queue
        if not isinstance(body, dict):
            raise exceptions.ValidationError({"non_field_errors": ["Expected a JSON object."]})
        commit = body.get("commit")
        if commit is not None and not isinstance(commit, bool):
            raise exceptions.ValidationError({"commit": ["Must be true, false or null."]})
        data = body.get("data") or {}
        if not isinstance(data, dict):
            raise exceptions.ValidationError({"data": ["Must be an object of job variables."]})
        schedule = body.get("schedule")
        if schedule is not None and not isinstance(schedule, dict):
            raise exceptions.ValidationError({"schedule": ["Must be an object (name, start_time, interval, crontab)."]})
        return data, None, commit, schedule, body.get("task_queue") or None


class JobResultViewSetBase(ModelViewSet):
    permission_classes = [ActionPermissions]
    self_checked_actions = ("cancel",)
    http_method_names = ["get", "post", "delete", "head", "options"]
    refused_actions = ("create",)

    def create(self, request, *args, **kwargs):
        raise MethodNotAllowed("POST")

    @action(detail=True, methods=["get"])
    def logs(self, request, pk=None):
        job_result = self.get_object()
        entries = log_entries(job_result)
        return Response(_full(JobLogEntry, entries, request))

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        job_result = self.get_object()
        if not restrict(JobResult.objects.filter(pk=job_result.pk), request.user, "change").exists():
            raise exceptions.PermissionDenied("You do not have permission to cancel this job.")
        outcome = runner.cancel(job_result)
        job_result.refresh_from_db()
        return Response(
            {"outcome": outcome, "job_result": _full(JobResult, [job_result], request)[0]},
            status=status.HTTP_202_ACCEPTED,
        )


ReadOnlyViewSetBase = ReadOnlyModelViewSet


class ScheduledJobViewSetBase(ModelViewSet):
    permission_classes = [ActionPermissions]
    self_checked_actions = ("approve", "deny", "dry_run")
    http_method_names = ["get", "post", "delete", "head", "options"]
    refused_actions = ("create",)

    def create(self, request, *args, **kwargs):
        raise MethodNotAllowed("POST")

    def _check(self, schedule: ScheduledJob, action_name: str, job_action: str) -> None:
        if not services.may_decide(self.request.user, schedule, action_name, job_action):
            raise exceptions.PermissionDenied("You do not have permission to perform this action.")

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        schedule = self.get_object()
        self._check(schedule, "change", "approve")
        force = str(request.query_params.get("force", "")).lower() in ("true", "1")
        try:
            schedule = services.approve(schedule, request.user, force=force)
        except services.NotAllowed as exc:
            return Response(str(exc), status=status.HTTP_403_FORBIDDEN)
        except services.RunRejected as rejected:
            return Response(rejected.errors, status=status.HTTP_400_BAD_REQUEST)
        return Response(_full(ScheduledJob, [schedule], request)[0])

    @action(detail=True, methods=["post"])
    def deny(self, request, pk=None):
        schedule = self.get_object()
        self._check(schedule, "delete", "approve")
        services.deny(schedule)
        return HttpResponse(b"null", content_type="application/json")  # DRF would send an empty body for None

    @action(detail=True, methods=["post"], url_path="dry-run")
    def dry_run(self, request, pk=None):
        schedule = self.get_object()
        self._check(schedule, "view", "run")
        try:
            job_result = services.dry_run(schedule, request.user)
        except services.RunRejected as rejected:
            return Response(rejected.errors, status=status.HTTP_405_METHOD_NOT_ALLOWED)
        except services.NoWorker as exc:
            raise CeleryWorkerNotRunning(exc.queue) from None
        return Response(_full(JobResult, [job_result], request)[0])
