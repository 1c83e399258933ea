"""The operations pages of the web UI: webhook deliveries and redelivery, Git repository sync status and the
Sync button, the change log's filters and diffs. Permissions: buttons only for those who may act, 403 else."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from nautobot.core.models import WorkerHeartbeat
from nautobot.core.testing.api import TokenClient
from nautobot.extras.models import GitRepository, JobLogEntry, JobResult, ObjectChange
from nautobot.extras.webhooks.delivery import deliver
from nautobot.extras.webhooks.models import Webhook, WebhookDelivery
from nautobot.extras.webhooks.receiver import WebhookReceiver
from nautobot.users.models import ObjectPermission, Token

pytestmark = pytest.mark.django_db
BEARER = "Bearer NEVER-SHOWN-4711"
SECRET = "hook-secret-NEVER-SHOWN"


@pytest.fixture
def viewer(django_user_model):
    """A user who may view everything on these pages and change nothing."""
    user = django_user_model.objects.create_user("ops-viewer", "v@example.com", "pw")
    grant = ObjectPermission.objects.create(name="view ops", actions=["view"])
    for model in ("webhook", "webhookdelivery", "gitrepository", "objectchange", "jobresult", "site"):
        grant.object_types.add(ContentType.objects.get(app_label="dcim" if model == "site" else "extras", model=model))
    grant.users.add(user)
    client = Client()
    client.force_login(user)
    return client


def _hook(url: str) -> Webhook:
    hook = Webhook.objects.create(
        name="netops", payload_url=url, type_create=True, type_update=True, secret=SECRET,
        additional_headers=f"Authorization: {BEARER}\nX-Team: netops",
    )  # fmt: skip
    hook.content_types.add(ContentType.objects.get(app_label="dcim", model="site"))
    return hook


def _site(api, name="par1") -> dict:
    response = api.post("/api/dcim/sites/", {"name": name, "slug": name, "status": "active"})
    assert response.status_code == 201, response.content
    return response.json()


def test_webhook_page_lists_deliveries_and_delivery_page_shows_attempts(admin, api):
    with WebhookReceiver(secret=SECRET, responses=[503, 201]) as receiver:
        hook = _hook(receiver.url)
        _site(api)
        delivery = WebhookDelivery.objects.get(webhook=hook)
        WebhookDelivery.objects.filter(pk=delivery.pk).update(enqueued_at=None)
        assert deliver(delivery.pk).startswith("attempt 1: 503")
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        assert deliver(delivery.pk).startswith("attempt 2: 201")
        assert len(receiver.received) == 2 and receiver.received[1].headers["Authorization"] == BEARER

    page = admin.get(f"/extras/webhooks/{hook.pk}/").content.decode()
    assert 'id="recent-deliveries"' in page and f"/extras/webhook-deliveries/{delivery.pk}/" in page
    assert "Delivered" in page and ">201<" in page and " ms<" in page
    assert f"/extras/webhook-deliveries/?webhook_id={hook.pk}" in page
    assert SECRET not in page and "Signed" in page
    assert "NEVER-SHOWN" not in page and "X-Team" in page and "(hidden)" in page, "no credential on the webhook's page"

    page = admin.get(f"/extras/webhook-deliveries/{delivery.pk}/").content.decode()
    assert 'id="attempt-1"' in page and 'id="attempt-2"' in page
    assert "HTTP 503" in page and "HTTP 201" in page
    assert "X-Team" in page and "netops" in page and "Authorization" in page and "(hidden)" in page
    assert "NEVER-SHOWN" not in page, "no credential of the request is shown (nor stored)"
    assert 'id="redeliver-button"' in page
    stored = str(list(delivery.attempts.values_list("request_headers", flat=True)))
    assert "NEVER-SHOWN" not in stored and "X-Hook-Signature" in stored


def test_redeliver_queues_a_new_delivery_of_the_same_change(admin, api, django_capture_on_commit_callbacks):
    hook = _hook("http://127.0.0.1:9/")
    _site(api)
    first = WebhookDelivery.objects.get(webhook=hook)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(f"/extras/webhook-deliveries/{first.pk}/redeliver/")
    fresh = WebhookDelivery.objects.exclude(pk=first.pk).get(webhook=hook)
    assert response.status_code == 302 and response["Location"] == f"/extras/webhook-deliveries/{fresh.pk}/"
    assert fresh.object_change_id == first.object_change_id and fresh.state == "pending"
    assert fresh.enqueued_at is not None, "handed to the broker when the request committed"
    page = admin.get(response["Location"]).content.decode()
    assert "Queued the change again" in page and "No worker is listening on the webhooks queue" in page
    assert admin.get(f"/extras/webhook-deliveries/{first.pk}/redeliver/").status_code == 405


def test_read_only_user_sees_no_action_buttons_and_gets_403(viewer, api):
    hook = _hook("http://127.0.0.1:9/")
    _site(api)
    delivery = WebhookDelivery.objects.get(webhook=hook)
    repo = GitRepository.objects.create(name="Data", slug="data", remote_url="https://h/r.git")
    WorkerHeartbeat.objects.create(
        name="celery@h", kind="celery", hostname="h", pid=1, queues=["default"], started=timezone.now(),
        last_seen=timezone.now(),
    )  # fmt: skip
    for url, button in (
        (f"/extras/webhook-deliveries/{delivery.pk}/", "redeliver-button"),
        (f"/extras/git-repositories/{repo.pk}/", "sync-button"),
    ):
        response = viewer.get(url)
        assert response.status_code == 200, url
        assert button not in response.content.decode() and "edit-button" not in response.content.decode()
    assert viewer.post(f"/extras/webhook-deliveries/{delivery.pk}/redeliver/").status_code == 403
    assert viewer.post(f"/extras/git-repositories/{repo.pk}/sync/").status_code == 403
    assert WebhookDelivery.objects.count() == 1 and not JobResult.objects.exists()


def test_constrained_user_may_act_only_on_permitted_objects(django_user_model, api):
    hook = _hook("http://127.0.0.1:9/")
    _site(api, "par1")
    _site(api, "par2")
    mine, other = WebhookDelivery.objects.filter(webhook=hook).order_by("created")
    user = django_user_model.objects.create_user("ops-some", "s@example.com", "pw")
    grant = ObjectPermission.objects.create(name="some", actions=["view", "add"], constraints={"pk": str(mine.pk)})
    grant.object_types.add(ContentType.objects.get(app_label="extras", model="webhookdelivery"))
    grant.users.add(user)
    client = Client()
    client.force_login(user)
    assert "redeliver-button" in client.get(f"/extras/webhook-deliveries/{mine.pk}/").content.decode()
    assert client.post(f"/extras/webhook-deliveries/{other.pk}/redeliver/").status_code == 404


def test_sync_without_a_worker_says_so_and_queues_nothing(admin):
    repo = GitRepository.objects.create(name="Data", slug="data", remote_url="https://h/r.git")
    response = admin.post(f"/extras/git-repositories/{repo.pk}/sync/", follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "no worker is running on the &#x27;default&#x27; queue" in page and 'id="sync-button"' in page
    assert not JobResult.objects.exists()


def test_sync_with_a_worker_queues_a_job_result_shown_on_the_page(admin, admin_user):
    repo = GitRepository.objects.create(name="Data", slug="data", remote_url="https://h/r.git")
    WorkerHeartbeat.objects.create(
        name="celery@h", kind="celery", hostname="h", pid=1, queues=["default"], started=timezone.now(),
        last_seen=timezone.now(),
    )  # fmt: skip
    response = admin.post(f"/extras/git-repositories/{repo.pk}/sync/", follow=True)
    result = JobResult.objects.get(name="Data", obj_type__model="gitrepository")
    assert result.status == "pending" and result.user == admin_user
    page = response.content.decode()
    assert "Sync of Data queued" in page and 'id="sync-result-status">Pending<' in page
    assert f"/extras/job-results/{result.pk}/" in page and 'hx-trigger="every 2s"' in page


def test_repository_page_shows_the_last_sync_its_log_and_what_it_provides(admin):
    from nautobot.extras.models import ConfigContext

    repo = GitRepository.objects.create(
        name="Data", slug="data", remote_url="https://h/r.git", current_head="a" * 40,
        provided_contents=["extras.configcontext", "extras.exporttemplate"],
    )  # fmt: skip
    owner = {"owner_content_type": ContentType.objects.get_for_model(GitRepository), "owner_object_id": repo.pk}
    ConfigContext.objects.create(name="ntp-servers", data={"ntp": ["10.0.0.1"]}, **owner)
    ConfigContext.objects.create(name="not-from-git", data={})
    old = JobResult.objects.create(
        name="Data", obj_type=ContentType.objects.get_for_model(GitRepository), status="failed"
    )
    JobResult.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(hours=1))
    result = JobResult.objects.create(
        name="Data", obj_type=ContentType.objects.get_for_model(GitRepository), status="completed",
        started=timezone.now(), completed=timezone.now(),
    )  # fmt: skip
    JobLogEntry.objects.create(
        job_result=result, log_level="success", grouping="Config contexts", message="Loaded ntp-servers.yaml",
        created=timezone.now(),
    )  # fmt: skip
    page = admin.get(f"/extras/git-repositories/{repo.pk}/").content.decode()
    assert 'id="sync-result-status">Completed<' in page and f"/extras/job-results/{result.pk}/" in page
    assert "Loaded ntp-servers.yaml" in page and "a" * 40 in page and "every 2s" not in page
    provided = page.split('id="provided-content"', 1)[1].split("</table>", 1)[0]
    assert "Config contexts" in provided and ">ntp-servers</a>" in provided and "not-from-git" not in provided
    assert "Export templates" in provided and 'provided-count">0<' in provided


def test_object_change_filters_by_user_action_type_and_time(admin, admin_user, django_user_model, api):
    site = _site(api, "par1")
    api.patch(f"/api/dcim/sites/{site['id']}/", {"description": "moved"})
    region = api.post("/api/dcim/regions/", {"name": "Europe", "slug": "europe"})
    assert region.status_code == 201
    other = django_user_model.objects.create_superuser("someone-else", "o@example.com", "pw")
    other_api = TokenClient(Token.objects.create(user=other).key)
    _site(other_api, "lon1")
    ObjectChange.objects.filter(object_repr="Europe").update(time=timezone.now() - timedelta(days=3))

    def listed(**params) -> set:
        response = admin.get("/extras/object-changes/", params)
        assert response.status_code == 200
        return (
            {c.object_repr for c in response.context["table"].page.object_list.data}
            if response.context["table"].page
            else set()
        )

    assert listed() == {"par1", "Europe", "lon1"}
    assert listed(user_id=str(other.pk)) == {"lon1"}
    assert listed(action="update") == {"par1"}
    region_type = ContentType.objects.get(app_label="dcim", model="region")
    assert listed(changed_object_type_id=str(region_type.pk)) == {"Europe"}
    two_days_ago = (timezone.localtime() - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    assert listed(time__gte=two_days_ago) == {"par1", "lon1"}
    assert listed(time__lte=two_days_ago) == {"Europe"}
    form = admin.get("/extras/object-changes/").content.decode()
    assert 'name="time__gte"' in form and 'type="datetime-local"' in form and 'name="user_id"' in form
    assert 'name="action"' in form and 'name="changed_object_type_id"' in form


def test_object_change_page_shows_a_diff_and_links_to_the_object_while_it_exists(admin, api):
    site = _site(api, "par1")
    api.patch(f"/api/dcim/sites/{site['id']}/", {"description": "moved to hall 2"})
    update = ObjectChange.objects.get(action="update")
    page = admin.get(f"/extras/object-changes/{update.pk}/").content.decode()
    diff = page.split('id="change-diff"', 1)[1]
    changed = diff.split("</tbody>", 1)[0]
    assert 'data-field="description"' in changed and "moved to hall 2" in changed
    assert 'data-field="name"' not in changed, "unchanged fields are folded away"
    assert "unchanged fields" in diff and f'href="/dcim/sites/{site["id"]}/" id="changed-object-link"' in diff
    assert f"?request_id={update.request_id}" in diff

    create = ObjectChange.objects.get(action="create")
    diff = admin.get(f"/extras/object-changes/{create.pk}/").content.decode().split('id="change-diff"', 1)[1]
    assert "Created: every value is new." in diff and 'data-field="name"' in diff and "Active" in diff

    assert api.delete(f"/api/dcim/sites/{site['id']}/").status_code == 204
    delete = ObjectChange.objects.get(action="delete")
    diff = admin.get(f"/extras/object-changes/{delete.pk}/").content.decode().split('id="change-diff"', 1)[1]
    assert 'id="changed-object-gone"' in diff and "changed-object-link" not in diff
    page = admin.get(f"/extras/object-changes/{update.pk}/").content.decode()
    assert "par1 no longer exists" in page


def test_menu_groups_the_operations_pages(admin):
    page = admin.get("/").content.decode()
    menu = page.split('id="main-nav"', 1)[1].split("</ul>\n      <form", 1)[0]
    for href in (
        "/extras/webhooks/",
        "/extras/webhook-deliveries/",
        "/extras/git-repositories/",
        "/extras/object-changes/",
    ):
        assert f'href="{href}"' in menu, href
