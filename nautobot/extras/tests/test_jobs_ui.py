"""The jobs pages of the web UI in-process: list, run form (every variable type), permissions, schedules, approvals,
result page and its live endpoint."""

import textwrap
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from nautobot.core.testing.api import signed_in as login
from nautobot.extras.jobs.models import FileProxy, Job, JobLogEntry, JobResult, ScheduledJob
from nautobot.extras.tests.job_fixtures import install_jobs, write_jobs
from nautobot.users.models import ObjectPermission

pytestmark = pytest.mark.django_db

ALL_VARIABLES = textwrap.dedent("""
    from nautobot.dcim.models import Rack, Site
    from nautobot.extras.jobs import (
        BooleanVar, ChoiceVar, FileVar, IntegerVar, IPAddressVar, IPAddressWithMaskVar, IPNetworkVar, Job,
        MultiChoiceVar, MultiObjectVar, ObjectVar, StringVar, TextVar,
    )

    name = "Every input"


    class EveryVariable(Job):
        text = StringVar(description="a line")
        notes = TextVar(required=False)
        count = IntegerVar(min_value=1, max_value=10, default=2)
        flag = BooleanVar(default=True)
        color = ChoiceVar(choices=(("red", "Red"), ("blue", "Blue")))
        colors = MultiChoiceVar(choices=(("red", "Red"), ("blue", "Blue")), required=False)
        site = ObjectVar(model=Site, required=False, query_params={"status": "active"})
        rack = ObjectVar(model=Rack, required=False, query_params={"site_id": "$site"})
        sites = MultiObjectVar(model=Site, required=False)
        upload = FileVar(required=False)
        address = IPAddressVar(required=False)
        interface = IPAddressWithMaskVar(required=False)
        network = IPNetworkVar(required=False)

        class Meta:
            has_sensitive_variables = False

        def run(self, data, commit):
            self.log_info(message=f"flag={data['flag']} count={data['count']}")
""")


@pytest.fixture
def jobs(jobs_root):
    write_jobs(jobs_root, "every_input", ALL_VARIABLES)
    return install_jobs(jobs_root)


def grant(user, model: str, actions: list[str], **constraints) -> None:
    app_label, model_name = model.split(".")
    permission = ObjectPermission.objects.create(
        name=f"{model} {actions}", actions=actions, constraints=constraints or None
    )
    permission.object_types.add(ContentType.objects.get(app_label=app_label, model=model_name))
    permission.users.add(user)


def run_url(job) -> str:
    return reverse("extras:job_run", kwargs={"pk": job.pk})


def test_list_is_grouped_by_source_and_module_with_last_run(jobs, admin, admin_user):
    JobResult.objects.create(
        name=jobs["Slow"].class_path,
        obj_type=ContentType.objects.get_for_model(Job),
        job_model=jobs["Slow"],
        user=admin_user,
        status="failed",
    )
    Job.objects.filter(pk=jobs["Failing"].pk).update(enabled=False)
    page = admin.get("/extras/jobs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-source="local"' in html and "Local jobs (JOBS_ROOT)" in html
    assert html.index("Local jobs (JOBS_ROOT)") < html.index('data-source="plugins"')  # the example plugin's
    assert "Every input (every_input)" in html and "Test jobs (test_jobs)" in html
    assert html.index("Every input (every_input)") < html.index("Test jobs (test_jobs)")
    rows = {row.split('data-job="')[1].split('"')[0]: row for row in html.split('<tr class="job-row"')[1:]}
    assert set(rows) >= {"CreateStatus", "Slow", "EveryVariable", "Failing"}
    assert "Failed" in rows["Slow"] and "Never" in rows["CreateStatus"]
    assert f'href="{run_url(jobs["Slow"])}"' in rows["Slow"]
    assert "disabled>Run" in rows["Failing"] and ">No<" in rows["Failing"]
    # Search and CSV export still work on the replaced list.
    found = admin.get("/extras/jobs/", {"q": "Upload"}).content.decode()
    assert 'data-job="Upload"' in found and 'data-job="Slow"' not in found
    exported = admin.get("/extras/jobs/", {"export": "csv"})
    assert exported.status_code == 200 and b"Create a status" in b"".join(exported.streaming_content)


def test_without_run_permission_no_run_button_and_403(jobs, django_user_model):
    viewer = django_user_model.objects.create_user("jobs-viewer", "v@example.com", "pw")
    grant(viewer, "extras.job", ["view"])
    client = login(viewer)
    html = client.get("/extras/jobs/").content.decode()
    assert 'data-job="CreateStatus"' in html and "run-button" not in html
    assert client.get(run_url(jobs["CreateStatus"])).status_code == 403
    assert client.post(run_url(jobs["CreateStatus"]), {"slug": "x"}).status_code == 403
    assert not JobResult.objects.exists()
    detail = client.get(f"/extras/jobs/{jobs['CreateStatus'].pk}/").content.decode()
    assert "Run this job" not in detail
    # Run permission limited to one job by a constraint: the button shows on that job only.
    grant(viewer, "extras.job", ["run"], job_class_name="Slow")
    html = client.get("/extras/jobs/").content.decode()
    rows = {row.split('data-job="')[1].split('"')[0]: row for row in html.split('<tr class="job-row"')[1:]}
    assert "run-button" in rows["Slow"] and "run-button" not in rows["CreateStatus"]
    assert client.get(run_url(jobs["Slow"])).status_code == 200
    assert client.get(run_url(jobs["CreateStatus"])).status_code == 403


def test_run_form_has_every_variable_type(jobs, admin):
    page = admin.get(run_url(jobs["EveryVariable"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html
    for name in ("text", "count", "color", "site", "sites", "upload", "address", "interface", "network"):
        assert f'name="{name}"' in html, name
    assert '<textarea name="notes"' in html
    assert 'type="checkbox" name="flag"' in html and 'name="flag" class="form-check-input" id="id_flag" checked' in html
    assert 'data-api-url="/api/dcim/sites/?status=active"' in html  # searchable, loaded from the API
    assert 'data-query-params="{&quot;site_id&quot;: &quot;$site&quot;}"' in html  # filtered by the site field
    assert (
        '<select name="sites" data-api-url="/api/dcim/sites/"' in html
        and "multiple" in html.split('name="sites"')[1][:200]
    )
    assert '<select name="colors"' in html and 'type="file" name="upload"' in html
    assert 'name="_commit"' in html and 'name="_schedule_type"' in html and 'type="datetime-local"' in html
    assert 'value="2"' in html.split('name="count"')[1][:80]


def test_bad_values_show_errors_next_to_fields(jobs, admin, worker):
    response = admin.post(
        run_url(jobs["EveryVariable"]),
        {
            "text": "ok",
            "count": "11",
            "color": "green",
            "address": "not-an-ip",
            "_commit": "on",
            "_schedule_type": "immediately",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-field="count"' in html and "less than or equal to 10" in html
    assert 'data-field="color"' in html and 'data-field="address"' in html and "Invalid IP address" in html
    assert 'value="ok"' in html  # what the user typed stays
    assert not JobResult.objects.exists()


def test_run_redirects_to_result_with_inputs_and_dry_run(jobs, admin, worker, admin_user):
    from nautobot.dcim.tests import builders as b

    site = b.site()
    response = admin.post(
        run_url(jobs["EveryVariable"]),
        {
            "text": "hello",
            "count": "3",
            "color": "blue",
            "colors": ["red", "blue"],
            "site": str(site.pk),
            "sites": [str(site.pk)],
            "upload": SimpleUploadedFile("hosts.txt", b"10.0.0.1\n"),
            "address": "192.0.2.1",
            "interface": "192.0.2.1/24",
            "network": "192.0.2.0/24",
            "_schedule_type": "immediately",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    result = JobResult.objects.get()
    assert response["Location"] == f"/extras/job-results/{result.pk}/"
    kwargs = result.job_kwargs
    assert kwargs["commit"] is False  # the box was not checked: a dry run
    data = kwargs["data"]
    assert data["flag"] is False and data["count"] == 3 and data["colors"] == ["red", "blue"]
    assert data["site"] == str(site.pk) and data["sites"] == [str(site.pk)] and data["network"] == "192.0.2.0/24"
    assert FileProxy.objects.get(pk=data["upload"]).name == "hosts.txt"
    assert result.user == admin_user and result.status == "pending"
    page = admin.get(response["Location"])
    assert page.status_code == 200 and b'data-final="false"' in page.content and b"Pending" in page.content


def test_no_worker_is_a_clear_error_not_a_500(jobs, admin):
    response = admin.post(run_url(jobs["CreateStatus"]), {"slug": "x", "count": "0", "_commit": "on"})
    assert response.status_code == 503
    assert b"no Celery worker is running on queue default" in response.content
    assert not JobResult.objects.exists()


def test_schedule_in_the_future_and_its_errors(jobs, admin, worker):
    url = run_url(jobs["CreateStatus"])
    past = admin.post(
        url,
        {
            "slug": "x",
            "count": "0",
            "_schedule_type": "future",
            "_schedule_name": "later",
            "_schedule_start_time": "2001-01-01T10:00",
        },
    )
    assert past.status_code == 200 and 'data-field="_schedule_start_time"' in past.content.decode()
    unnamed = admin.post(url, {"slug": "x", "count": "0", "_schedule_type": "custom", "_schedule_crontab": "nope"})
    html = unnamed.content.decode()
    assert 'data-field="_schedule_name"' in html and 'data-field="_schedule_crontab"' in html
    start = timezone.localtime(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = admin.post(
        url,
        {
            "slug": "x",
            "count": "0",
            "_commit": "on",
            "_schedule_type": "daily",
            "_schedule_name": "nightly",
            "_schedule_start_time": start,
        },
    )
    schedule = ScheduledJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/extras/scheduled-jobs/{schedule.pk}/"
    assert schedule.name == "nightly" and schedule.interval == "daily" and schedule.kwargs["commit"] is True
    assert not JobResult.objects.exists()
    detail = admin.get(response["Location"]).content.decode()
    assert "nightly" in detail and "<code>x</code>" in detail


def test_sensitive_jobs_cannot_be_scheduled(jobs, admin):
    job = jobs["Failing"]  # has_sensitive_variables defaults to True
    html = admin.get(run_url(job)).content.decode()
    assert "_schedule_type" not in html


def test_approval_queue(jobs, admin, admin_user, worker, django_user_model):
    response = admin.post(run_url(jobs["NeedsApproval"]), {"_commit": "on"})
    queue_url = reverse("extras:scheduledjob_approval_queue")
    assert response.status_code == 302 and response["Location"] == queue_url
    request = ScheduledJob.objects.get()
    assert request.awaiting_approval and not JobResult.objects.exists()
    html = admin.get(queue_url).content.decode()
    assert request.name in html and "You cannot approve your own job request" in html and "Once immediately" in html
    # Nobody approves their own request, as in the API.
    admin.post(reverse("extras:scheduledjob_approve", kwargs={"pk": request.pk}))
    request.refresh_from_db()
    assert request.approved_at is None
    assert "You cannot approve your own job request!" in admin.get(queue_url).content.decode()

    other = django_user_model.objects.create_superuser("jobs-approver", "o@example.com", "pw")
    approver = login(other)
    html = approver.get(queue_url).content.decode()
    assert 'approve-button" type="submit"' in html
    dry = approver.post(reverse("extras:scheduledjob_dry_run", kwargs={"pk": request.pk}))
    dry_result = JobResult.objects.get()
    assert dry.status_code == 302 and dry["Location"] == f"/extras/job-results/{dry_result.pk}/"
    assert dry_result.job_kwargs["commit"] is False and dry_result.user == other
    approved = approver.post(reverse("extras:scheduledjob_approve", kwargs={"pk": request.pk}))
    assert approved.status_code == 302
    request.refresh_from_db()
    assert request.approved_by_user == other and request.approved_at is not None
    assert JobResult.objects.count() == 2  # due already: fired at once
    assert "No job requests are waiting" in approver.get(queue_url).content.decode()

    admin.post(run_url(jobs["NeedsApproval"]), {"_commit": "on"})
    second = ScheduledJob.objects.get(approved_at__isnull=True)
    approver.post(reverse("extras:scheduledjob_deny", kwargs={"pk": second.pk}))
    assert not ScheduledJob.objects.filter(pk=second.pk).exists()


def test_decisions_need_permissions(jobs, admin, django_user_model):
    admin.post(run_url(jobs["NeedsApproval"]), {"_commit": "on"})
    request = ScheduledJob.objects.get()
    viewer = django_user_model.objects.create_user("queue-viewer", "q@example.com", "pw")
    grant(viewer, "extras.scheduledjob", ["view"])
    client = login(viewer)
    assert client.get(reverse("extras:scheduledjob_approval_queue")).status_code == 200
    assert client.post(reverse("extras:scheduledjob_approve", kwargs={"pk": request.pk})).status_code == 403
    assert client.post(reverse("extras:scheduledjob_deny", kwargs={"pk": request.pk})).status_code == 403
    request.refresh_from_db()
    assert request.approved_at is None


def test_result_page_and_live_endpoint(jobs, admin, admin_user):
    result = JobResult.objects.create(
        name=jobs["Slow"].class_path,
        obj_type=ContentType.objects.get_for_model(Job),
        job_model=jobs["Slow"],
        user=admin_user,
        status="running",
        started=timezone.now(),
    )
    for index in range(3):
        JobLogEntry.objects.create(job_result=result, log_level="info", grouping="run", message=f"line <{index}>")
    page = admin.get(f"/extras/job-results/{result.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and html.count('class="log-line"') == 3 and "line &lt;2&gt;" in html
    assert 'data-count="3"' in html and 'data-final="false"' in html and "Running" in html
    live_url = reverse("extras:jobresult_live", kwargs={"pk": result.pk})
    assert f'data-live-url="{live_url}"' in html
    live = admin.get(live_url, {"after": 3}).json()
    assert live["lines"] == [] and live["count"] == 3 and live["final"] is False and live["status"] == "running"
    JobLogEntry.objects.create(job_result=result, log_level="warning", grouping="run", message="fourth")
    live = admin.get(live_url, {"after": 3}).json()
    assert [line["message"] for line in live["lines"]] == ["fourth"] and live["count"] == 4
    assert live["lines"][0]["level_class"] == "text-bg-warning"
    JobResult.objects.filter(pk=result.pk).update(
        status="completed",
        completed=timezone.now(),
        data={"output": "all done", "run": {"success": 1, "info": 3, "warning": 1, "failure": 0}, "total": {}},
    )
    live = admin.get(live_url, {"after": 4}).json()
    assert live["final"] is True and live["status_label"] == "Completed" and "all done" in live["output_html"]
    assert "job-summary" in live["output_html"]
    final = admin.get(f"/extras/job-results/{result.pk}/").content.decode()
    assert 'data-final="true"' in final and "all done" in final and "cancel-button" not in final


def test_result_pages_need_view_permission(jobs, admin_user, django_user_model):
    result = JobResult.objects.create(
        name="x", obj_type=ContentType.objects.get_for_model(Job), job_model=jobs["Slow"], user=admin_user
    )
    nobody = login(django_user_model.objects.create_user("jobs-nobody", "n@example.com", "pw"))
    assert nobody.get(f"/extras/job-results/{result.pk}/").status_code == 403
    assert nobody.get(reverse("extras:jobresult_live", kwargs={"pk": result.pk})).status_code == 403


def test_jobs_menu(jobs, admin):
    html = admin.get("/").content.decode()
    menu = html.split('data-bs-toggle="dropdown" aria-expanded="false">Jobs</a>')[1].split("</ul>")[0]
    for label in ("Jobs", "Job results", "Scheduled jobs", "Approval queue"):
        assert f">{label}</a>" in menu, label


def test_a_job_at_its_1x_class_path_address_is_its_run_page(admin_user):
    """Apps' templates link to a job with `{% url 'extras:job' class_path=... %}` (1.x's address)."""
    job = Job.objects.create(source_prefix="plugins", module_name="my_app.jobs", job_class_name="Sync", name="Sync")
    url = reverse("extras:job", kwargs={"class_path": job.class_path})
    assert url == "/extras/jobs/plugins/my_app.jobs/Sync/"
    assert reverse("extras:job", kwargs={"pk": job.pk}) == f"/extras/jobs/{job.pk}/"  # ours, unchanged
    response = login(admin_user).get(f"{url}?device=x")
    assert response.status_code == 302 and response["Location"] == f"/extras/jobs/{job.pk}/run/?device=x"
    assert login(admin_user).get("/extras/jobs/plugins/my_app.jobs/Nope/").status_code == 404
