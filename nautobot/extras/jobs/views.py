"""Web UI of jobs: the job list grouped by source and module, the run form, the live job result page, and the
approval queue.

Runs and decisions go through `services` (as the REST API's do), so the form and `POST .../run/` accept the same
input and apply the same rules (queue, schedule, approval, no worker). The result page polls `<result>/live/`
(JSON: the log lines after the ones already shown, and the status) every second until the result is final;
`extras/jobs.js` appends the lines, and nothing is needed for a page that is already final.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views import View
from django.views.decorators.http import require_POST

from nautobot.core.forms import APISelect, SpecForm, api_list_url
from nautobot.core.specs import spec_for
from nautobot.core.views.objects import ObjectView, ObjectListView, filtered_queryset, tabs_for
from nautobot.core.views.permissions import allowed, require
from nautobot.core.views.urls import object_url, spec_url
from nautobot.extras.jobs import runner, services
from nautobot.extras.jobs.logs import log_entries, uses_spool
from nautobot.extras.jobs.models import (
    TERMINAL_STATES,
    Job,
    JobLogEntry,
    JobResult,
    ScheduledJob,
    ScheduledJobIntervals,
)
from nautobot.extras.jobs.variables import (
    BooleanVar,
    FileVar,
    MultipleObjectChoiceField,
    ObjectChoiceField,
    ObjectVar,
)

STATUS_CLASSES = {
    "pending": "text-bg-secondary",
    "running": "text-bg-info",
    "completed": "text-bg-success",
    "failed": "text-bg-danger",
    "errored": "text-bg-danger",
}
LEVEL_CLASSES = {
    "success": "text-bg-success",
    "info": "text-bg-info",
    "warning": "text-bg-warning",
    "failure": "text-bg-danger",
    "debug": "text-bg-light",
    "default": "text-bg-secondary",
}
SCHEDULE_FIELDS = {
    "interval": "_schedule_type",
    "name": "_schedule_name",
    "start_time": "_schedule_start_time",
    "crontab": "_schedule_crontab",
}


def status_badge(status: str, label: str | None = None) -> str:
    return format_html(
        '<span class="badge {} job-status" data-status="{}">{}</span>',
        STATUS_CLASSES.get(status, "text-bg-secondary"),
        status,
        label or status.capitalize(),
    )


def source_label(prefix: str) -> str:
    if prefix == "local":
        return "Local jobs (JOBS_ROOT)"
    if prefix == "plugins":
        return "Plugins"
    if prefix.startswith("git."):
        return f"Git repository {prefix[4:]}"
    return prefix


# Job list ---------------------------------------------------------------------------------------------------
class JobListView(ObjectListView):
    """Installed jobs grouped by source, then module; enabled state, last run and a Run button (run permission).

    `?export=` and every filter of the generic list still work; uninstalled and hidden jobs are left out unless
    the `installed` / `hidden` filters ask for them.
    """

    def get(self, request):
        if "export" in request.GET:
            return super().get(request)
        require(request.user, Job, "view")
        queryset, errors = filtered_queryset(self.spec, request, allowed(Job.objects.all(), request.user, "view"))
        for name, problems in errors.items():
            messages.error(request, f"{name}: {'; '.join(str(p) for p in problems)}")
        if "installed" not in request.GET:
            queryset = queryset.filter(installed=True)
        if "hidden" not in request.GET:
            queryset = queryset.filter(hidden=False)
        latest = JobResult.objects.filter(job_model=OuterRef("pk")).order_by("-created").values("pk")[:1]
        jobs = list(queryset.annotate(last_result_id=Subquery(latest)).order_by("source_prefix", "grouping", "name"))
        results = JobResult.objects.select_related("user").in_bulk([j.last_result_id for j in jobs if j.last_result_id])
        runnable = services.runnable_ids(request.user, jobs)
        can_change = request.user.has_perm("extras.change_job")
        sources: dict[str, dict[str, list]] = {}
        for job in jobs:
            result = results.get(job.last_result_id)
            row = {
                "job": job,
                "url": object_url(job),
                "run_url": reverse("extras:job_run", kwargs={"pk": job.pk}) if job.pk in runnable else None,
                "edit_url": spec_url(self.spec, "edit", job.pk) if can_change else None,
                "last_result": result,
                "last_result_url": object_url(result) if result else None,
                "last_status": status_badge(result.status, result.get_status_display()) if result else "",
            }
            module = f"{job.grouping}" if job.grouping == job.module_name else f"{job.grouping} ({job.module_name})"
            sources.setdefault(job.source_prefix, {}).setdefault(module, []).append(row)
        order = {"local": 0, "plugins": 1}
        groups = [
            {"label": source_label(prefix), "prefix": prefix, "modules": sorted(modules.items())}
            for prefix, modules in sorted(sources.items(), key=lambda item: (order.get(item[0], 2), item[0]))
        ]
        context = self.context(groups=groups, count=len(jobs), exports=[("CSV", "?" + _params(request, export="csv"))])
        return render(request, "extras/jobs/job_list.html", context)


def _params(request, **values) -> str:
    params = request.GET.copy()
    for key, value in values.items():
        params[key] = value
    return params.urlencode()


# Run form ---------------------------------------------------------------------------------------------------
def _object_widget(var: ObjectVar, multiple: bool):
    url = api_list_url(var.model)
    if not url:
        return None
    params = var.query_params or {}
    dynamic = {k: v for k, v in params.items() if isinstance(v, str) and v.startswith("$")}
    static = {k: v for k, v in params.items() if k not in dynamic}
    if static:
        url = f"{url}?{urlencode(static, doseq=True)}"
    widget = APISelect(url, multiple=multiple)
    if dynamic:  # `{"site_id": "$site"}`: the value of the job's `site` field, read by the browser (nautobot.js)
        widget.attrs["data-query-params"] = json.dumps(dynamic)
    return widget


def run_form(job: Job, job_class, *, data=None, files=None, initial=None) -> SpecForm:
    """The job's variables as form fields (object variables as API-backed choosers), then the run options:
    commit (a dry run when unchecked), queue, and schedule (immediately, in the future, recurring)."""
    fields: dict[str, forms.Field] = {}
    for name, var in job_class._get_vars().items():
        field = var.as_field()
        if isinstance(field, (ObjectChoiceField, MultipleObjectChoiceField)):
            widget = _object_widget(var, isinstance(field, MultipleObjectChoiceField))
            if widget is not None:
                widget.choices = field.choices
                field.widget = widget
        fields[name] = field
    if not job.read_only:
        fields["_commit"] = forms.BooleanField(
            required=False,
            initial=job.commit_default,
            label="Commit changes",
            help_text="Commit changes to the database (uncheck for a dry run).",
        )
    queues = list(job.task_queues or [])
    if len(queues) > 1:
        fields["_task_queue"] = forms.ChoiceField(choices=[(q, q) for q in queues], label="Task queue")
    if not job.has_sensitive_variables:
        fields["_schedule_type"] = forms.ChoiceField(
            choices=ScheduledJobIntervals.choices,
            initial=ScheduledJobIntervals.IMMEDIATELY,
            required=False,
            label="When",
        )
        fields["_schedule_name"] = forms.CharField(
            required=False, label="Schedule name", help_text="Required for a run in the future or a recurring one."
        )
        fields["_schedule_start_time"] = forms.DateTimeField(
            required=False,
            label="Starting date and time",
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            help_text=f"In {timezone.get_current_timezone_name()}.",
        )
        fields["_schedule_crontab"] = forms.CharField(
            required=False,
            label="Crontab",
            help_text="Five fields (minute hour day month weekday), for a custom recurrence.",
        )
    form_class = type(f"{job_class.__name__}RunForm", (SpecForm,), fields)
    form = form_class(data=data, files=files, initial=initial)
    for name in ("_schedule_name", "_schedule_start_time", "_schedule_crontab"):
        if name in form.fields:
            form.fields[name].widget.attrs["data-schedule-field"] = name
    return form


def add_run_errors(form, errors: dict) -> None:
    """Put `services.RunRejected` errors beside their fields (variables, schedule fields, queue); others on top."""

    def put(field: str | None, texts) -> None:
        texts = [str(t) for t in (texts if isinstance(texts, (list, tuple)) else [texts])]
        form.add_error(field if field in form.fields else None, texts)

    for key, value in errors.items():
        if key == "errors" and isinstance(value, dict):
            for name, texts in value.items():
                put(name, texts)
        elif key == "schedule":
            if isinstance(value, dict):
                for name, texts in value.items():
                    put(SCHEDULE_FIELDS.get(name), texts)
            else:
                put("_schedule_type", value)
        elif key == "task_queue":
            put("_task_queue", value)
        else:
            put(None, value)


class JobRunView(View):
    """`/extras/jobs/<pk>/run/`: the run form; a run goes to its result page, a schedule or request for approval
    to the scheduled job. A user without the run permission gets 403."""

    def _job(self, request, pk) -> Job:
        require(request.user, Job, "view")
        job = get_object_or_404(allowed(Job.objects.all(), request.user, "view"), pk=pk)
        if not services.can_run(request.user, job):
            raise PermissionDenied("You do not have permission to run this job.")
        return job

    def get(self, request, pk):
        job = self._job(request, pk)
        job_class = job.job_class
        initial = dict(request.GET.items())
        form = run_form(job, job_class, initial=initial) if job_class is not None else None
        return self.show(request, job, form)

    def post(self, request, pk):
        job = self._job(request, pk)
        job_class = job.job_class
        if job_class is None:
            messages.error(request, "The code of this job cannot be loaded.")
            return self.show(request, job, None)
        form = run_form(job, job_class, data=request.POST, files=request.FILES)
        if not job.installed or not job.enabled:
            form.add_error(
                None, "This job is not enabled to be run." if job.installed else "This job is not installed."
            )
            return self.show(request, job, form)
        if form.is_valid():
            variables = job_class._get_vars()
            data = {n: form[n].data for n, v in variables.items() if not isinstance(v, FileVar)}
            for name, var in variables.items():
                if isinstance(var, BooleanVar):
                    data[name] = bool(form.cleaned_data.get(name))
            files = {n: form[n].data for n, v in variables.items() if isinstance(v, FileVar) and form[n].data}
            cleaned = form.cleaned_data
            interval = cleaned.get("_schedule_type") or ScheduledJobIntervals.IMMEDIATELY
            schedule = None
            if interval != ScheduledJobIntervals.IMMEDIATELY:
                schedule = {
                    "interval": interval,
                    "name": cleaned.get("_schedule_name"),
                    "start_time": cleaned.get("_schedule_start_time"),
                    "crontab": cleaned.get("_schedule_crontab"),
                }
            try:
                outcome = services.request_run(
                    job,
                    request.user,
                    data=data,
                    files=files,
                    commit=None if job.read_only else bool(cleaned.get("_commit")),
                    schedule_input=schedule,
                    task_queue=cleaned.get("_task_queue") or None,
                    job_class=job_class,
                )
            except services.RunRejected as rejected:
                add_run_errors(form, rejected.errors)
            except services.NoWorker as exc:
                return self.show(request, job, form, no_worker=no_worker_message(exc.queue), status=503)
            else:
                if outcome.job_result is not None:
                    return HttpResponseRedirect(object_url(outcome.job_result))
                schedule_obj = outcome.schedule
                if schedule_obj.awaiting_approval:
                    messages.success(request, f"The run of {job} is waiting for approval: {schedule_obj.name}.")
                    return HttpResponseRedirect(reverse("extras:scheduledjob_approval_queue"))
                messages.success(request, f"Scheduled {job}: {schedule_obj.name}.")
                return HttpResponseRedirect(object_url(schedule_obj))
        return self.show(request, job, form)

    def show(self, request, job, form, *, no_worker: str | None = None, status: int = 200):
        variables = [form[name] for name in form.fields if not name.startswith("_")] if form is not None else []
        options = [form[name] for name in ("_commit", "_task_queue") if form is not None and name in form.fields]
        schedule = [form[name] for name in SCHEDULE_FIELDS.values() if form is not None and name in form.fields]
        context = {
            "job": job,
            "form": form,
            "variables": variables,
            "options": options,
            "schedule": schedule,
            "multipart": form is not None and form.is_multipart(),
            "no_worker": no_worker,
            "job_url": object_url(job),
            "list_url": spec_url(spec_for(Job), "list"),
        }
        return render(request, "extras/jobs/job_run.html", context, status=status)


# Job result page -------------------------------------------------------------------------------------------
def _entries_after(job_result: JobResult, after: int) -> list:
    if uses_spool():
        return log_entries(job_result)[after:]
    return list(JobLogEntry.objects.filter(job_result=job_result).order_by("created", "pk")[after:])


def _line(entry) -> dict:
    return {
        "created": timezone.localtime(entry.created).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] if entry.created else "",
        "level": entry.log_level,
        "level_class": LEVEL_CLASSES.get(entry.log_level, "text-bg-secondary"),
        "grouping": entry.grouping,
        "object": entry.log_object,
        "url": entry.absolute_url,
        "message": entry.message,
    }


def _summary(job_result: JobResult) -> list[dict]:
    """Per test grouping (run, test_*, post_run) counts of success/info/warning/failure lines, from `data`."""
    data = job_result.data if isinstance(job_result.data, dict) else {}
    rows = []
    for name, counts in data.items():
        if isinstance(counts, dict) and name != "total" and {"success", "failure"} <= set(counts):
            rows.append({"name": name, **{k: counts.get(k, 0) for k in ("success", "info", "warning", "failure")}})
    return rows


def _output_html(request, job_result: JobResult) -> str:
    data = job_result.data if isinstance(job_result.data, dict) else None
    extra = {k: v for k, v in (data or {}).items() if k != "output" and not isinstance(v, dict)}
    return render_to_string(
        "extras/jobs/job_result_output.html",
        {
            "result": job_result,
            "output": (data or {}).get("output") if data else job_result.data,
            "summary": _summary(job_result),
            "extra": extra,
        },
        request=request,
    )


class JobResultView(ObjectView):
    """A job result: status, times, user, the log (live while the job runs) and the output."""

    def get(self, request, pk):
        require(request.user, JobResult, "view")
        queryset = allowed(JobResult.objects.select_related("job_model", "user", "schedule"), request.user, "view")
        result = get_object_or_404(queryset, pk=pk)
        lines = [_line(e) for e in log_entries(result)]
        user = request.user
        context = self.context(
            object=result,
            status=status_badge(result.status, result.get_status_display()),
            lines=lines,
            final=result.status in TERMINAL_STATES,
            live_url=reverse("extras:jobresult_live", kwargs={"pk": result.pk}),
            output_html=_output_html(request, result),
            job_url=object_url(result.job_model) if result.job_model else None,
            run_again_url=(
                reverse("extras:job_run", kwargs={"pk": result.job_model_id})
                if result.job_model and services.can_run(user, result.job_model)
                else None
            ),
            tabs=tabs_for(self.spec, result),
            can_delete=user.has_perm("extras.delete_jobresult", result),
            can_cancel=result.status not in TERMINAL_STATES and user.has_perm("extras.change_jobresult", result),
            delete_url=spec_url(self.spec, "delete", result.pk),
            cancel_url=reverse("extras:jobresult_cancel", kwargs={"pk": result.pk}),
        )
        return render(request, "extras/jobs/job_result.html", context)


def job_result_live(request, pk):
    """JSON for the result page's poller: the status and the log lines after the first `?after=` ones."""
    require(request.user, JobResult, "view")
    result = get_object_or_404(allowed(JobResult.objects.all(), request.user, "view"), pk=pk)
    try:
        after = max(int(request.GET.get("after", 0)), 0)
    except ValueError:
        after = 0
    final = result.status in TERMINAL_STATES
    lines = [_line(e) for e in _entries_after(result, after)]
    answer = {
        "status": result.status,
        "status_label": result.get_status_display(),
        "status_class": STATUS_CLASSES.get(result.status, "text-bg-secondary"),
        "started": timezone.localtime(result.started).strftime("%Y-%m-%d %H:%M:%S") if result.started else "",
        "completed": timezone.localtime(result.completed).strftime("%Y-%m-%d %H:%M:%S") if result.completed else "",
        "duration": result.duration,
        "final": final,
        "lines": lines,
        "count": after + len(lines),
    }
    if final:
        answer["output_html"] = _output_html(request, result)
    return JsonResponse(answer)


@require_POST
def job_result_cancel(request, pk):

    require(request.user, JobResult, "change")
    result = get_object_or_404(allowed(JobResult.objects.all(), request.user, "change"), pk=pk)
    outcome = runner.cancel(result)
    labels = {
        "cancelled": "Cancelled.",
        "cancelling": "Cancelling: the worker stops the job.",
        "finished": "The job had already finished.",
    }
    messages.info(request, labels.get(outcome, outcome))
    return HttpResponseRedirect(object_url(result))


# Approval queue --------------------------------------------------------------------------------------------
def approval_queue(request):
    """Runs waiting for approval that the user may see; approve / dry run / deny each (never one's own)."""
    require(request.user, ScheduledJob, "view")
    waiting = allowed(
        ScheduledJob.objects.filter(approval_required=True, approved_at__isnull=True).select_related(
            "job_model", "user"
        ),
        request.user,
        "view",
    ).order_by("start_time")
    now = timezone.now()
    rows = []
    for schedule in waiting:
        rows.append(
            {
                "schedule": schedule,
                "url": object_url(schedule),
                "job_url": object_url(schedule.job_model) if schedule.job_model else None,
                "interval": interval_label(schedule.interval),
                "own": schedule.user_id == request.user.pk,
                "past": schedule.interval == ScheduledJobIntervals.FUTURE and schedule.start_time < now,
                "actions": _decision_urls(schedule),
            }
        )
    return render(request, "extras/jobs/approval_queue.html", {"rows": rows})


def interval_label(interval: str) -> str:
    return dict(ScheduledJobIntervals.choices).get(interval, interval)


def _decision_urls(schedule) -> dict:
    names = [name.replace("-", "_") for name in DECISIONS]
    return {name: reverse(f"extras:scheduledjob_{name}", kwargs={"pk": schedule.pk}) for name in names}


# (permission on the scheduled job, permission on its job) per decision, as the REST API checks them.
DECISIONS = {"approve": ("change", "approve"), "deny": ("delete", "approve"), "dry-run": ("view", "run")}


@require_POST
def decide(request, pk, decision):
    """Approve, deny or dry-run a waiting request (the same checks as the REST API's actions)."""
    if decision not in DECISIONS:
        raise Http404(decision)
    schedule = get_object_or_404(allowed(ScheduledJob.objects.all(), request.user, "view"), pk=pk)
    if not services.may_decide(request.user, schedule, *DECISIONS[decision]):
        raise PermissionDenied("You do not have permission to perform this action.")
    back = reverse("extras:scheduledjob_approval_queue")
    if decision == "approve":
        try:
            schedule = services.approve(schedule, request.user, force=request.POST.get("force") == "1")
        except services.NotAllowed as exc:
            messages.error(request, str(exc))
        except services.RunRejected:
            messages.error(request, 'The requested start time has passed: use "Approve and run now" to run it at once.')
        else:
            messages.success(request, f"Approved {schedule.name}.")
        return HttpResponseRedirect(back)
    if decision == "deny":
        name = schedule.name
        services.deny(schedule)
        messages.success(request, f"Denied {name}: the request is deleted.")
        return HttpResponseRedirect(back)
    try:
        result = services.dry_run(schedule, request.user)
    except services.NoWorker as exc:
        messages.error(request, no_worker_message(exc.queue))
        return HttpResponseRedirect(back)
    except services.RunRejected as rejected:
        messages.error(request, str(rejected.errors.get("detail", rejected.errors)))
        return HttpResponseRedirect(back)
    return HttpResponseRedirect(object_url(result))


def no_worker_message(queue: str) -> str:
    return (
        f"Unable to run the job: no Celery worker is running on queue {queue}. "
        "Start one (nautobot-server celery worker) and try again."
    )


# Detail panels ---------------------------------------------------------------------------------------------
def job_panel(obj, request) -> dict | None:
    """On a job's page: its Run button (with the run permission) and its latest results."""
    if not isinstance(obj, Job):
        return None
    results = list(
        allowed(JobResult.objects.filter(job_model=obj).select_related("user"), request.user, "view").order_by(
            "-created"
        )[:10]
    )
    html = render_to_string(
        "extras/jobs/job_panel.html",
        {
            "job": obj,
            "run_url": reverse("extras:job_run", kwargs={"pk": obj.pk})
            if services.can_run(request.user, obj)
            else None,
            "results": [(r, object_url(r), status_badge(r.status, r.get_status_display())) for r in results],
        },
        request=request,
    )
    return {"title": "Runs", "html": html}


def scheduled_job_panel(obj, request) -> dict | None:
    """On a scheduled job's page: its inputs, and the approval actions while it waits for approval."""
    if not isinstance(obj, ScheduledJob):
        return None
    kwargs = obj.kwargs if isinstance(obj.kwargs, dict) else {}
    html = render_to_string(
        "extras/jobs/scheduled_job_panel.html",
        {
            "schedule": obj,
            "data": sorted((kwargs.get("data") or {}).items()),
            "commit": kwargs.get("commit"),
            "awaiting": obj.awaiting_approval,
            "own": obj.user_id == request.user.pk,
            "actions": _decision_urls(obj),
        },
        request=request,
    )
    return {"title": "Request", "html": html}


class ClassPathConverter:
    """A job's 1.x class path in a URL: `<source>/<module>/<Class>` (`plugins/my_app.jobs/Sync`)."""

    regex = r"[^/]+/[^/]+/[^/]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def job_by_class_path(request, class_path: str):
    """`/extras/jobs/<class path>/`, 1.x's address of a job (`{% url 'extras:job' class_path=... %}` in apps'
    templates): the job's run page."""
    source_prefix, module_name, job_class_name = class_path.split("/")
    job = get_object_or_404(
        Job.objects.all(), source_prefix=source_prefix, module_name=module_name, job_class_name=job_class_name
    )
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return HttpResponseRedirect(reverse("extras:job_run", kwargs={"pk": job.pk}) + query)
