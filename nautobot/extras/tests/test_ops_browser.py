"""The operations pages in a real browser against a real installation: uWSGI, a Celery worker, PostgreSQL and a
private Redis. An engineer clicks Sync on a local Git repository and watches the status become completed,
then clicks Redeliver on a failed webhook delivery to a local receiver, and reads a change's diff.

Screenshots go to `artifacts/ui/` (git-ignored): ops-01 ... ops-06.
"""

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from nautobot.core.testing.gitrepos import SourceRepository
from nautobot.core.testing.processes import postgres_redis_deployment, wait_for
from nautobot.core.tests.test_ui_browser import Page, browser  # noqa: F401  (fixture)
from nautobot.extras.webhooks.receiver import WebhookReceiver

# One worker runs them all in a parallel run: they share a module-scoped installation.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("ops_browser")]


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """A migrated installation with static files collected, its web service and one worker; yields (deployment, url)."""
    root = tmp_path_factory.mktemp("ops-ui")
    env = {"NAUTOBOT_WEBHOOK_MAX_ATTEMPTS": "1", "NAUTOBOT_WORKER_HEARTBEAT_INTERVAL": "2"}
    with postgres_redis_deployment(root, "ops_ui", **env) as (deployment, _redis):
        # With collectstatic: the screenshots show the real styles. Slow on a busy machine.
        deployment.server("post_upgrade", timeout=900)
        deployment.add_superuser("engineer", "pw")
        url = deployment.start_web(processes=1, threads=4, keepalive=False)
        deployment.start_worker()
        wait_for(
            lambda: (
                deployment.shell(
                    "from nautobot.extras.jobs.runner import workers_on\nprint(workers_on('default'))"
                ).splitlines()[-1]
                != "0"
            ),
            timeout=60,
            what="the worker's heartbeat",
        )
        yield deployment, url


def test_sync_a_git_repository_and_watch_it_complete(browser, stack, tmp_path):  # noqa: F811
    deployment, url = stack
    source = SourceRepository(tmp_path / "source")
    head = source.commit({
        "config_contexts/ntp.yaml": "_metadata: {name: ntp-servers, weight: 100}\nntp: [10.0.0.1, 10.0.0.2]\n",
        "export_templates/dcim/site/sites.txt": "{% for s in queryset %}{{ s.name }}\n{% endfor %}",
        "jobs/__init__.py": "",
        "jobs/audit.py": (
            "from nautobot.extras.jobs import Job\n\n\nclass Audit(Job):\n    class Meta:\n        has_sensitive_variables = False\n\n"
            "    def run(self, data, commit):\n        return 'ok'\n"
        ),
    })  # fmt: skip
    repo_pk = deployment.shell(
        "from nautobot.extras.models import GitRepository\n"
        f"r = GitRepository.objects.create(name='Network data', slug='network-data', remote_url='{source.url}',"
        " provided_contents=['extras.configcontext', 'extras.exporttemplate', 'extras.job'])\n"
        "print(r.pk)"
    ).splitlines()[-1]
    page = Page(browser, url)
    page.go(f"/extras/git-repositories/{repo_pk}/")
    page.login("engineer", "pw")
    assert "No sync recorded yet" in page.wait("#sync-status").text
    page.click("#sync-button")
    assert "queued" in page.wait(".alert-info").text
    WebDriverWait(browser, 90, ignored_exceptions=(StaleElementReferenceException,)).until(  # htmx swaps it
        lambda d: d.find_element(By.ID, "sync-result-status").text == "Completed",
        message="the sync never completed",
    )
    status = browser.find_element(By.ID, "sync-status").text
    assert head in status, status
    provided = browser.find_element(By.ID, "provided-content").text  # refreshed by the status panel's polling
    assert "ntp-servers" in provided and "sites.txt" in provided and "Audit" in provided, provided
    browser.refresh()
    assert head in page.wait(".detail-table").text
    page.shot("ops-03-git-repository-synced")
    page.click("#sync-result-link")
    WebDriverWait(browser, 10).until(lambda d: "/extras/job-results/" in d.current_url)
    assert "Network data" in page.text()
    page.shot("ops-04-git-sync-job-result")


def test_redeliver_a_failed_webhook_delivery_and_read_the_change_diff(browser, stack):  # noqa: F811
    deployment, url = stack
    with WebhookReceiver(secret="s3cret", responses=[503]) as receiver:
        hook_pk = deployment.shell(
            "from django.contrib.contenttypes.models import ContentType\n"
            "from nautobot.extras.models import Webhook\n"
            f"h = Webhook.objects.create(name='NOC automation', payload_url='{receiver.url}hooks/site', type_create=True,"
            " type_update=True, secret='s3cret', additional_headers='Authorization: Bearer top-secret-token\\nX-Team: noc')\n"
            "h.content_types.add(ContentType.objects.get(app_label='dcim', model='site'))\n"
            "print(h.pk)"
        ).splitlines()[-1]
        page = Page(browser, url)
        page.go("/dcim/sites/add/")
        page.login("engineer", "pw")
        page.fill("name", "Paris DC1")
        page.fill("slug", "paris-dc1")
        Select(browser.find_element(By.NAME, "status")).select_by_visible_text("Active")
        page.click("#save-button")
        page.wait(".detail-table")
        receiver.wait_for(1, timeout=60)

        page.go(f"/extras/webhooks/{hook_pk}/")
        WebDriverWait(browser, 30).until(
            lambda d: "Failed" in d.find_element(By.ID, "recent-deliveries").text or d.refresh(),
            message="the first delivery never failed",
        )
        assert "503" in browser.find_element(By.ID, "recent-deliveries").text
        assert (
            "top-secret-token" not in page.text() and "(hidden)" in browser.find_element(By.ID, "webhook-headers").text
        )
        page.shot("ops-01-webhook-detail")
        page.click("#recent-deliveries a.delivery-link")
        page.wait("#attempt-1")
        attempt = browser.find_element(By.ID, "attempt-1").text
        assert "HTTP 503" in attempt and "X-Team" in attempt and "noc" in attempt and "(hidden)" in attempt
        assert "top-secret-token" not in page.text()
        page.shot("ops-02-webhook-delivery-failed")

        failed_url = browser.current_url
        page.click("#redeliver-button")
        browser.switch_to.alert.accept()
        WebDriverWait(browser, 10).until(lambda d: d.current_url != failed_url)
        assert "Queued the change again" in page.wait(".alert-success").text
        calls = receiver.wait_for(2, timeout=60)
        assert calls[1].json()["request_id"] == calls[0].json()["request_id"] and calls[1].signature_ok
        WebDriverWait(browser, 30).until(
            lambda d: d.find_elements(By.ID, "attempt-1") or d.refresh(), message="the redelivery never happened"
        )
        assert "HTTP 200" in browser.find_element(By.ID, "attempt-1").text
        assert "Delivered" in page.text()
        page.shot("ops-05-webhook-redelivered")

    page.go("/dcim/sites/")
    browser.find_element(By.LINK_TEXT, "Paris DC1").click()
    page.wait("#edit-button").click()
    page.fill("description", "Moved to hall 2")
    page.click("#save-button")
    page.wait(".detail-table")
    page.go("/extras/object-changes/?action=update")
    page.wait("#object-table")
    page.shot("ops-06-object-change-list")
    page.click('#object-table a[href^="/extras/object-changes/"]')
    diff = page.wait("#change-diff")
    changed = diff.find_element(By.CSS_SELECTOR, 'tr[data-field="description"]').text
    assert "Moved to hall 2" in changed
    assert "View Paris DC1" in diff.text
    page.shot("ops-07-object-change-diff")
    page.click("#changed-object-link")
    page.wait(".detail-table")
    assert "Moved to hall 2" in page.text()
