"""Git repositories in the API: validation, the write-only encrypted token, and the sync/diff actions."""

import pytest
from django.utils import timezone

from nautobot.core.models import WorkerHeartbeat
from nautobot.core.testing.api import TokenClient
from nautobot.extras import credentials
from nautobot.extras.datasources import tasks
from nautobot.extras.models import GitRepository, JobResult, ObjectChange
from nautobot.users.models import Token

pytestmark = pytest.mark.django_db
URL = "/api/extras/git-repositories/"


@pytest.fixture
def admin(django_user_model):
    return django_user_model.objects.create_superuser("git-admin", "g@example.com", "pw")


@pytest.fixture
def api(admin):
    return TokenClient(Token.objects.create(user=admin).key)


@pytest.fixture
def queued(monkeypatch):
    """The tasks queued (instead of sent to a broker): (task name, kwargs)."""
    sent = []
    for task in (tasks.sync_git_repository, tasks.diff_git_repository, tasks.remove_git_repository_contents):
        monkeypatch.setattr(
            task, "apply_async", lambda kwargs=None, task_id=None, _n=task.name: sent.append((_n, kwargs))
        )
    return sent


def _worker_alive() -> None:
    WorkerHeartbeat.objects.create(
        name="celery@test",
        kind="celery",
        hostname="h",
        pid=1,
        queues=["default"],
        started=timezone.now(),
        last_seen=timezone.now(),
    )


def test_token_is_write_only_encrypted_and_never_logged(api):
    created = api.post(
        URL,
        {
            "name": "Config",
            "remote_url": "https://git.example.com/org/config.git",
            "token": "tok-123-SECRET",
            "username": "bot",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert "token" not in body and "_token" not in body and "tok-123-SECRET" not in created.content.decode()
    assert (
        body["slug"] == "config"
        and body["branch"] == "main"
        and body["current_head"] == ""
        and body["provided_contents"] == []
    )
    repo = GitRepository.objects.get(pk=body["id"])
    assert repo._token and "tok-123-SECRET" not in repo._token and repo._clear_token() == "tok-123-SECRET"
    assert "tok-123-SECRET" not in api.get(f"{URL}{repo.pk}/").content.decode()
    change = ObjectChange.objects.get(changed_object_id=repo.pk)
    assert "tok-123-SECRET" not in str(change.object_data) and repo._token not in str(change.object_data)
    # PATCH without a token keeps it; an empty token clears it.
    assert api.patch(f"{URL}{repo.pk}/", {"branch": "develop"}).status_code == 200
    assert GitRepository.objects.get(pk=repo.pk)._clear_token() == "tok-123-SECRET"
    assert api.patch(f"{URL}{repo.pk}/", {"token": ""}).status_code == 200
    assert GitRepository.objects.get(pk=repo.pk)._token == ""


def test_token_survives_secret_key_rotation_and_credentials_key_rotation(settings):
    repo = GitRepository(name="r", slug="r", remote_url="https://h/r.git")
    repo.token = "abc"
    settings.SECRET_KEY = "a-completely-different-secret-key-" * 2
    assert repo._clear_token() == "abc"
    old = settings.GIT_CREDENTIALS_KEY
    settings.GIT_CREDENTIALS_KEY = "the-new-credentials-key"
    with pytest.raises(credentials.CredentialsError, match="GIT_CREDENTIALS_OLD_KEYS"):
        repo._clear_token()
    settings.GIT_CREDENTIALS_OLD_KEYS = [old]
    assert repo._clear_token() == "abc"
    rotated = credentials.reencrypt(repo._token)
    settings.GIT_CREDENTIALS_OLD_KEYS = []
    assert credentials.decrypt(rotated) == "abc"


@pytest.mark.parametrize(
    "remote_url, ok",
    [
        ("https://github.com/org/repo.git", True),
        ("http://git.local/repo", True),
        ("ssh://git@github.com/org/repo.git", True),
        ("git@github.com:org/repo.git", True),
        ("file:///srv/git/repo.git", True),
        ("https://user:pass@github.com/org/repo.git", False),
        ("https://token@github.com/org/repo.git", False),
        ("ftp://example.com/repo", False),
        ("file://relative/path", False),
        ("/srv/git/repo.git", False),
    ],
)
def test_remote_url_schemes(api, remote_url, ok):
    response = api.post(URL, {"name": "R", "remote_url": remote_url})
    assert (response.status_code == 201) is ok, response.content
    if not ok:
        assert "remote_url" in response.json()


def test_bad_branch_and_unknown_contents_are_400(api):
    assert "branch" in api.post(URL, {"name": "R", "remote_url": "https://h/r.git", "branch": "a..b"}).json()
    response = api.post(URL, {"name": "R", "remote_url": "https://h/r.git", "provided_contents": ["extras.nothing"]})
    assert response.status_code == 400 and "provided_contents" in response.json()


def test_saving_queues_a_sync_after_commit(api, queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = api.post(URL, {"name": "R", "remote_url": "https://h/r.git"})
    assert [name for name, _ in queued] == ["nautobot.extras.datasources.sync_git_repository"]
    assert queued[0][1]["repository_pk"] == created.json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        api.patch(f"{URL}{created.json()['id']}/", {"branch": "next"})
    assert len(queued) == 2


def test_sync_needs_a_worker_and_the_change_permission(
    api, admin, queued, django_user_model, django_capture_on_commit_callbacks
):
    repo = GitRepository.objects.create(name="R", slug="r", remote_url="https://h/r.git")
    response = api.post(f"{URL}{repo.pk}/sync/", {})
    assert response.status_code == 503 and "No celery workers" in response.json()["detail"]
    assert queued == []
    _worker_alive()
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"{URL}{repo.pk}/sync/", {})
    assert response.status_code == 200
    assert response.json()["message"] == "Repository R sync job added to queue."
    assert queued[-1][0] == "nautobot.extras.datasources.sync_git_repository"
    result = JobResult.objects.get(pk=response.json()["job_result"]["id"])
    assert result.user == admin and result.status == "pending" and str(result.pk) == queued[-1][1]["job_result_pk"]
    assert api.get(f"/api/extras/job-results/{result.pk}/").json()["obj_type"] == "extras.gitrepository"
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"{URL}{repo.pk}/diff/", {})
    assert response.status_code == 200 and queued[-1][0] == "nautobot.extras.datasources.diff_git_repository"

    viewer = django_user_model.objects.create_user("viewer")
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_gitrepository"))
    client = TokenClient(Token.objects.create(user=viewer).key)
    assert client.get(f"{URL}{repo.pk}/").status_code == 200
    assert client.post(f"{URL}{repo.pk}/sync/", {}).status_code == 403
    assert client.post(f"{URL}{repo.pk}/diff/", {}).status_code == 403


def test_deleting_queues_removal_after_commit(api, queued, django_capture_on_commit_callbacks):
    repo = GitRepository.objects.create(name="R", slug="r", remote_url="https://h/r.git", provided_contents=[])
    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(f"{URL}{repo.pk}/").status_code == 204
    [(name, kwargs)] = queued
    assert name == "nautobot.extras.datasources.remove_git_repository_contents"
    assert kwargs["snapshot"] == {"pk": str(repo.pk), "name": "R", "slug": "r", "provided_contents": []}
    result = JobResult.objects.get(pk=kwargs["job_result_pk"])
    assert result.status == "pending" and result.obj_type.model == "gitrepository" and result.name == "R"


def test_graphql_never_shows_the_token(api):
    repo = GitRepository(name="R", slug="r", remote_url="https://h/r.git")
    repo.token = "gql-SECRET-token"
    repo.save()
    from nautobot.core.graphql.schema import schema

    type_fields = schema.graphql_schema.get_type("GitRepositoryType").fields
    assert not any("token" in name.lower() for name in type_fields), sorted(type_fields)
    response = api.post("/api/graphql/", {"query": "{ git_repositories { name remote_url current_head } }"})
    assert response.status_code == 200, response.content
    assert response.json()["data"]["git_repositories"] == [
        {"name": "R", "remote_url": "https://h/r.git", "current_head": ""}
    ]
    assert "gql-SECRET" not in response.content.decode() and repo._token not in response.content.decode()


def test_templates_cannot_read_the_token():
    from nautobot.extras.templating import render

    repo = GitRepository(name="R", slug="r", remote_url="https://h/r.git")
    repo.token = "tpl-SECRET"
    with pytest.raises(AttributeError):
        repo.token  # noqa: B018
    for code in ("{{ r.token }}", "{{ r._clear_token() }}", "{{ r._token }}"):
        try:
            rendered = render(code, {"r": repo})
        except Exception:  # the sandbox refusing is as good
            continue
        assert "tpl-SECRET" not in rendered and repo._token not in rendered


def test_rotate_git_credentials_command(settings):
    from io import StringIO

    from django.core.management import CommandError, call_command

    repo = GitRepository(name="R", slug="r", remote_url="https://h/r.git")
    repo.token = "rotate-me"
    repo.save()
    old = settings.GIT_CREDENTIALS_KEY
    settings.GIT_CREDENTIALS_KEY = "brand-new-key"
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("rotate_git_credentials")
    settings.GIT_CREDENTIALS_OLD_KEYS = [old]
    out = StringIO()
    call_command("rotate_git_credentials", stdout=out)
    assert "1 Git repositories" in out.getvalue()
    settings.GIT_CREDENTIALS_OLD_KEYS = []
    assert GitRepository.objects.get(pk=repo.pk)._clear_token() == "rotate-me"


def test_sync_needs_a_worker_on_the_default_queue(api):
    repo = GitRepository.objects.create(name="R", slug="r", remote_url="https://h/r.git")
    WorkerHeartbeat.objects.create(
        name="celery@other",
        kind="celery",
        hostname="h",
        pid=1,
        queues=["jobs-only"],
        started=timezone.now(),
        last_seen=timezone.now(),
    )
    response = api.post(f"{URL}{repo.pk}/sync/", {})
    assert response.status_code == 503 and response.json()["detail"].endswith("on queue default.")


def test_ui_pages_never_show_the_token(client, admin):
    repo = GitRepository(name="R", slug="r", remote_url="https://h/r.git")
    repo.token = "ui-SECRET-token"
    repo.save()
    client.force_login(admin)
    for path in (
        "/extras/git-repositories/",
        f"/extras/git-repositories/{repo.pk}/",
        f"/extras/git-repositories/{repo.pk}/edit/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        assert "ui-SECRET" not in page and repo._token not in page and "getter" not in page, path
