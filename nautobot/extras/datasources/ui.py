"""Git repositories in the web UI: the sync status and what the repository provides, and the Sync button.

A sync is recorded as a `JobResult` named after the repository (`obj_type` extras.gitrepository), so the
page links to that result's own page for the full log.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from nautobot.core.views.permissions import allowed
from nautobot.core.views.urls import object_url
from nautobot.extras.datasources.contents import ordered_contents
from nautobot.extras.datasources.models import GitRepository
from nautobot.extras.datasources.services import enqueue_sync
from nautobot.extras.jobs.logs import log_entries
from nautobot.extras.jobs.runner import default_queue, workers_on
from nautobot.extras.jobs.models import JobResult

STATUS_STYLES = {
    "pending": "secondary",
    "running": "info",
    "completed": "success",
    "failed": "danger",
    "errored": "danger",
}
LOG_EXCERPT = 12
PROVIDED_SHOWN = 10


def sync_results(repository: GitRepository):
    """The job results of `repository`'s syncs (and diffs and removals), newest first."""

    return JobResult.objects.filter(
        obj_type=ContentType.objects.get_for_model(GitRepository), name=repository.name
    ).order_by("-created")


def sync_status_panel(obj, request) -> dict | None:
    """On a repository's page: the last sync (status, times, worker, log excerpt, link to its result)."""
    if not isinstance(obj, GitRepository):
        return None
    result = None
    if request.user.has_perm("extras.view_jobresult"):
        result = allowed(sync_results(obj), request.user, "view").select_related("user").first()
    lines = []
    if result is not None:
        lines = log_entries(result)[-LOG_EXCERPT:]
    context = {
        "repository": obj,
        "result": result,
        "result_url": object_url(result) if result is not None else None,
        "status_style": STATUS_STYLES.get(getattr(result, "status", ""), "secondary"),
        "lines": lines,
        "polling": result is not None and not result.is_terminal,
    }
    html = render_to_string("extras/gitrepository_sync_panel.html", context, request=request)
    return {"title": "Sync status", "html": html, "id": "sync-status", "side": True}


def provided_panel(obj, request) -> dict | None:
    """On a repository's page: per content kind it provides, how many records it gave and which (linked)."""
    if not isinstance(obj, GitRepository):
        return None

    rows = []
    for kind in ordered_contents(list(obj.provided_contents)):
        if kind.provided is None:
            rows.append((kind.label, mark_safe('<span class="text-body-secondary">provided</span>')))
            continue
        queryset = kind.provided(obj)
        model = queryset.model
        if not request.user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            continue
        visible = allowed(queryset, request.user, "view")
        count = visible.count()
        shown = list(visible[:PROVIDED_SHOWN])
        links = [
            format_html('<a href="{}">{}</a>', object_url(o), o) if object_url(o) else format_html("{}", o)
            for o in shown
        ]
        names = mark_safe(", ".join(links))  # noqa: S308  (each part escaped by format_html)
        more = format_html(" and {} more", count - len(shown)) if count > len(shown) else ""
        badge = format_html('<span class="badge text-bg-secondary me-2 provided-count">{}</span>', count)
        rows.append((kind.label, format_html("{}{}{}", badge, names, more)))
    if not rows:
        rows.append(
            ("Nothing", mark_safe('<span class="text-body-secondary">The repository provides no content kinds.</span>'))
        )
    return {"title": "Provided content", "rows": rows, "id": "provided-content", "side": True}


def sync(request, repository: GitRepository):
    """Queue a sync; without a worker on the default queue, say so (and queue nothing) instead of failing."""

    queue = default_queue()
    if not workers_on(queue):
        messages.warning(
            request,
            f"Not synced: no worker is running on the {queue!r} queue, which runs syncs. Start one "
            "(nautobot-server celery worker) and click Sync again.",
        )
        return None
    with transaction.atomic():
        enqueue_sync(repository, user=request.user)
    messages.info(request, f"Sync of {repository} queued; its status updates below.")
    return None
