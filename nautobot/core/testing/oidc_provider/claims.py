"""The claims of the test provider's users (see the package docstring)."""

from oidc_provider.lib.claims import ScopeClaims


def userinfo(claims: dict, user) -> dict:
    claims.update(
        name=user.get_full_name() or user.username,
        given_name=user.first_name,
        family_name=user.last_name,
        preferred_username=user.username,
        email=user.email,
    )
    return claims


class GroupsClaims(ScopeClaims):
    info_groups = ("Groups", "The groups you belong to.")

    def scope_groups(self) -> dict:
        return {"groups": sorted(self.user.groups.values_list("name", flat=True))}


def id_token_roles(id_token: dict, user, **kwargs) -> dict:
    id_token["nautobot"] = {"roles": sorted(user.groups.values_list("name", flat=True))}
    return id_token
