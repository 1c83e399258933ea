"""The 1.x choice sets of extras (`from nautobot.extras.choices import CustomFieldTypeChoices`).

Each set built from one of our enumerations takes its values from it (`ChoiceSet.from_enum`), so the 1.x constant
and our enum member are one value (`CustomFieldTypeChoices.TYPE_TEXT == CustomFieldType.TEXT`). The sets with no
enumeration of ours are written out here; the secrets choice sets live with the secrets feature.
"""

from nautobot.core.choices import ChoiceSet
from nautobot.extras.changelog.choices import ChangeContextKind, ObjectChangeAction
from nautobot.extras.customfields.choices import CustomFieldFilterLogic, CustomFieldType
from nautobot.extras.jobs.base import LOG_LEVELS
from nautobot.extras.jobs.choices import JobSourceChoices as JobSource
from nautobot.extras.jobs.models import TERMINAL_STATES, ScheduledJobIntervals
from nautobot.extras.jobs.models import JobResultStatusChoices as JobResultStatus
from nautobot.extras.relationships.models import RelationshipType
from nautobot.extras.secrets.choices import SecretsGroupAccessTypeChoices, SecretsGroupSecretTypeChoices
from nautobot.extras.webhooks.choices import WebhookHTTPMethod

CustomFieldTypeChoices = ChoiceSet.from_enum(CustomFieldType, "CustomFieldTypeChoices", prefix="TYPE_")
CustomFieldFilterLogicChoices = ChoiceSet.from_enum(
    CustomFieldFilterLogic, "CustomFieldFilterLogicChoices", prefix="FILTER_"
)
RelationshipTypeChoices = ChoiceSet.from_enum(
    RelationshipType,
    "RelationshipTypeChoices",
    prefix="TYPE_",
    TYPE_ONE_TO_ONE_SYMMETRIC=RelationshipType.SYMMETRIC_ONE_TO_ONE.value,
    TYPE_MANY_TO_MANY_SYMMETRIC=RelationshipType.SYMMETRIC_MANY_TO_MANY.value,
)
JobResultStatusChoices = ChoiceSet.from_enum(
    JobResultStatus,
    "JobResultStatusChoices",
    prefix="STATUS_",
    TERMINAL_STATE_CHOICES=tuple(state.value for state in TERMINAL_STATES),
)
JobSourceChoices = ChoiceSet.from_enum(JobSource, "JobSourceChoices", prefix="SOURCE_", SOURCE_PLUGIN="plugins")
JobExecutionType = ChoiceSet.from_enum(
    ScheduledJobIntervals, "JobExecutionType", prefix="TYPE_", SCHEDULE_CHOICES=tuple(ScheduledJobIntervals.values)
)
ObjectChangeActionChoices = ChoiceSet.from_enum(ObjectChangeAction, "ObjectChangeActionChoices", prefix="ACTION_")
ObjectChangeEventContextChoices = ChoiceSet.from_enum(
    ChangeContextKind, "ObjectChangeEventContextChoices", prefix="CONTEXT_"
)
WebhookHttpMethodChoices = ChoiceSet.from_enum(WebhookHTTPMethod, "WebhookHttpMethodChoices", prefix="METHOD_")


class LogLevelChoices(ChoiceSet):
    """The levels of a job's log lines."""

    LOG_DEFAULT = "default"
    LOG_DEBUG = "debug"
    LOG_SUCCESS = "success"
    LOG_INFO = "info"
    LOG_WARNING = "warning"
    LOG_FAILURE = "failure"

    CHOICES = tuple((level, level.capitalize()) for level in LOG_LEVELS)


class RelationshipSideChoices(ChoiceSet):
    """The side of a relationship an object is on (`peer`: either side of a symmetric one)."""

    SIDE_SOURCE = "source"
    SIDE_DESTINATION = "destination"
    SIDE_PEER = "peer"

    CHOICES = ((SIDE_SOURCE, "Source"), (SIDE_DESTINATION, "Destination"), (SIDE_PEER, "Peer"))

    OPPOSITE = {SIDE_SOURCE: SIDE_DESTINATION, SIDE_DESTINATION: SIDE_SOURCE, SIDE_PEER: SIDE_PEER}


class RelationshipRequiredSideChoices(ChoiceSet):
    """Which side of a relationship must have an association."""

    NEITHER_SIDE_REQUIRED = ""
    SOURCE_SIDE_REQUIRED = "source"
    DESTINATION_SIDE_REQUIRED = "destination"

    CHOICES = (
        (NEITHER_SIDE_REQUIRED, "Neither side required"),
        (SOURCE_SIDE_REQUIRED, "Source objects MUST implement this relationship"),
        (DESTINATION_SIDE_REQUIRED, "Destination objects MUST implement this relationship"),
    )


class ButtonClassChoices(ChoiceSet):
    """Bootstrap button classes of custom links and job buttons."""

    CLASS_DEFAULT = "default"
    CLASS_PRIMARY = "primary"
    CLASS_SUCCESS = "success"
    CLASS_INFO = "info"
    CLASS_WARNING = "warning"
    CLASS_DANGER = "danger"
    CLASS_LINK = "link"

    CHOICES = (
        (CLASS_DEFAULT, "Default"),
        (CLASS_PRIMARY, "Primary (blue)"),
        (CLASS_SUCCESS, "Success (green)"),
        (CLASS_INFO, "Info (aqua)"),
        (CLASS_WARNING, "Warning (orange)"),
        (CLASS_DANGER, "Danger (red)"),
        (CLASS_LINK, "None (link)"),
    )


CustomLinkButtonClassChoices = ButtonClassChoices


class BannerClassChoices(ChoiceSet):
    """Bootstrap alert classes of the banners apps show."""

    CLASS_SUCCESS = "success"
    CLASS_INFO = "info"
    CLASS_WARNING = "warning"
    CLASS_DANGER = "danger"

    CHOICES = (
        (CLASS_SUCCESS, "Success (green)"),
        (CLASS_INFO, "Info (aqua)"),
        (CLASS_WARNING, "Warning (orange)"),
        (CLASS_DANGER, "Danger (red)"),
    )


class DynamicGroupOperatorChoices(ChoiceSet):
    """How a dynamic group combines its child groups (dynamic groups themselves are a later issue)."""

    OPERATOR_UNION = "union"
    OPERATOR_INTERSECTION = "intersection"
    OPERATOR_DIFFERENCE = "difference"

    CHOICES = (
        (OPERATOR_UNION, "Include (OR)"),
        (OPERATOR_INTERSECTION, "Restrict (AND)"),
        (OPERATOR_DIFFERENCE, "Exclude (NOT)"),
    )


__all__ = [
    "BannerClassChoices",
    "ButtonClassChoices",
    "CustomFieldFilterLogicChoices",
    "CustomFieldTypeChoices",
    "CustomLinkButtonClassChoices",
    "DynamicGroupOperatorChoices",
    "JobExecutionType",
    "JobResultStatusChoices",
    "JobSourceChoices",
    "LogLevelChoices",
    "ObjectChangeActionChoices",
    "ObjectChangeEventContextChoices",
    "RelationshipRequiredSideChoices",
    "RelationshipSideChoices",
    "RelationshipTypeChoices",
    "SecretsGroupAccessTypeChoices",
    "SecretsGroupSecretTypeChoices",
    "WebhookHttpMethodChoices",
]
