from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "nautobot.users"
    label = "users"
    verbose_name = "Users"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nautobot.core.api.routers import EXTRA_ROUTES, ExtraRoute
        from nautobot.users.api.views import UserConfigView

        EXTRA_ROUTES["users"].append(ExtraRoute("config", UserConfigView.as_view(), "user-config"))
