"""The jobs REST API in-process: both generations of /api/extras/jobs/, run, results and logs, schedules and approvals."""

import pytest
from django.utils import timezone

from nautobot.core.testing.api import TokenClient
from nautobot.extras.jobs.models import Job, JobLogEntry, JobResult, ScheduledJob
from nautobot.extras.tests.job_fixtures import install_jobs
from nautobot.users.models import ObjectPermission, Token

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobs(jobs_root):
    return install_jobs(jobs_root)


@pytest.fixture
def admin(django_user_model):
    user = django_user_model.objects.create_superuser("jobs-admin", "a@example.com", "pw")
    return TokenClient(Token.objects.create(user=user).key)


@pytest.fixture
def v13(admin):
    return TokenClient(admin.headers["HTTP_AUTHORIZATION"].split()[1], version="1.3")


def test_legacy_list_and_detail(jobs, admin):
    listing = admin.get("/api/extras/jobs/")
    assert listing.status_code == 200 and listing["API-Version"] == "1.2"
    items = {item["id"]: item for item in listing.json()}
    item = items["local/test_jobs/CreateStatus"]
    assert item["url"] == "http://testserver/api/extras/jobs/local/test_jobs/CreateStatus/"
    assert item["pk"] == str(jobs["CreateStatus"].pk) and item["name"] == "Create a status"
    assert item["test_methods"] == ["test_second", "test_first"]
    assert item["vars"] == {"slug": "StringVar", "count": "IntegerVar"} and item["result"] is None
    detail = admin.get(item["url"])
    assert detail.status_code == 200 and detail.json()["id"] == "local/test_jobs/CreateStatus"
    assert admin.get("/api/extras/jobs/local/test_jobs/Nope/").status_code == 404
    assert admin.get("/api/extras/jobs/", bogus="1").status_code == 400


def test_model_list_detail_variables_and_overrides(jobs, v13, admin):
    listing = v13.get("/api/extras/jobs/")
    assert listing.status_code == 200 and listing.json()["count"] == len(jobs)
    job = jobs["CreateStatus"]
    detail = v13.get(f"/api/extras/jobs/{job.pk}/").json()
    assert detail["source"] == "local"
    assert detail["grouping"] == "Test jobs" and detail["enabled"] is True and detail["name_override"] is False
    variables = v13.get(f"/api/extras/jobs/{job.pk}/variables/").json()
    assert variables[0] == {
        "name": "slug",
        "type": "StringVar",
        "required": True,
        "help_text": "slug of the new status",
    }
    assert variables[1]["min_value"] == 0 and variables[1]["default"] == 0
    patched = v13.patch(f"/api/extras/jobs/{job.pk}/", {"name": "Renamed"})
    assert patched.status_code == 200 and patched.json()["name_override"] is True
    assert v13.post("/api/extras/jobs/", {"name": "x"}).status_code == 405
    test_jobs = [j for j in jobs.values() if j.grouping == "Test jobs"]  # the example plugin's job is in its own group
    assert v13.get("/api/extras/jobs/", enabled="true", grouping="Test jobs").json()["count"] == len(test_jobs)


def test_run_answers_503_without_a_worker(jobs, v13):
    response = v13.post(f"/api/extras/jobs/{jobs['CreateStatus'].pk}/run/", {"data": {"slug": "x"}})
    assert response.status_code == 503
    assert response.json() == {"detail": "Unable to process request: No celery workers running on queue default."}
    assert not JobResult.objects.exists()


def test_run_both_routes(jobs, admin, v13, worker, django_capture_on_commit_callbacks):
    job = jobs["CreateStatus"]
    with django_capture_on_commit_callbacks() as sent:
        new = v13.post(
            f"/api/extras/jobs/{job.pk}/run/", {"data": {"slug": "new"}, "commit": False, "job_id": str(job.pk)}
        )
    assert new.status_code == 201, new.content
    body = new.json()
    assert body["schedule"] is None and body["job_result"]["status"] == {"value": "pending", "label": "Pending"}
    assert len(sent) == 1
    result = JobResult.objects.get(pk=body["job_result"]["id"])
    assert result.job_kwargs == {"data": {"slug": "new", "count": 0}, "commit": False, "task_queue": "default"}
    assert result.name == "local/test_jobs/CreateStatus" and result.job_model == job

    with django_capture_on_commit_callbacks():
        legacy = admin.post(
            "/api/extras/jobs/local/test_jobs/CreateStatus/run/", {"class_path": "x", "data": {"slug": "old"}}
        )
    assert legacy.status_code == 200, legacy.content
    assert (
        legacy.json()["id"] == "local/test_jobs/CreateStatus"
        and legacy.json()["result"]["status"]["value"] == "pending"
    )
    assert legacy.json()["result"]["obj_type"] == "extras.job"


def test_run_rejects_bad_input(jobs, v13, worker, django_user_model):
    url = f"/api/extras/jobs/{jobs['CreateStatus'].pk}/run/"
    assert v13.post(url, {"data": {"count": -1}}).json() == {
        "errors": {"slug": ["This field is required."], "count": ["Ensure this value is greater than or equal to 0."]}
    }
    assert v13.post(url, {"data": {"slug": "x", "extra": 1}}).json() == {
        "errors": {"extra": ["Job data contained an unknown property."]}
    }
    assert v13.post(url, {"data": {"slug": "x"}, "task_queue": "elsewhere"}).json() == {
        "task_queue": ['"elsewhere" is not a valid choice.']
    }
    assert v13.post(url, {"data": {"slug": "x"}, "commit": "yes"}).status_code == 400
    bad_schedule = v13.post(
        url, {"data": {"slug": "x"}, "schedule": {"interval": "custom", "name": "c", "crontab": "nope"}}
    )
    assert bad_schedule.status_code == 400 and "crontab" in bad_schedule.json()["schedule"]
    Job.objects.filter(pk=jobs["CreateStatus"].pk).update(enabled=False)
    assert v13.post(url, {"data": {"slug": "x"}}).json() == {"detail": "This job is not enabled to be run."}
    user = django_user_model.objects.create_user("viewer")
    permission = ObjectPermission.objects.create(name="view jobs", actions=["view"])
    permission.users.add(user)
    from django.contrib.contenttypes.models import ContentType

    permission.object_types.add(ContentType.objects.get_for_model(Job))
    Job.objects.update(enabled=True)
    viewer = TokenClient(Token.objects.create(user=user).key, version="1.3")
    assert viewer.post(url, {"data": {"slug": "x"}}).json() == {
        "detail": "This user does not have permission to run jobs."
    }
    assert not JobResult.objects.exists()


def test_schedule_a_run(jobs, v13):
    start = (timezone.now() + timezone.timedelta(hours=1)).isoformat()
    response = v13.post(
        f"/api/extras/jobs/{jobs['CreateStatus'].pk}/run/",
        {"data": {"slug": "later"}, "schedule": {"name": "later", "start_time": start, "interval": "daily"}},
    )
    assert response.status_code == 201, response.content
    assert response.json()["job_result"] is None and response.json()["schedule"]["interval"] == "daily"
    listed = v13.get("/api/extras/scheduled-jobs/").json()["results"][0]
    assert (
        listed["name"] == "later" and listed["interval"] == "daily" and listed["job_model"]["name"] == "Create a status"
    )
    too_soon = v13.post(
        f"/api/extras/jobs/{jobs['CreateStatus'].pk}/run/",
        {
            "data": {"slug": "x"},
            "schedule": {"name": "soon", "start_time": timezone.now().isoformat(), "interval": "future"},
        },
    )
    assert too_soon.status_code == 400 and "start_time" in too_soon.json()["schedule"]


def test_approval_flow(jobs, v13, django_user_model, worker, django_capture_on_commit_callbacks):
    job = jobs["NeedsApproval"]
    requested = v13.post(f"/api/extras/jobs/{job.pk}/run/", {"data": {}})
    assert requested.status_code == 201 and requested.json()["job_result"] is None
    schedule = ScheduledJob.objects.get(pk=requested.json()["schedule"]["id"])
    assert schedule.approval_required and schedule.approved_at is None
    from nautobot.extras.jobs.schedules import fire_due_schedules

    assert fire_due_schedules() == 0  # waits for approval
    own = v13.post(f"/api/extras/scheduled-jobs/{schedule.pk}/approve/", {})
    assert own.status_code == 403 and own.json() == "You cannot approve your own job request!"

    approver = django_user_model.objects.create_superuser("approver", "b@example.com", "pw")
    other = TokenClient(Token.objects.create(user=approver).key, version="1.3")
    dry = other.post(f"/api/extras/scheduled-jobs/{schedule.pk}/dry-run/", {})
    assert dry.status_code == 200 and dry.json()["job_kwargs"]["commit"] is False
    with django_capture_on_commit_callbacks():
        approved = other.post(f"/api/extras/scheduled-jobs/{schedule.pk}/approve/", {})
    assert approved.status_code == 200, approved.content
    assert approved.json()["approved_by_user"]["username"] == "approver" and approved.json()["total_run_count"] == 1
    assert JobResult.objects.filter(schedule=schedule).count() == 1

    second = v13.post(f"/api/extras/jobs/{job.pk}/run/", {"data": {}}).json()["schedule"]["id"]
    denied = other.post(f"/api/extras/scheduled-jobs/{second}/deny/", {})
    assert denied.status_code == 200 and denied.json() is None and not ScheduledJob.objects.filter(pk=second).exists()


def test_results_logs_and_cancel(jobs, v13):
    result = JobResult.objects.create(name="local/test_jobs/Slow", obj_type_id=_job_type(), job_model=jobs["Slow"])
    JobLogEntry.objects.create(job_result=result, log_level="info", grouping="run", message="hello")
    detail = v13.get(f"/api/extras/job-results/{result.pk}/").json()
    assert detail["status"]["value"] == "pending" and detail["job_model"]["job_class_name"] == "Slow"
    logs = v13.get(f"/api/extras/job-results/{result.pk}/logs/").json()
    assert [(e["message"], e["job_result"]) for e in logs] == [("hello", str(result.pk))]
    listed = v13.get("/api/extras/job-logs/", job_result=str(result.pk)).json()
    assert listed["count"] == 1 and listed["results"][0]["display"] == logs[0]["created"].replace("Z", "+00:00")
    assert v13.post("/api/extras/job-results/", {}).status_code == 405
    cancelled = v13.post(f"/api/extras/job-results/{result.pk}/cancel/", {})
    assert cancelled.status_code == 202 and cancelled.json()["outcome"] == "cancelled"
    assert cancelled.json()["job_result"]["status"]["value"] == "errored"
    assert v13.delete(f"/api/extras/job-results/{result.pk}/").status_code == 204
    # This result's logs went with it (other tests' job runs may have left committed log rows in this database).
    assert not JobLogEntry.objects.filter(job_result_id=result.pk).exists()


def _job_type():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Job).pk
