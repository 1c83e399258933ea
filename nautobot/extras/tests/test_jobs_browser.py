"""The jobs pages in a real browser against a real deployment: uWSGI serving the UI and its static files, a
Celery worker running the job. The log lines of a running job appear on its result page while it runs, then the
final status, without a reload. Screenshots go to `artifacts/ui/` as in `core/tests/test_ui_browser.py`."""

import textwrap

import pytest
from django.urls import reverse
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from nautobot.core.tests.test_ui_browser import Page, browser  # noqa: F401  (the fixture)
from nautobot.extras.tests.job_fixtures import write_jobs
from nautobot.extras.tests.test_jobs_workers import _web, _worker

pytestmark = pytest.mark.slow

DEPENDENT_JOB = textwrap.dedent("""
    from nautobot.dcim.models import Rack, Site
    from nautobot.extras.jobs import Job, ObjectVar


    class PickRack(Job):
        site = ObjectVar(model=Site)
        rack = ObjectVar(model=Rack, query_params={"site_id": "$site"})

        def run(self, data, commit):
            pass
""")

PROGRESS_JOB = textwrap.dedent("""
    import time

    from nautobot.extras.jobs import IntegerVar, Job

    name = "Maintenance"


    class Progress(Job):
        steps = IntegerVar(min_value=1, max_value=20, default=4)
        pause = IntegerVar(min_value=0, default=2, description="seconds between steps")

        class Meta:
            name = "Drain and check links"
            description = "Logs a line per step, pausing between them"
            has_sensitive_variables = False

        def run(self, data, commit):
            for step in range(1, data["steps"] + 1):
                self.log_info(message=f"step {step} of {data['steps']}")
                time.sleep(data["pause"])
            self.log_success(message="all steps done")
            return f"finished {data['steps']} steps"
""")


def _deployment(make_deployment):
    deployment = make_deployment("postgres-redis", migrate=False)
    deployment.server("post_upgrade", timeout=900)  # with collectstatic: uWSGI serves the UI's assets
    deployment.env.update(NAUTOBOT_WORKER_HEARTBEAT_INTERVAL="1", NAUTOBOT_WORKER_HEARTBEAT_TIMEOUT="15")
    write_jobs(deployment.root / "jobs")
    write_jobs(deployment.root / "jobs", "maintenance", PROGRESS_JOB)
    deployment.enable_jobs()
    deployment.add_superuser("engineer", "engineer")
    deployment.add_superuser("approver", "approver")
    return deployment


def _rows(driver) -> list[str]:
    return [row.text for row in driver.find_elements(By.CSS_SELECTOR, "#job-log-rows tr.log-line")]


def _status(driver) -> str:
    return driver.find_element(By.CSS_SELECTOR, "#job-status .job-status").get_attribute("data-status")


def _run_button(driver, job_class: str):
    return driver.find_element(By.CSS_SELECTOR, f'tr.job-row[data-job="{job_class}"] a.run-button')


def test_job_log_streams_while_the_job_runs(browser, make_deployment):  # noqa: F811
    deployment = _deployment(make_deployment)
    url = _web(deployment)
    page = Page(browser, url)
    page.go("/extras/jobs/")
    page.login("engineer", "engineer")
    page.go("/extras/jobs/")
    page.wait("#job-list")
    assert "Maintenance" in page.text() and "Local jobs (JOBS_ROOT)" in page.text()
    page.shot("20-jobs-list")

    page.click('tr.job-row[data-job="Progress"] a.run-button')
    page.wait("#job-run-form")
    page.shot("21-job-run-form")
    page.fill("steps", "0")
    page.click("#run-button")
    error = page.wait('.field-error[data-field="steps"]')
    assert "greater than or equal to 1" in error.text
    page.shot("21b-job-run-form-error")
    page.fill("steps", "4")
    page.fill("pause", "2")

    # No worker yet: a clear message on the form, not an error page.
    page.click("#run-button")
    assert "no Celery worker is running on queue default" in page.wait("#no-worker").text
    page.shot("22-job-run-no-worker")

    _worker(deployment, concurrency=1)
    page.fill("steps", "4")
    page.fill("pause", "2")
    page.click("#run-button")
    page.wait("#job-result")
    assert "/extras/job-results/" in browser.current_url
    browser.execute_script("window.__sameDocument = true")  # gone if the page reloads
    # Lines appear while the job is still running (4 steps x 2 s): at least two, with the status still running.
    WebDriverWait(browser, 60).until(lambda d: len(_rows(d)) >= 2 and _status(d) == "running")
    seen_running = _rows(browser)
    assert any("step 1 of 4" in row for row in seen_running)
    assert not any("all steps done" in row for row in seen_running)
    page.shot("23-job-result-running")
    WebDriverWait(browser, 60).until(lambda d: _status(d) == "completed")
    rows = _rows(browser)
    assert len([r for r in rows if " of 4" in r]) == 4 and any("all steps done" in r for r in rows)
    assert "finished 4 steps" in browser.find_element(By.ID, "job-output").text
    assert browser.find_element(By.CSS_SELECTOR, "#job-status-badge .job-status").text == "Completed"
    assert browser.find_element(By.ID, "job-completed").text not in ("", "—")
    assert browser.execute_script("return window.__sameDocument === true")  # no reload happened
    page.shot("24-job-result-finished")

    # A job that needs approval goes to the queue; its requester cannot approve it, another user can.
    page.go("/extras/jobs/")
    _run_button(browser, "NeedsApproval").click()
    page.wait("#job-run-form")
    page.click("#run-button")
    page.wait("#approval-queue")
    assert "waiting for approval" in page.text()
    assert browser.find_element(By.CSS_SELECTOR, "tr.approval-row .approve-button").get_attribute("disabled")
    page.shot("25-approval-queue")
    page.click("#user-menu")
    page.wait("#logout").click()
    page.wait("#id_username")
    page.login("approver", "approver")
    page.go("/extras/scheduled-jobs/approval-queue/")
    page.wait("#approval-queue")
    page.shot("26-approval-queue-approver")
    page.click("tr.approval-row .approve-button")
    assert "Approved" in page.wait(".alert-success").text
    assert "No job requests are waiting" in page.wait("#approval-queue-empty").text
    # The approved run fired at once: follow it from the job list's "last run" to its result.
    page.go("/extras/jobs/")
    browser.find_element(By.CSS_SELECTOR, 'tr.job-row[data-job="NeedsApproval"] td.last-run a').click()
    page.wait("#job-result")
    WebDriverWait(browser, 60).until(lambda d: _status(d) == "completed")
    assert "approved run" in "\n".join(_rows(browser))


@pytest.mark.django_db(transaction=True)
def test_object_chooser_filtered_by_another_field(browser, live_server, settings, tmp_path, django_user_model):  # noqa: F811
    """`query_params={"site_id": "$site"}`: the rack chooser offers only the racks of the site chosen above it."""
    from nautobot.extras.tests import builders as b
    from nautobot.extras.jobs.models import Job
    from nautobot.extras.jobs.registry import refresh_job_models

    settings.JOBS_ROOT = str(tmp_path / "jobs")
    write_jobs(tmp_path / "jobs", "pick_rack", DEPENDENT_JOB)
    refresh_job_models()
    job = Job.objects.get(job_class_name="PickRack")
    Job.objects.filter(pk=job.pk).update(enabled=True)
    from nautobot.dcim.models import Rack, Site

    paris = Site.objects.create(name="Paris", slug="paris", status=b.status())
    lyon = Site.objects.create(name="Lyon", slug="lyon", status=b.status())
    Rack.objects.create(site=paris, name="paris-r1", status=b.status())
    Rack.objects.create(site=lyon, name="lyon-r1", status=b.status())
    django_user_model.objects.create_superuser("picker", "p@example.com", "pw")
    page = Page(browser, live_server.url)
    page.go("/login/")
    page.login("picker", "pw")
    page.go(reverse("extras:job_run", kwargs={"pk": job.pk}))
    page.wait("#job-run-form")
    page.choose("site", "Lyon")
    wrapper = browser.find_element(By.CSS_SELECTOR, "select[name=rack] + .ts-wrapper")
    wrapper.find_element(By.CSS_SELECTOR, ".ts-control").click()
    WebDriverWait(browser, 10).until(lambda d: wrapper.find_elements(By.CSS_SELECTOR, ".ts-dropdown .option"))
    offered = [o.text for o in wrapper.find_elements(By.CSS_SELECTOR, ".ts-dropdown .option")]
    assert offered == ["lyon-r1"], offered
