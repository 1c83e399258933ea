"""Syncing real Git repositories (made in the test, fetched over file:// and HTTP): per-commit checkouts,
re-sync, dry-run diff, per-file failures, convergence of a host without a checkout, and credentials."""

import os
from pathlib import Path

import pytest

from nautobot.core.testing.gitrepos import SourceRepository, http_remote
from nautobot.extras.datasources import git, services
from nautobot.core.registry import DatasourceContent, registry
from nautobot.extras.datasources.records import SyncRecord
from nautobot.extras.models import GitRepository

pytestmark = pytest.mark.django_db


@pytest.fixture
def git_root(settings, tmp_path) -> Path:
    settings.GIT_ROOT = str(tmp_path / "git-root")
    return Path(settings.GIT_ROOT)


@pytest.fixture
def source(tmp_path) -> SourceRepository:
    return SourceRepository(tmp_path / "source")


@pytest.fixture
def files_kind():
    """A content kind that records the files under `files/` and fails on any file whose text is "bad"."""
    loaded: dict[str, list] = {"load": [], "remove": 0}

    def load(repository, root, log):
        names = []
        for path in sorted((root / "files").glob("*")):
            if path.read_text() == "bad":
                log.failure(f"{path.name}: not valid")
                continue
            names.append(path.name)
        loaded["load"].append(names)

    def remove(repository, log):
        loaded["remove"] += 1

    with registry.datasource_contents.registered(DatasourceContent("tests.files", "Files", "files", load, remove)):
        yield loaded


def _sync(repo: GitRepository) -> tuple[str, SyncRecord]:
    record = SyncRecord(repo)
    return services.sync_repository(repo, record), record


def test_each_commit_gets_its_own_checkout_and_current_head(git_root, source, files_kind):
    first = source.commit({"files/a.txt": "A", "README.md": "hi"})
    repo = GitRepository.objects.create(
        name="Data", slug="data", remote_url=source.url, provided_contents=["tests.files"]
    )
    status, _ = _sync(repo)
    assert status == "completed"
    repo.refresh_from_db()
    assert repo.current_head == first
    assert (git_root / "data" / first / "files" / "a.txt").read_text() == "A"
    assert files_kind["load"] == [["a.txt"]]

    second = source.commit({"files/b.txt": "B", "files/a.txt": None})
    status, record = _sync(repo)
    repo.refresh_from_db()
    assert status == "completed" and repo.current_head == second
    assert files_kind["load"][-1] == ["b.txt"]
    assert not (git_root / "data" / second / "files" / "a.txt").exists()
    # The superseded checkout stays (a job may still run from it) until its grace period is over.
    assert (git_root / "data" / first / "files" / "a.txt").exists()
    with git.repository_lock("data"):
        assert git.prune_checkouts(repo, keep=second, grace_s=0) == [first]
    assert not (git_root / "data" / first).exists() and (git_root / "data" / second).exists()
    assert any(second in message for _, message in record.lines)


def test_a_bad_file_fails_that_file_not_the_sync(git_root, source, files_kind):
    source.commit({"files/good.txt": "ok", "files/broken.txt": "bad", "files/z.txt": "ok"})
    repo = GitRepository.objects.create(
        name="Data", slug="data", remote_url=source.url, provided_contents=["tests.files"]
    )
    status, record = _sync(repo)
    assert status == "failed"
    assert files_kind["load"] == [["good.txt", "z.txt"]]
    assert ("failure", "broken.txt: not valid") in record.lines
    repo.refresh_from_db()
    assert repo.current_head  # the commit is recorded even though one file failed


def test_content_no_longer_provided_is_removed(git_root, source, files_kind):
    source.commit({"files/a.txt": "A"})
    repo = GitRepository.objects.create(name="Data", slug="data", remote_url=source.url, provided_contents=[])
    assert _sync(repo)[0] == "completed"
    assert files_kind["load"] == [] and files_kind["remove"] == 1


def test_diff_reports_what_a_sync_would_change_without_applying_it(git_root, source, files_kind):
    source.commit({"files/a.txt": "A", "files/b.txt": "B", "other/x.txt": "x"})
    repo = GitRepository.objects.create(
        name="Data", slug="data", remote_url=source.url, provided_contents=["tests.files"]
    )
    _sync(repo)
    repo.refresh_from_db()
    synced = repo.current_head
    new = source.commit({"files/a.txt": "A2", "files/b.txt": None, "files/c.txt": "C", "other/x.txt": "y"})
    record = SyncRecord(repo)
    assert services.diff_repository(repo, record) == "completed"
    repo.refresh_from_db()
    assert repo.current_head == synced and not (git_root / "data" / new).exists()
    assert files_kind["load"] == [["a.txt", "b.txt"]]
    messages = [m for _, m in record.lines]
    assert {"modified: files/a.txt", "removed: files/b.txt", "added: files/c.txt"} <= set(messages)
    assert not any("other/x.txt" in m for m in messages)


def test_unknown_branch_is_an_error_with_the_reason(git_root, source):
    source.commit({"README.md": "hi"})
    repo = GitRepository.objects.create(name="Data", slug="data", remote_url=source.url, branch="nope")
    status, record = _sync(repo)
    assert status == "errored"
    assert any(level == "failure" and "nope" in m and "Could not fetch" in m for level, m in record.lines)
    repo.refresh_from_db()
    assert repo.current_head == ""


def test_a_host_without_the_checkout_converges_on_current_head_once(git_root, source, monkeypatch):
    head = source.commit({"jobs/__init__.py": "", "jobs/hello.py": "x = 1\n"})
    repo = GitRepository.objects.create(name="Data", slug="data", remote_url=source.url)
    _sync(repo)
    repo.refresh_from_db()
    source.commit({"jobs/hello.py": "x = 2\n"})  # newer than what was synced: hosts must stay on current_head
    git.remove_local_copy("data")  # another host: nothing on its disk yet
    path = repo.filesystem_path
    assert path == git_root / "data" / head and (path / "jobs" / "hello.py").read_text() == "x = 1\n"

    def no_fetch(*args, **kwargs):
        raise AssertionError("a host that has the checkout must not fetch")

    monkeypatch.setattr(git, "fetch", no_fetch)
    assert repo.filesystem_path == path


def test_token_reaches_git_only_through_askpass(git_root, source, files_kind, tmp_path):
    source.commit({"files/a.txt": "A"})
    token = "ghp_TOKEN_never_on_disk_42"
    with http_remote(source.remote.parent, "robot", token) as (base, seen):
        repo = GitRepository(
            name="Private",
            slug="private",
            remote_url=f"{base}/remote.git",
            username="robot",
            provided_contents=["tests.files"],
        )
        repo.token = token
        repo.save()
        status, record = _sync(repo)
        assert status == "completed", record.lines
        assert any(header and header.startswith("Basic ") for header in seen)
        assert files_kind["load"] == [["a.txt"]]

        for directory, _, names in os.walk(git_root):
            for name in names:
                assert token.encode() not in (Path(directory) / name).read_bytes(), (
                    f"token written to {directory}/{name}"
                )
        assert not any(token in m for _, m in record.lines)

        repo.token = "wrong-" + token
        repo.save()
        status, record = _sync(repo)
        assert status == "errored"
        assert not any(token in m for _, m in record.lines)
        assert any("Could not fetch" in m and "Authentication failed" in m for _, m in record.lines), record.lines


@pytest.mark.django_db(transaction=True)
def test_the_task_records_a_job_result_with_its_log(git_root, source, files_kind):
    from nautobot.extras.datasources import tasks
    from nautobot.extras.datasources.records import create_job_result
    from nautobot.extras.models import JobLogEntry

    head = source.commit({"files/a.txt": "A", "files/b.txt": "bad"})
    repo = GitRepository.objects.create(
        name="Data", slug="data", remote_url=source.url, provided_contents=["tests.files"]
    )
    result = create_job_result(repo, name=repo.name)
    # Arguments as the broker delivers them (JSON).
    assert tasks.sync_git_repository(repository_pk=str(repo.pk), job_result_pk=str(result.pk), user_pk=None) == "failed"
    result.refresh_from_db()
    assert result.status == "failed" and result.completed and result.data == {"current_head": head}
    logs = list(JobLogEntry.objects.filter(job_result=result).values_list("log_level", "grouping", "message"))
    assert ("failure", "Files", "b.txt: not valid") in logs
    assert any(level == "info" and head in message for level, _, message in logs)
    # A redelivered task finds its result no longer pending and does nothing.
    assert tasks.sync_git_repository(repository_pk=str(repo.pk), job_result_pk=str(result.pk)) == "skipped"


def test_the_repository_lock_is_reentrant_in_a_thread_and_exclusive_across_threads(git_root):
    import threading
    import time

    order = []
    with git.repository_lock("data"):
        with git.repository_lock("data"):  # a sync asking for a checkout while it holds the lock
            order.append("nested")

        def other():
            with git.repository_lock("data"):
                order.append("other")

        thread = threading.Thread(target=other)
        thread.start()
        time.sleep(0.3)
        order.append("first done")
    thread.join(timeout=10)
    assert order == ["nested", "first done", "other"]
