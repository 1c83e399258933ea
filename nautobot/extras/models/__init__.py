"""Every model of extras, importable from here as in Nautobot 1.x (`from nautobot.extras.models import Status`).

Each feature keeps its models in its own package (`statuses`, `tags`, `customfields`, ...); this module only
imports them, so that Django finds them all in the app's `models` module and apps find them under one name.
"""

# In the order the models were defined before each feature had its package: Django registers models, and a
# fresh database numbers their content types, in this order, which API lists of content types show. So these
# imports must not be sorted:
# ruff: noqa: I001
from nautobot.extras.configcontexts.models import ConfigContext, ConfigContextSchema
from nautobot.extras.exporttemplates.models import ExportTemplate
from nautobot.extras.statuses.models import Status, StatusField
from nautobot.extras.tags.models import Tag, TaggedItem
from nautobot.extras.customfields.models import ComputedField, CustomField, CustomFieldChoice
from nautobot.extras.relationships.models import Relationship, RelationshipAssociation, RelationshipType
from nautobot.extras.notes.models import Note
from nautobot.extras.changelog.models import ObjectChange
from nautobot.extras.jobs.models import FileProxy, Job, JobLogEntry, JobResult, ScheduledJob
from nautobot.extras.webhooks.models import Webhook, WebhookDelivery, WebhookDeliveryAttempt
from nautobot.extras.datasources.models import GitRepository
from nautobot.extras.secrets.models import Secret, SecretsGroup, SecretsGroupAssociation

# Abstract models, fields, validators and choices that apps use beside the models.
from nautobot.extras.colors import ColorValidator
from nautobot.extras.configcontexts.mixins import ConfigContextModel
from nautobot.extras.customfields.choices import CustomFieldFilterLogic, CustomFieldType
from nautobot.extras.owners import OwnedModel

__all__ = [
    "ColorValidator",
    "ComputedField",
    "ConfigContext",
    "ConfigContextModel",
    "ConfigContextSchema",
    "CustomField",
    "CustomFieldChoice",
    "CustomFieldFilterLogic",
    "CustomFieldType",
    "ExportTemplate",
    "FileProxy",
    "GitRepository",
    "Job",
    "JobLogEntry",
    "JobResult",
    "Note",
    "ObjectChange",
    "OwnedModel",
    "Relationship",
    "RelationshipAssociation",
    "RelationshipType",
    "ScheduledJob",
    "Secret",
    "SecretsGroup",
    "SecretsGroupAssociation",
    "Status",
    "StatusField",
    "Tag",
    "TaggedItem",
    "Webhook",
    "WebhookDelivery",
    "WebhookDeliveryAttempt",
]
