"""Webhook secrets at rest: stored as ciphertext (GIT_CREDENTIALS_KEY, as Git tokens), used in clear to sign, never
in API output, the change log or the page; refused without a key; rotated with `rotate_git_credentials`; a secret
kept in clear from 1.x data goes on working and is encrypted by the migration or the next save."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from nautobot.dcim.tests import builders as b
from nautobot.extras.changelog.models import ObjectChange
from nautobot.extras.models import Webhook
from nautobot.extras.webhooks.receiver import WebhookReceiver

pytestmark = pytest.mark.django_db
SECRET = "hook-S3cret-value"


def stored(webhook) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT secret FROM {Webhook._meta.db_table} WHERE id = %s",
            [webhook.pk.hex if connection.vendor != "postgresql" else webhook.pk],
        )
        return cursor.fetchone()[0]


def test_secret_is_encrypted_at_rest_and_never_shown(api, admin):
    created = api.post(
        "/api/extras/webhooks/",
        {
            "name": "signed",
            "content_types": [b.content_type("dcim.site").pk],
            "type_create": True,
            "payload_url": "http://127.0.0.1:9/hook",
            "secret": SECRET,
        },
    )
    assert created.status_code == 201, created.json()
    assert "secret" not in created.json()
    webhook = Webhook.objects.get(name="signed")
    assert webhook.secret == SECRET  # in clear for the code that signs
    assert stored(webhook).startswith("gAAAAA") and SECRET not in stored(webhook)
    detail = api.get(f"/api/extras/webhooks/{webhook.pk}/")
    assert SECRET not in detail.content.decode() and "secret" not in detail.json()
    renamed = api.patch(f"/api/extras/webhooks/{webhook.pk}/", {"name": "signed-2"})  # the secret stays
    assert renamed.status_code == 200 and Webhook.objects.get(pk=webhook.pk).secret == SECRET
    for change in ObjectChange.objects.filter(changed_object_id=webhook.pk):
        assert SECRET not in str(change.object_data)
    page = admin.get(f"/extras/webhooks/{webhook.pk}/").content.decode()
    assert SECRET not in page


def test_deliveries_are_signed_with_the_clear_secret(api):
    from nautobot.extras.webhooks.delivery import sign

    with WebhookReceiver(secret=SECRET) as receiver:
        webhook = Webhook.objects.create(name="to receiver", payload_url=receiver.url, type_create=True, secret=SECRET)
        webhook.content_types.set([b.content_type("dcim.site")])
        assert api.post("/api/dcim/sites/", {"name": "par1", "status": "active"}).status_code == 201
        from nautobot.extras.webhooks.delivery import deliver
        from nautobot.extras.models import WebhookDelivery

        delivery = WebhookDelivery.objects.get(webhook=webhook)
        deliver(delivery.pk)
        call = receiver.wait_for(1)[0]
        assert call.signature_ok is True
        assert call.headers["X-Hook-Signature"] == sign(call.body, SECRET)


def test_without_a_key_new_secrets_are_refused_and_old_clear_ones_still_work(api):
    webhook = Webhook.objects.create(name="legacy", payload_url="http://127.0.0.1:9/h", type_create=True)
    webhook.content_types.set([b.content_type("dcim.site")])
    with override_settings(GIT_CREDENTIALS_KEY=""):
        Webhook.objects.filter(pk=webhook.pk).update(secret="kept-from-1x")  # as 1.x data holds it
        assert stored(webhook) == "kept-from-1x" and Webhook.objects.get(pk=webhook.pk).secret == "kept-from-1x"
        refused = api.patch(f"/api/extras/webhooks/{webhook.pk}/", {"secret": "new"})
        assert refused.status_code == 400
        assert refused.json() == {
            "secret": [
                "Webhook secrets are stored encrypted: set GIT_CREDENTIALS_KEY in the server's configuration first."
            ]
        }
        assert api.patch(f"/api/extras/webhooks/{webhook.pk}/", {"name": "legacy-2"}).status_code == 200
        assert stored(webhook) == "kept-from-1x"
    out = io.StringIO()
    call_command("rotate_git_credentials", stdout=out)  # with a key: encrypted now
    assert "Re-encrypted the secrets of 1 webhooks" in out.getvalue()
    assert stored(webhook).startswith("gAAAAA") and Webhook.objects.get(pk=webhook.pk).secret == "kept-from-1x"


def test_rotation_to_a_new_key(settings):
    webhook = Webhook.objects.create(
        name="rotated", payload_url="http://127.0.0.1:9/h", type_create=True, secret=SECRET
    )
    before = stored(webhook)
    old_key = settings.GIT_CREDENTIALS_KEY
    settings.GIT_CREDENTIALS_KEY = "a-brand-new-key-for-rotation-test"
    settings.GIT_CREDENTIALS_OLD_KEYS = [old_key]
    call_command("rotate_git_credentials", stdout=io.StringIO())
    assert stored(webhook) != before
    settings.GIT_CREDENTIALS_OLD_KEYS = []
    assert Webhook.objects.get(pk=webhook.pk).secret == SECRET  # the new key alone opens it
    settings.GIT_CREDENTIALS_KEY = "yet-another-key"
    assert Webhook.objects.get(pk=webhook.pk).secret == ""  # unreadable: empty, logged, no traceback


def test_the_edit_form_keeps_the_secret_without_showing_it(admin):
    webhook = Webhook.objects.create(name="form", payload_url="http://127.0.0.1:9/h", type_create=True, secret=SECRET)
    webhook.content_types.set([b.content_type("dcim.site")])
    page = admin.get(f"/extras/webhooks/{webhook.pk}/edit/").content.decode()
    assert 'name="secret"' in page and SECRET not in page
    data = {
        "name": "form-renamed",
        "content_types": [b.content_type("dcim.site").pk],
        "type_create": "on",
        "payload_url": "http://127.0.0.1:9/h",
        "http_method": "POST",
        "http_content_type": "application/json",
        "ssl_verification": "on",
        "secret": "",
    }
    response = admin.post(f"/extras/webhooks/{webhook.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Webhook.objects.get(pk=webhook.pk).secret == SECRET  # blank: kept
    response = admin.post(f"/extras/webhooks/{webhook.pk}/edit/", {**data, "secret": "changed-in-form"})
    assert response.status_code == 302
    assert Webhook.objects.get(pk=webhook.pk).secret == "changed-in-form"
