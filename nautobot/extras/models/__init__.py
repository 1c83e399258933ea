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
from nautobot.extras.dynamicgroups.models import DynamicGroup, DynamicGroupMembership

# Abstract models, mixins, fields, validators and choices that apps use beside the models (1.x names included).
from nautobot.core.models import ChangeLoggedModel, CustomFieldModel
from nautobot.extras.colors import ColorValidator
from nautobot.extras.configcontexts.mixins import ConfigContextModel
from nautobot.extras.customfields.choices import CustomFieldFilterLogic, CustomFieldType
from nautobot.extras.models.mixins import DynamicGroupMixin, NotesMixin
from nautobot.extras.owners import OwnedModel
from nautobot.extras.relationships.mixins import RelationshipModel
from nautobot.extras.statuses.models import StatusModel

__all__ = [
    "ChangeLoggedModel",
    "ColorValidator",
    "ComputedField",
    "ConfigContext",
    "ConfigContextModel",
    "ConfigContextSchema",
    "CustomField",
    "CustomFieldChoice",
    "CustomFieldFilterLogic",
    "CustomFieldModel",
    "CustomFieldType",
    "DynamicGroup",
    "DynamicGroupMembership",
    "DynamicGroupMixin",
    "ExportTemplate",
    "FileProxy",
    "GitRepository",
    "Job",
    "JobLogEntry",
    "JobResult",
    "Note",
    "NotesMixin",
    "ObjectChange",
    "OwnedModel",
    "Relationship",
    "RelationshipAssociation",
    "RelationshipModel",
    "RelationshipType",
    "ScheduledJob",
    "Secret",
    "SecretsGroup",
    "SecretsGroupAssociation",
    "Status",
    "StatusField",
    "StatusModel",
    "Tag",
    "TaggedItem",
    "Webhook",
    "WebhookDelivery",
    "WebhookDeliveryAttempt",
]
