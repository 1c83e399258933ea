"""Register jobs: the `run_job` task, the Job table refresh after migrate, where jobs are found, the web UI's pages
and panels that are not a spec's, the reaping of lost jobs (worker and beat heartbeats) and the firing of schedules (beat)."""

from django.apps import apps
from django.db.models.signals import post_migrate
from django.urls import register_converter

from nautobot.core.celery import app as celery_app
from nautobot.core.registry import BeatHook, MenuEntry, Panel, TickHook, registry
from nautobot.core.views.routes import register_page
from nautobot.extras.jobs.logs import reap_lost_jobs
from nautobot.extras.jobs.registry import refresh_after_migrate, register_sources
from nautobot.extras.jobs.schedules import fire_due_schedules
from nautobot.extras.jobs.views import (
    DECISIONS,
    ClassPathConverter,
    JobRunView,
    approval_queue,
    decide,
    job_by_class_path,
    job_panel,
    job_result_cancel,
    job_result_live,
    scheduled_job_panel,
)


def register() -> None:
    celery_app.autodiscover_tasks(["nautobot.extras.jobs"], related_name="runner", force=True)  # run_job
    post_migrate.connect(
        refresh_after_migrate, sender=apps.get_app_config("extras"), dispatch_uid="nautobot.extras.refresh_jobs"
    )
    register_sources()
    _register_pages()
    registry.detail_panels.register(Panel(job_panel))
    registry.detail_panels.register(Panel(scheduled_job_panel))
    for kind in ("celery", "beat"):
        registry.beat_hooks.register(BeatHook(kind, reap_lost_jobs))
    registry.tick_hooks.register(TickHook(fire_due_schedules))


def _register_pages() -> None:
    register_page("extras", "jobs/<uuid:pk>/run/", JobRunView.as_view(), "job_run")
    register_converter(ClassPathConverter, "job_class_path")
    register_page("extras", "jobs/<job_class_path:class_path>/", job_by_class_path, "job")  # 1.x's name and address
    register_page("extras", "job-results/<uuid:pk>/live/", job_result_live, "jobresult_live")
    register_page("extras", "job-results/<uuid:pk>/cancel/", job_result_cancel, "jobresult_cancel")
    register_page(
        "extras",
        "scheduled-jobs/approval-queue/",
        approval_queue,
        "scheduledjob_approval_queue",
        menu=MenuEntry("Jobs", "Approval queue", permission="extras.view_scheduledjob"),
    )
    for decision in DECISIONS:
        register_page(
            "extras",
            f"scheduled-jobs/<uuid:pk>/{decision}/",
            decide,
            f"scheduledjob_{decision.replace('-', '_')}",
            kwargs={"decision": decision},
        )
