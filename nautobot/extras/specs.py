"""The specs of extras, registered here in one fixed order: the order of the API's routes, the menus and the
GraphQL schema. Each feature declares its specs in its own `specs.py`; only content types (Django's model,
listed read-only under extras, as in the original) are declared here."""

from django.contrib.contenttypes.models import ContentType

from nautobot.core.api.views import ReadOnlyModelViewSet
from nautobot.core.specs import ObjectSpec, register_spec
from nautobot.extras.api.serializers import ContentTypeSerializerBase
from nautobot.extras.changelog.specs import ObjectChangeSpec
from nautobot.extras.configcontexts.specs import ConfigContextSchemaSpec, ConfigContextSpec
from nautobot.extras.customfields.specs import ComputedFieldSpec, CustomFieldChoiceSpec, CustomFieldSpec
from nautobot.extras.datasources.specs import GitRepositorySpec
from nautobot.extras.dynamicgroups.specs import DynamicGroupMembershipSpec, DynamicGroupSpec
from nautobot.extras.exporttemplates.specs import ExportTemplateSpec
from nautobot.extras.jobs.specs import JobLogEntrySpec, JobResultSpec, JobSpec, ScheduledJobSpec
from nautobot.extras.notes.specs import NoteSpec
from nautobot.extras.relationships.specs import RelationshipAssociationSpec, RelationshipSpec
from nautobot.extras.secrets.specs import SecretsGroupAssociationSpec, SecretsGroupSpec, SecretSpec
from nautobot.extras.statuses.specs import StatusSpec
from nautobot.extras.tags.specs import TagSpec
from nautobot.extras.webhooks.specs import WebhookDeliverySpec, WebhookSpec


class ContentTypeSpec(ObjectSpec):
    model = ContentType
    api_app = "extras"
    endpoint = "content-types"
    api_fields = ("app_label", "model")
    brief_fields = ("app_label", "model")
    filter_fields = ("app_label", "model")
    search_fields = ("app_label", "model")
    serializer_base = ContentTypeSerializerBase
    viewset_base = ReadOnlyModelViewSet  # as the original's: content types are Django's, listed only
    ui_views = ("list", "detail")
    menu_group = None


SPECS = (
    ObjectChangeSpec,
    WebhookSpec,
    WebhookDeliverySpec,
    GitRepositorySpec,
    StatusSpec,
    TagSpec,
    CustomFieldSpec,
    CustomFieldChoiceSpec,
    ContentTypeSpec,
    ComputedFieldSpec,
    RelationshipSpec,
    RelationshipAssociationSpec,
    NoteSpec,
    ConfigContextSchemaSpec,
    ConfigContextSpec,
    ExportTemplateSpec,
    JobSpec,
    JobResultSpec,
    JobLogEntrySpec,
    ScheduledJobSpec,
    SecretSpec,
    SecretsGroupSpec,
    SecretsGroupAssociationSpec,
    DynamicGroupSpec,
    DynamicGroupMembershipSpec,
)
for spec in SPECS:
    register_spec(spec)
