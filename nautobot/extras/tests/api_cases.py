"""Create payloads of the extras models (API contract suite)."""

import uuid

from django.contrib.contenttypes.models import ContentType

from nautobot.dcim.tests import builders as b
from nautobot.core.testing.api import register_case
from nautobot.extras.models import (
    ComputedField,
    ConfigContext,
    ConfigContextSchema,
    CustomField,
    CustomFieldChoice,
    DynamicGroup,
    DynamicGroupMembership,
    ExportTemplate,
    GitRepository,
    Note,
    ObjectChange,
    Relationship,
    RelationshipAssociation,
    Secret,
    SecretsGroup,
    SecretsGroupAssociation,
    Status,
    Tag,
    Webhook,
    WebhookDelivery,
)


def _named(prefix: str, **extra) -> dict:
    name = b.unique(prefix)
    return {"name": name, "slug": name, **extra}


register_case(Status, lambda: _named("status", color="ff00ff", content_types=["dcim.device"]))
register_case(Tag, lambda: _named("tag", color="aa1409", content_types=["dcim.device", "dcim.site"]))
register_case(
    CustomField, lambda: {"name": b.unique("cf").replace("-", "_"), "type": "text", "content_types": ["dcim.site"]}
)
register_case(
    CustomFieldChoice,
    lambda: {"field": str(b.custom_field("dcim.site", type="select").pk), "value": b.unique("choice")},
    update=lambda: {"weight": 50},
)
register_case(ContentType, lambda: {}, read_only=True)
register_case(
    ComputedField,
    lambda: {
        "content_type": "dcim.site",
        "slug": b.unique("cpf"),
        "label": b.unique("Computed"),
        "template": "{{ obj.name }}!",
    },
)
register_case(
    Relationship, lambda: _named("rel", type="many-to-many", source_type="dcim.site", destination_type="dcim.device")
)


def _association() -> dict:
    relationship = Relationship.objects.create(
        name=b.unique("rel"),
        slug=b.unique("rel"),
        type="one-to-many",
        source_type=b.content_type("dcim.site"),
        destination_type=b.content_type("dcim.device"),
    )
    return {
        "relationship": str(relationship.pk),
        "source_type": "dcim.site",
        "source_id": str(b.site().pk),
        "destination_type": "dcim.device",
        "destination_id": str(b.device().pk),
    }


register_case(RelationshipAssociation, _association, update=lambda: {"destination_id": str(b.device().pk)})
register_case(
    Note,
    lambda: {"assigned_object_type": "dcim.site", "assigned_object_id": str(b.site().pk), "note": b.unique("note")},
    update=lambda: {"note": "changed"},
)
register_case(ObjectChange, lambda: {}, read_only=True)


NTP_SCHEMA = {"type": "object", "properties": {"ntp": {"type": "array", "items": {"type": "string"}}}}
register_case(ConfigContextSchema, lambda: _named("schema", data_schema=NTP_SCHEMA))


def _config_context() -> dict:
    schema = ConfigContextSchema.objects.create(
        name=b.unique("schema"), slug=b.unique("schema"), data_schema=NTP_SCHEMA
    )
    return {
        "name": b.unique("context"),
        "weight": 200,
        "schema": str(schema.pk),
        "data": {"ntp": ["192.0.2.1"]},
        "regions": [str(b.region().pk)],
        "sites": [str(b.site().pk)],
        "roles": [str(b.device_role().pk)],
        "tenants": [str(b.tenant().pk)],
        "tags": [str(b.tag().pk)],
    }


register_case(ConfigContext, _config_context)
register_case(
    ExportTemplate,
    lambda: {
        "content_type": "dcim.site",
        "name": b.unique("export"),
        "template_code": "{% for s in queryset %}{{ s.name }}\n{% endfor %}",
        "mime_type": "text/plain",
        "file_extension": "txt",
    },
)


def _register_job_cases() -> None:
    # Jobs are discovered from code and runs are made by running jobs: no create through the API.
    from django.utils import timezone

    from nautobot.extras.jobs.models import Job, JobLogEntry, JobResult, ScheduledJob

    def job():
        name = b.unique("job")
        return Job.objects.create(
            source="local",
            module_name="samples",
            job_class_name=name,
            slug=f"local-samples-{name}",
            grouping="Samples",
            name=name,
        )

    def result():
        return JobResult.objects.create(
            name=b.unique("run"), obj_type=ContentType.objects.get_for_model(Job), job_model=job(), status="completed"
        )

    def log_entry():
        return JobLogEntry.objects.create(job_result=result(), message=b.unique("line"))

    def scheduled():
        return ScheduledJob.objects.create(
            name=b.unique("schedule"),
            job_model=job(),
            job_class="local/samples/X",
            interval="future",
            start_time=timezone.now(),
        )

    for model, sample in ((Job, job), (JobResult, result), (JobLogEntry, log_entry), (ScheduledJob, scheduled)):
        register_case(model, lambda: {}, read_only=True, sample=sample)


_register_job_cases()


def _webhook() -> dict:
    return {
        "name": b.unique("hook"), "content_types": ["dcim.site"], "type_create": True,
        "payload_url": f"http://127.0.0.1:9/{b.unique('hook')}", "additional_headers": "X-Trace: a:b",
    }  # fmt: skip


register_case(Webhook, _webhook, update=lambda: {"http_content_type": "application/x-www-form-urlencoded"})


def _webhook_delivery() -> WebhookDelivery:
    from django.utils import timezone

    webhook = Webhook.objects.create(name=b.unique("hook"), type_create=True, payload_url="http://127.0.0.1:9/")
    site = b.site()
    change = ObjectChange.objects.create(
        time=timezone.now(),
        user_name="sample",
        request_id=uuid.uuid4(),
        action="create",
        change_context="orm",
        changed_object_type=ContentType.objects.get_for_model(site),
        changed_object_id=site.pk,
        object_repr=str(site),
        object_data={},
    )
    return WebhookDelivery.objects.create(
        webhook=webhook, object_change=change, event="created", created=timezone.now(), next_attempt_at=timezone.now()
    )


register_case(WebhookDelivery, lambda: {}, read_only=True, sample=_webhook_delivery)


register_case(
    GitRepository,
    lambda: {
        **_named("repo"),
        "remote_url": f"https://git.example.com/{b.unique('org')}/config.git",
        "branch": "main",
        "token": "s3cr3t",
    },
    update=lambda: {"branch": "develop"},
)


register_case(
    Secret,
    lambda: _named("secret", provider="environment-variable", parameters={"variable": "NAUTOBOT_TEST_SECRET"}),
    update=lambda: {"parameters": {"variable": "NAUTOBOT_TEST_OTHER"}},
)
register_case(SecretsGroup, lambda: _named("secrets-group"), update=lambda: {"description": "changed"})


def _secrets_group_association() -> dict:
    secret = Secret.objects.create(
        **_named("secret"), provider="environment-variable", parameters={"variable": "NAUTOBOT_TEST_SECRET"}
    )
    group = SecretsGroup.objects.create(**_named("secrets-group"))
    return {"group": str(group.pk), "secret": str(secret.pk), "access_type": "Generic", "secret_type": "password"}


register_case(SecretsGroupAssociation, _secrets_group_association, update=lambda: {"secret_type": "username"})


register_case(
    DynamicGroup,
    lambda: _named("dynamic-group", content_type="dcim.device", filter={"status": ["active"]}),
    update=lambda: {"description": "changed", "filter": {"status": ["planned"]}},
)


def _dynamic_group_membership() -> dict:
    parent = DynamicGroup.objects.create(**_named("parent-group"), content_type=b.content_type("dcim.device"))
    child = DynamicGroup.objects.create(**_named("child-group"), content_type=b.content_type("dcim.device"))
    return {"parent_group": str(parent.pk), "group": str(child.pk), "operator": "union", "weight": 10}


register_case(DynamicGroupMembership, _dynamic_group_membership, update=lambda: {"weight": 20})
