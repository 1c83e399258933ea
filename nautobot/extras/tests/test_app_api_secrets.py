"""Secrets as a 1.x app and its users meet them: the REST payloads of secrets, groups and associations, values
read through providers (built-in and a plugin's, from its `secrets_providers` hook) with sandboxed Jinja2
parameters, the web UI's forms, and a value that never shows in API output, the change log or the logs."""

import logging

import pytest

from nautobot.core.registry import registry
from nautobot.core.testing.api import signed_in
from nautobot.dcim.tests import builders as b
from nautobot.extras.models import ObjectChange, Secret, SecretsGroup, SecretsGroupAssociation
from nautobot.extras.secrets.exceptions import SecretParametersError, SecretProviderError, SecretValueNotFoundError
from nautobot.extras.templating import SecurityError, render

pytestmark = pytest.mark.django_db

VALUE = "s3cr3t-Value-42"  # what the environment holds: must never be seen outside `get_value()`


@pytest.fixture
def environment(monkeypatch):
    monkeypatch.setenv("NAUTOBOT_TEST_DEVICE_PASSWORD", VALUE)
    monkeypatch.setenv("NAUTOBOT_TEST_USER_PARIS", "paris-admin")


def secret(**kw) -> Secret:
    name = b.unique("secret")
    kw.setdefault("provider", "environment-variable")
    kw.setdefault("parameters", {"variable": "NAUTOBOT_TEST_DEVICE_PASSWORD"})
    made = Secret(name=name, slug=name, **kw)
    made.validated_save()
    return made


def test_1x_import_paths_and_choices():
    from nautobot.apps.secrets import SecretsProvider as from_apps
    from nautobot.extras.models.secrets import Secret as from_models_secrets
    from nautobot.extras.secrets import SecretsProvider, exceptions
    from nautobot.extras.secrets.choices import SecretsGroupAccessTypeChoices, SecretsGroupSecretTypeChoices

    assert from_apps is SecretsProvider is registry.secrets_providers.kind and from_models_secrets is Secret
    assert issubclass(exceptions.SecretValueNotFoundError, exceptions.SecretError)
    assert SecretsGroupAccessTypeChoices.TYPE_HTTP == "HTTP(S)" and SecretsGroupSecretTypeChoices.TYPE_TOKEN == "token"
    assert {p.slug for p in registry.secrets_providers} >= {
        "environment-variable",
        "text-file",
        "example-settings-vault",
    }


def test_secret_rest_payload_as_1x(api, environment):
    created = api.post(
        "/api/extras/secrets/",
        {
            "name": "Device password",
            "description": "NAPALM",
            "provider": "environment-variable",
            "parameters": {"variable": "NAUTOBOT_TEST_DEVICE_PASSWORD"},
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert set(body) >= {
        "id", "display", "url", "name", "slug", "description", "provider", "parameters", "tags", "custom_fields",
        "created", "last_updated", "notes_url",
    }  # fmt: skip
    assert body["slug"] == "device-password" and body["provider"] == "environment-variable"
    assert body["parameters"] == {"variable": "NAUTOBOT_TEST_DEVICE_PASSWORD"}
    assert body["url"] == f"http://testserver/api/extras/secrets/{body['id']}/"
    listed = api.get("/api/extras/secrets/", provider="environment-variable").json()
    assert [s["name"] for s in listed["results"]] == ["Device password"]
    assert api.get("/api/extras/secrets/", q="NAPALM").json()["count"] == 1  # (utf8mb4_bin: MariaDB matches case)
    brief = api.get(f"/api/extras/secrets/{body['id']}/", brief="1").json()
    assert set(brief) == {"id", "display", "url", "name", "slug"}
    patched = api.patch(body["url"], {"parameters": {"variable": "OTHER"}})
    assert patched.status_code == 200 and patched.json()["parameters"] == {"variable": "OTHER"}


@pytest.mark.parametrize(
    ("payload", "field", "words"),
    [
        ({"provider": "no-such-provider", "parameters": {}}, "provider", "not a valid choice"),
        ({"provider": "environment-variable", "parameters": {}}, "parameters", "variable"),
        ({"provider": "text-file", "parameters": {"variable": "X"}}, "parameters", "path"),
        ({"provider": "environment-variable", "parameters": ["X"]}, "parameters", "object"),
        ({"parameters": {"variable": "X"}}, "provider", "required"),
    ],
)
def test_bad_secrets_are_refused_with_the_reason(api, payload, field, words):
    refused = api.post("/api/extras/secrets/", {"name": "bad", **payload})
    assert refused.status_code == 400, refused.content
    assert words in " ".join(refused.json()[field])
    assert not Secret.objects.exists()


def test_groups_and_associations_rest_payloads_as_1x(api, environment):
    password, username = secret(), secret(parameters={"variable": "NAUTOBOT_TEST_USER_PARIS"})
    group = api.post("/api/extras/secrets-groups/", {"name": "Device credentials", "description": "NAPALM"})
    assert group.status_code == 201, group.content
    group = group.json()
    assert group["slug"] == "device-credentials" and group["secrets"] == []
    for kind, member in (("password", password), ("username", username)):
        made = api.post(
            "/api/extras/secrets-groups-associations/",
            {"group": group["id"], "access_type": "Generic", "secret_type": kind, "secret": str(member.pk)},
        )
        assert made.status_code == 201, made.content
    association = made.json()
    assert association["access_type"] == "Generic" and association["secret_type"] == "username"
    assert association["group"]["id"] == group["id"] and association["secret"]["name"] == username.name
    assert association["url"].startswith("http://testserver/api/extras/secrets-groups-associations/")
    duplicate = api.post(
        "/api/extras/secrets-groups-associations/",
        {"group": group["id"], "access_type": "Generic", "secret_type": "username", "secret": str(password.pk)},
    )
    assert duplicate.status_code == 400, duplicate.content
    bad_type = api.post(
        "/api/extras/secrets-groups-associations/",
        {"group": group["id"], "access_type": "Telnet", "secret_type": "password", "secret": str(password.pk)},
    )
    assert bad_type.status_code == 400 and "access_type" in bad_type.json()
    shown = api.get(group["url"]).json()
    assert [(s["access_type"], s["secret_type"], s["secret"]["name"]) for s in shown["secrets"]] == [
        ("Generic", "password", password.name),
        ("Generic", "username", username.name),
    ]
    by_group = api.get("/api/extras/secrets-groups-associations/", group_id=group["id"], secret_type="password")
    assert [a["secret"]["id"] for a in by_group.json()["results"]] == [str(password.pk)]
    assert api.get("/api/extras/secrets-groups-associations/", group="device-credentials").json()["count"] == 2
    assert api.delete(group["url"]).status_code == 204
    assert not SecretsGroupAssociation.objects.exists() and Secret.objects.count() == 2


def test_get_value_reads_providers_with_sandboxed_parameters(environment, tmp_path):
    assert secret().get_value() == VALUE
    per_site = secret(parameters={"variable": "NAUTOBOT_TEST_USER_{{ obj.slug | upper }}"})
    paris = b.site()
    paris.slug = "paris"
    assert per_site.get_value(obj=paris) == "paris-admin"
    token_file = tmp_path / "token"
    token_file.write_text("file-token\n")
    assert secret(provider="text-file", parameters={"path": str(token_file)}).get_value() == "file-token"

    with pytest.raises(SecretValueNotFoundError) as missing:
        secret(parameters={"variable": "NAUTOBOT_TEST_UNDEFINED"}).get_value()
    assert 'Undefined environment variable "NAUTOBOT_TEST_UNDEFINED"' in str(missing.value)
    with pytest.raises(SecretValueNotFoundError, match="not found"):
        secret(provider="text-file", parameters={"path": str(tmp_path / "nothing")}).get_value()
    escaping = secret(parameters={"variable": "{{ obj.__class__.__init__.__globals__ }}"})
    with pytest.raises(SecretParametersError, match="unsafe"):
        escaping.get_value(obj=paris)
    gone = secret()
    Secret.objects.filter(pk=gone.pk).update(provider="uninstalled")
    gone.refresh_from_db()
    with pytest.raises(SecretProviderError, match='No registered provider "uninstalled"'):
        gone.get_value()


def test_a_plugins_provider_from_its_secrets_providers_hook(settings):
    settings.PLUGINS_CONFIG = {"example_plugin": {"vault": {"snmp": "community-1"}}}
    vaulted = secret(provider="example-settings-vault", parameters={"key": "snmp"})
    assert vaulted.get_value() == "community-1"
    with pytest.raises(SecretValueNotFoundError, match='No key "ssh"'):
        secret(provider="example-settings-vault", parameters={"key": "ssh"}).get_value()
    with pytest.raises(Exception, match="slug"):
        secret(provider="example-settings-vault", parameters={"key": "not a slug"})


def test_group_get_secret_value(environment):
    group = SecretsGroup.objects.create(name="napalm", slug="napalm")
    SecretsGroupAssociation.objects.create(group=group, secret=secret(), access_type="Generic", secret_type="password")
    assert group.get_secret_value("Generic", "password") == VALUE
    with pytest.raises(SecretsGroupAssociation.DoesNotExist):
        group.get_secret_value("SSH", "password")


def test_a_value_never_shows_in_api_output_change_log_logs_or_templates(api, environment, caplog):
    caplog.set_level(logging.DEBUG)
    made = api.post(
        "/api/extras/secrets/",
        {"name": "pw", "provider": "environment-variable", "parameters": {"variable": "NAUTOBOT_TEST_DEVICE_PASSWORD"}},
    ).json()
    group = api.post("/api/extras/secrets-groups/", {"name": "g"}).json()
    api.post(
        "/api/extras/secrets-groups-associations/",
        {"group": group["id"], "access_type": "SSH", "secret_type": "password", "secret": made["id"]},
    )
    stored = Secret.objects.get(pk=made["id"])
    assert stored.get_value() == VALUE
    assert SecretsGroup.objects.get(pk=group["id"]).get_secret_value("SSH", "password") == VALUE
    with pytest.raises(SecretValueNotFoundError) as failed:
        secret(parameters={"variable": "NAUTOBOT_TEST_UNDEFINED"}).get_value()
    seen = [
        api.get("/api/extras/secrets/").content,
        api.get(made["url"]).content,
        api.get(group["url"]).content,
        api.get("/api/extras/secrets-groups-associations/").content,
        api.get("/api/extras/object-changes/", limit=100).content,
        str(list(ObjectChange.objects.values())).encode(),
        caplog.text.encode(),
        str(failed.value).encode(),
    ]
    assert ObjectChange.objects.filter(changed_object_id=made["id"]).exists()
    assert all(VALUE.encode() not in text for text in seen)
    for template in ("{{ s.get_value() }}", "{{ g.get_secret_value('SSH', 'password') }}"):
        with pytest.raises(SecurityError):
            render(template, {"s": stored, "g": SecretsGroup.objects.get(pk=group["id"])})


def test_ui_secret_form_list_and_detail(admin, environment):
    page = admin.get("/extras/secrets/add/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="provider"' in text and 'value="environment-variable"' in text and "Text File" in text
    assert 'value="example-settings-vault"' in text  # the plugin's provider is offered too
    refused = admin.post(
        "/extras/secrets/add/", {"name": "Console", "provider": "text-file", "parameters": '{"variable": "X"}'}
    )
    assert refused.status_code == 200 and "path" in refused.context["form"].errors["parameters"][0]
    saved = admin.post(
        "/extras/secrets/add/",
        {"name": "Console", "provider": "text-file", "parameters": '{"path": "/etc/nautobot/console"}'},
    )
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    made = Secret.objects.get(name="Console")
    assert made.slug == "console" and made.parameters == {"path": "/etc/nautobot/console"}
    assert ObjectChange.objects.filter(changed_object_id=made.pk, action="create").exists()
    listed = admin.get("/extras/secrets/").content.decode()
    assert "Console" in listed and "Text File" in listed
    detail = admin.get(saved["Location"]).content.decode()
    assert "/etc/nautobot/console" in detail
    edited = admin.post(
        f"{saved['Location']}edit/",
        {"name": "Console", "slug": "console", "provider": "environment-variable", "parameters": '{"variable": "C"}'},
    )
    assert edited.status_code == 302
    made.refresh_from_db()
    assert made.provider == "environment-variable" and made.parameters == {"variable": "C"}


def test_ui_group_page_lists_its_secrets_and_associations_are_added_by_form(admin, environment):
    password = secret()
    made = admin.post("/extras/secrets-groups/add/", {"name": "Git"})
    assert made.status_code == 302
    group = SecretsGroup.objects.get(name="Git")
    form = admin.get("/extras/secrets-groups-associations/add/")
    assert form.status_code == 200 and 'value="HTTP(S)"' in form.content.decode()
    added = admin.post(
        "/extras/secrets-groups-associations/add/",
        {"group": str(group.pk), "secret": str(password.pk), "access_type": "HTTP(S)", "secret_type": "token"},
    )
    assert added.status_code == 302, added.context["form"].errors if added.context else added
    detail = admin.get(made["Location"]).content.decode()
    assert password.name in detail and "HTTP(S)" in detail and "Token" in detail
    assert VALUE not in detail
    assert admin.get("/extras/secrets-groups/").status_code == 200


def test_check_says_whether_a_value_can_be_read_without_showing_it(api, admin, environment, django_user_model):
    readable, unreadable = secret(), secret(parameters={"variable": "NAUTOBOT_TEST_UNDEFINED"})
    passed = api.get(f"/api/extras/secrets/{readable.pk}/check/")
    assert passed.status_code == 200 and passed.json() == {"result": True, "message": "Passed"}
    failed = api.get(f"/api/extras/secrets/{unreadable.pk}/check/").json()
    assert failed == {"result": False, "message": 'Undefined environment variable "NAUTOBOT_TEST_UNDEFINED"'}
    assert api.get(f"/api/extras/secrets/{b.site().pk}/check/").status_code == 404

    page = admin.get(f"/extras/secrets/{readable.pk}/").content.decode()
    assert f'action="/extras/secrets/{readable.pk}/check/"' in page
    shown = admin.post(f"/extras/secrets/{readable.pk}/check/", follow=True).content.decode()
    assert f"The value of {readable.name} can be read (Environment Variable)." in shown and VALUE not in shown
    shown = admin.post(f"/extras/secrets/{unreadable.pk}/check/", follow=True).content.decode()
    assert "cannot be read: Undefined environment variable" in shown
    outsider = django_user_model.objects.create_user("outsider", password="pw")
    assert signed_in(outsider).post(f"/extras/secrets/{readable.pk}/check/").status_code == 403


def test_devices_and_git_repositories_take_a_secrets_group_as_in_1x(api, admin, environment, settings):
    from nautobot.extras.credentials import CredentialsError
    from nautobot.extras.datasources.git import git_environment, scrub
    from nautobot.extras.models import GitRepository

    group = SecretsGroup.objects.create(name="Lab", slug="lab")
    token = secret()  # the environment's VALUE
    user = secret(parameters={"variable": "NAUTOBOT_TEST_USER_PARIS"})
    SecretsGroupAssociation.objects.create(group=group, secret=token, access_type="HTTP(S)", secret_type="token")
    SecretsGroupAssociation.objects.create(group=group, secret=user, access_type="HTTP(S)", secret_type="username")
    SecretsGroupAssociation.objects.create(group=group, secret=token, access_type="Generic", secret_type="password")

    device = b.device()
    assert api.get(f"/api/dcim/devices/{device.pk}/").json()["secrets_group"] is None
    changed = api.patch(f"/api/dcim/devices/{device.pk}/", {"secrets_group": str(group.pk)})
    assert changed.status_code == 200, changed.content
    assert changed.json()["secrets_group"]["slug"] == "lab" and VALUE not in changed.content.decode()
    assert [d["id"] for d in api.get("/api/dcim/devices/", secrets_group=str(group.pk)).json()["results"]] == [
        str(device.pk)
    ]
    device.refresh_from_db()
    assert device.secrets_group.get_secret_value("Generic", "password", obj=device) == VALUE
    assert 'name="secrets_group"' in admin.get(f"/dcim/devices/{device.pk}/edit/").content.decode()

    repo = api.post(
        "/api/extras/git-repositories/",
        {"name": "configs", "remote_url": "https://git.example.com/configs.git", "secrets_group": str(group.pk)},
    )
    assert repo.status_code == 201, repo.content
    assert repo.json()["secrets_group"]["id"] == str(group.pk)
    repository = GitRepository.objects.get(name="configs")
    env = git_environment(repository)
    assert env["NAUTOBOT_GIT_USERNAME"] == "paris-admin" and env["NAUTOBOT_GIT_PASSWORD"] == VALUE
    assert scrub(f"fatal: auth failed for {VALUE}", repository) == "fatal: auth failed for ********"
    Secret.objects.filter(pk=token.pk).update(parameters={"variable": "NAUTOBOT_TEST_UNDEFINED"})
    repository.refresh_from_db()
    with pytest.raises(CredentialsError, match='Undefined environment variable "NAUTOBOT_TEST_UNDEFINED"'):
        git_environment(repository)


def test_nested_serializers_as_1x_apps_declare_them(environment):
    from nautobot.extras.api.serializers import NestedSecretSerializer, NestedSecretsGroupSerializer

    made = secret()
    field = NestedSecretSerializer(required=False, allow_null=True)  # as BGP's peer endpoint declares its secret
    assert field.to_internal_value(str(made.pk)) == made
    assert field.to_internal_value({"name": made.name}) == made
    shown = field.to_representation(made)
    assert shown["name"] == made.name and shown["slug"] == made.slug and "parameters" not in shown
    group = SecretsGroup.objects.create(name="nested", slug="nested")
    assert NestedSecretsGroupSerializer().to_representation(group)["slug"] == "nested"
