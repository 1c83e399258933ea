"""REST API of jobs: `/api/extras/jobs/` (both generations), job results and logs, scheduled jobs and approvals.

API 1.2 (the default) lists jobs as the original's bare array with class-path ids; 1.3+ lists `Job`
records. Detail, `variables` and `run` take either a UUID or a class path (`local/<module>/<Class>`);
a class-path `run` answers the legacy 200 job object, a UUID `run` 201 `{schedule, job_result}`.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django import forms
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from nautobot.core.api.brief import brief_representation
from nautobot.core.api.serializers import BaseModelSerializer, represent, serializer_for
from nautobot.core.api.permissions import TokenPermissions
from nautobot.core.api.versioning import version_tuple
from nautobot.core.api.views import ModelViewSet
from nautobot.core.filters import BaseFilterSet, MultiValueFilter
from nautobot.extras.jobs import runner, schedules
from nautobot.extras.jobs.logs import log_entries
from nautobot.extras.jobs.models import (
    OVERRIDABLE_FIELDS,
    TERMINAL_STATES,
    Job,
    JobLogEntry,
    JobResult,
    ScheduledJob,
    ScheduledJobIntervals,
)
from nautobot.users.permissions import restrict

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
                    from nautobot.extras.jobs.registry import _class_fields

                    validated_data[name] = _class_fields(job_class)[name]
        return super().update(instance, validated_data)


class JobLogEntrySerializerBase(BaseModelSerializer):
    job_result = serializers.PrimaryKeyRelatedField(read_only=True)


class JobLogEntryFilterSetBase(BaseFilterSet):
    job_result = MultiValueFilter(field_name="job_result_id", inner=forms.UUIDField())


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

    def create(self, request, *args, **kwargs):
        raise MethodNotAllowed(
            "POST", detail="Jobs are discovered from code, not created; run `nautobot-server refresh_jobs`."
        )

    def get_object(self):
        lookup = self.kwargs[self.lookup_field]
        if _is_uuid(lookup):
            return super().get_object()
        try:
            from nautobot.extras.jobs.registry import split_class_path

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
                    "url": request.build_absolute_uri(f"/api/extras/jobs/{job.class_path}/"),
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
        if commit is None:
            commit = job.commit_default
        if job.read_only:
            commit = False
        try:
            queue = runner.queue_for(job, task_queue)
        except ValueError as exc:
            raise exceptions.ValidationError({"task_queue": [str(exc)]}) from None
        schedule_fields = _parse_schedule(schedule_input) if schedule_input else None
        scheduled = job.approval_required or (
            schedule_fields and schedule_fields["interval"] != ScheduledJobIntervals.IMMEDIATELY
        )
        if job.has_sensitive_variables and scheduled:
            raise exceptions.ValidationError(
                {
                    "schedule": [
                        "Unable to schedule a job with sensitive variables, or one that requires approval: its inputs would be stored."
                    ]
                }
            )
        cleaned, errors = runner.validate_data(job_class, data, files)
        if errors:
            raise exceptions.ValidationError({"errors": errors})
        if not scheduled and not runner.workers_on(queue):
            raise CeleryWorkerNotRunning(queue)
        with transaction.atomic():
            wire = runner.serialize_data(cleaned, job_class)
            if scheduled:
                schedule = _create_schedule(job, request.user, wire, commit, queue, schedule_fields)
                job_result = None
            else:
                schedule = None
                job_result = runner.enqueue_job(job, user=request.user, data=wire, commit=commit, task_queue=queue)
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


def _parse_schedule(raw: dict) -> dict:
    errors = {}
    interval = raw.get("interval") or ScheduledJobIntervals.IMMEDIATELY
    if interval not in ScheduledJobIntervals.values:
        errors["interval"] = [f'"{interval}" is not a valid choice.']
    name = (raw.get("name") or "").strip()
    start_time = None
    if interval != ScheduledJobIntervals.IMMEDIATELY:
        if not name:
            errors["name"] = ["Please provide a name for the job schedule."]
        raw_start = raw.get("start_time")
        start_time = parse_datetime(str(raw_start)) if raw_start else None
        if start_time is None and interval != ScheduledJobIntervals.CUSTOM:
            errors["start_time"] = ["A valid ISO 8601 start time is required."]
        elif start_time is not None:
            if timezone.is_naive(start_time):
                start_time = timezone.make_aware(start_time, schedules.local_zone())
            if start_time < timezone.now() + schedules.MIN_LEAD:
                errors["start_time"] = [
                    f"Please enter a valid date and time at least {schedules.MIN_LEAD.seconds} seconds in the future."
                ]
    crontab = (raw.get("crontab") or "").strip()
    if interval == ScheduledJobIntervals.CUSTOM:
        problem = schedules.validate_crontab(crontab) if crontab else "Please enter a valid crontab."
        if problem:
            errors["crontab"] = [problem]
    if errors:
        raise exceptions.ValidationError({"schedule": errors})
    return {"interval": interval, "name": name, "start_time": start_time or timezone.now(), "crontab": crontab}


def _create_schedule(job: Job, user, wire: dict, commit: bool, queue: str, fields: dict | None) -> ScheduledJob:
    fields = fields or {
        "interval": ScheduledJobIntervals.IMMEDIATELY,
        "name": "",
        "start_time": timezone.now(),
        "crontab": "",
    }
    interval = fields["interval"]
    return ScheduledJob.objects.create(
        name=fields["name"] or f"{job.name} requested by {user} at {timezone.now():%Y-%m-%d %H:%M:%S}",
        job_model=job,
        job_class=job.class_path,
        interval=interval,
        kwargs={"data": wire, "commit": commit, "task_queue": queue},
        queue=queue,
        one_off=interval in (ScheduledJobIntervals.IMMEDIATELY, ScheduledJobIntervals.FUTURE),
        start_time=fields["start_time"],
        crontab=fields["crontab"],
        user=user,
        approval_required=job.approval_required,
        next_run_at=schedules.first_run(interval, fields["start_time"], fields["crontab"]),
    )


class JobResultViewSetBase(ModelViewSet):
    permission_classes = [ActionPermissions]
    self_checked_actions = ("cancel",)
    http_method_names = ["get", "post", "delete", "head", "options"]

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


class ReadOnlyViewSetBase(ModelViewSet):
    http_method_names = ["get", "head", "options"]


class ScheduledJobViewSetBase(ModelViewSet):
    permission_classes = [ActionPermissions]
    self_checked_actions = ("approve", "deny", "dry_run")
    http_method_names = ["get", "post", "delete", "head", "options"]

    def create(self, request, *args, **kwargs):
        raise MethodNotAllowed("POST")

    def _check(self, schedule: ScheduledJob, action_name: str, job_action: str) -> None:
        user = self.request.user
        allowed = restrict(ScheduledJob.objects.filter(pk=schedule.pk), user, action_name).exists()
        if allowed and schedule.job_model is not None:
            allowed = restrict(Job.objects.filter(pk=schedule.job_model_id), user, job_action).exists()
        if not allowed:
            raise exceptions.PermissionDenied("You do not have permission to perform this action.")

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        schedule = self.get_object()
        self._check(schedule, "change", "approve")
        if schedule.user_id == request.user.pk:
            return Response("You cannot approve your own job request!", status=status.HTTP_403_FORBIDDEN)
        now = timezone.now()
        force = str(request.query_params.get("force", "")).lower() in ("true", "1")
        if schedule.interval == ScheduledJobIntervals.FUTURE and schedule.start_time < now and not force:
            return Response(
                {
                    "detail": "The job's start time is in the past. If you want to run it immediately, please use ?force=true"
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        with transaction.atomic():
            ScheduledJob.objects.filter(pk=schedule.pk).update(approved_by_user=request.user, approved_at=now)
            schedule.refresh_from_db()
            if (
                schedule.one_off
                and schedule.next_run_at is not None
                and schedule.next_run_at <= now + timedelta(seconds=1)
            ):
                schedules.fire(schedule, now)  # due already: run it now rather than at the scheduler's next tick
        schedule.refresh_from_db()
        return Response(_full(ScheduledJob, [schedule], request)[0])

    @action(detail=True, methods=["post"])
    def deny(self, request, pk=None):
        schedule = self.get_object()
        self._check(schedule, "delete", "approve")
        schedule.delete()
        return HttpResponse(b"null", content_type="application/json")  # DRF would send an empty body for None

    @action(detail=True, methods=["post"], url_path="dry-run")
    def dry_run(self, request, pk=None):
        schedule = self.get_object()
        self._check(schedule, "view", "run")
        job = schedule.job_model
        if job is None or job.job_class is None:
            return Response(
                {"detail": "The job of this schedule cannot be loaded."}, status=status.HTTP_405_METHOD_NOT_ALLOWED
            )
        queue = schedule.queue or runner.default_queue()
        if not runner.workers_on(queue):
            raise CeleryWorkerNotRunning(queue)
        with transaction.atomic():
            job_result = runner.enqueue_job(
                job,
                user=request.user,
                data=(schedule.kwargs or {}).get("data") or {},
                commit=False,
                task_queue=schedule.queue or None,
            )
        return Response(_full(JobResult, [job_result], request)[0])
