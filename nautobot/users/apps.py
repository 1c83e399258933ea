from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "nautobot.users"
    label = "users"
    verbose_name = "Users"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: Django imports an AppConfig module before any model is loaded.
        from nautobot.core.registry import ExtraRoute, HiddenFields, registry
        from nautobot.users import ldap_accounts
        from nautobot.users.api.views import UserConfigView

        registry.extra_routes.register(ExtraRoute("users", "config", UserConfigView.as_view(), "user-config"))
        registry.hidden_fields.register(HiddenFields("users.token", frozenset({"key"})))
        ldap_accounts.connect()
