"""Hand-written serializer bases of users and tokens."""

from nautobot.core.api.serializers import BaseModelSerializer, app_serializers


class UserSerializerBase(BaseModelSerializer):
    """Users: the password is write-only and stored hashed."""

    def create(self, validated_data):
        password = validated_data.pop("password", None)
        user = super().create(validated_data)
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
        return user

    def update(self, instance, validated_data):
        password = validated_data.pop("password", None)
        user = super().update(instance, validated_data)
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
        return user


class TokenSerializerBase(BaseModelSerializer):
    """Tokens belong to the requesting user; a key is generated when none is given."""

    def create(self, validated_data):
        validated_data["user"] = self.context["request"].user
        return super().create(validated_data)

    def _unvalidated_fields(self) -> list[str]:
        return ["user", "key"]


# Nautobot 1.x names: `<Model>Serializer` and `Nested<Model>Serializer` of every users model, made on first use.
__getattr__ = app_serializers("users")
