"""Django app configuration of `nautobot.extras`: each feature registers itself with the core in `ready()`."""

from django.apps import AppConfig


class ExtrasConfig(AppConfig):
    name = "nautobot.extras"
    label = "extras"
    verbose_name = "Extensibility"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: a feature's adapters import its models, which Django has loaded only once ready() runs.
        from nautobot.extras.changelog.register import register as register_changelog
        from nautobot.extras.configcontexts.register import register as register_configcontexts
        from nautobot.extras.customfields.register import register as register_customfields
        from nautobot.extras.datasources.register import register as register_datasources
        from nautobot.extras.dynamicgroups.register import register as register_dynamicgroups
        from nautobot.extras.exporttemplates.register import register as register_exporttemplates
        from nautobot.extras.jobs.register import register as register_jobs
        from nautobot.extras.metrics import register as register_metrics
        from nautobot.extras.notes.register import register as register_notes
        from nautobot.extras.relationships.register import register as register_relationships
        from nautobot.extras.secrets.register import register as register_secrets
        from nautobot.extras.statuses.register import register as register_statuses
        from nautobot.extras.tags.register import register as register_tags
        from nautobot.extras.webhooks.register import register as register_webhooks

        # The order is the order of the registry's ordered stores: model fields (notes_url, relationships), viewset
        # mixins (notes, config context), row loaders (the changed object before tags), detail page panels (custom
        # fields, change, repository, webhook, job), detail tabs (change log, config context), object actions
        # (Sync, Redeliver) and post_migrate receivers (default statuses before the Job table).
        register_notes()  # `notes_url` field; `notes/` endpoint
        register_customfields()  # `custom_fields` field and validation; computed fields; cf_ filters, forms, panel
        register_changelog()  # signal receivers; API write context; changed objects; panel, tab, home panel
        register_configcontexts()  # scope readers; `config_context` field and viewset mixin; "Config context" tab
        register_tags()  # `tags` field; tag loading
        register_relationships()  # `relationships` field and include
        register_statuses()  # `status` field and form field; default statuses after migrate
        register_exporttemplates()  # `?export` in the REST API and the web UI
        register_datasources()  # content kinds; removal on delete; panels; Sync button
        register_webhooks()  # outbox after each write; panels; Redeliver button
        register_jobs()  # run_job; Job table after migrate; job sources; pages and panels; reaping and schedules
        register_metrics()  # nautobot_* metrics of jobs, webhooks and Git repositories at /metrics
        register_secrets()  # the built-in secrets providers (environment variable, text file)
        register_dynamicgroups()  # members panel of a group; "Dynamic Groups" tab of the objects groups select
