"""A small OpenID Connect provider for the tests (django-oidc-provider in a Django project of its own), run in its
own process on loopback by `nautobot.core.testing.oidc.OidcProvider`: users sign in on its login page, and it
issues ID tokens and answers userinfo, as an organisation's identity provider does.

Claims: the standard ones, `groups` (scope `groups`) from the user's groups in userinfo, and in the ID token a
nested `nautobot: {"roles": [...]}` (the same group names), for the configurations that read groups from there."""
