"""Register the content kinds whose models Nautobot itself provides (called from `ExtrasConfig.ready`)."""

from nautobot.core.registry import DatasourceContent
from nautobot.extras.datasources.contents import register_content
from nautobot.extras.datasources.loaders import config_contexts, export_templates, jobs, owner_of


def register_builtin_contents() -> None:

    register_content(
        DatasourceContent(
            "extras.configcontextschema",
            "Config context schemas",
            config_contexts.SCHEMAS,
            config_contexts.load_schemas,
            config_contexts.remove_schemas,
            weight=100,
            provided=owned("extras", "ConfigContextSchema"),
        )
    )
    register_content(
        DatasourceContent(
            "extras.configcontext",
            "Config contexts",
            config_contexts.CONTEXTS,
            config_contexts.load_contexts,
            config_contexts.remove_contexts,
            weight=200,
            provided=owned("extras", "ConfigContext"),
        )
    )
    register_content(
        DatasourceContent(
            "extras.job",
            "Jobs",
            jobs.DIRECTORY,
            jobs.load,
            jobs.remove,
            weight=300,
            provided=jobs.provided,
        )
    )
    register_content(
        DatasourceContent(
            "extras.exporttemplate",
            "Export templates",
            export_templates.DIRECTORY,
            export_templates.load,
            export_templates.remove,
            weight=400,
            provided=owned("extras", "ExportTemplate"),
        )
    )


def owned(app_label: str, model_name: str):
    """`provided` of a kind whose records carry the generic owner (`owner_content_type`/`owner_object_id`)."""

    def provided(repository):
        from django.apps import apps

        return apps.get_model(app_label, model_name).objects.filter(**owner_of(repository))

    return provided
