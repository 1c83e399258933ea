"""Git operations on this host's copy of a repository (GitPython), under `GIT_ROOT/<slug>/`.

Layout: `mirror.git` (a bare repository that fetches only the configured branch) and one directory per
commit, `<commit>/`, made from `git archive` in a temporary directory and renamed into place, so a
checkout appears whole or not at all and never changes afterwards (a running job never sees files change
under it). A per-host file lock (`GIT_ROOT/.<slug>.lock`) serializes fetches and checkouts of one
repository between processes.

Credentials never touch the disk: the remote URL is given to `git fetch` on its command line (never
written to a config), the token reaches git through `GIT_ASKPASS` (a script that prints environment
variables set for that one git process only), and credential helpers are disabled for the call so none
stores it. Error messages are scrubbed of the token before anyone logs them.
"""

import fcntl
import os
import re
import shutil
import tarfile
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from nautobot.extras.credentials import CredentialsError

if TYPE_CHECKING:
    from git import GitCommandError, Repo

MIRROR = "mirror.git"
COMMIT = re.compile(r"^[0-9a-f]{40}([0-9a-f]{24})?$")
ASKPASS = """#!/bin/sh
# Written by Nautobot: answers git's credential prompts from variables set for one git process only.
case "$1" in
  [Uu]sername*) printf '%s\\n' "$NAUTOBOT_GIT_USERNAME" ;;
  *) printf '%s\\n' "$NAUTOBOT_GIT_PASSWORD" ;;
esac
"""
# Username sent with a token when none is configured (accepted by GitHub and GitLab for personal tokens).
TOKEN_USERNAME = "x-access-token"


def _gitpython():
    """GitPython, imported on first use: every process loads this module, only workers run git (DESIGN.md, "Memory")."""
    import git

    return git


class GitError(RuntimeError):
    """A git operation failed; the message is safe to show and log (no credentials)."""


def _root() -> Path:
    return Path(settings.GIT_ROOT)


_held = threading.local()


@contextmanager
def repository_lock(slug: str) -> Iterator[None]:
    """Hold this host's lock of the repository `slug` (blocks other processes and threads that fetch, check it
    out or sync it). Re-entrant within a thread, so a sync holding it can still ask for a checkout."""
    held = getattr(_held, "slugs", None)
    if held is None:
        held = _held.slugs = set()
    if slug in held:
        yield
        return
    _root().mkdir(parents=True, exist_ok=True)
    with open(_root() / f".{slug}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        held.add(slug)
        try:
            yield
        finally:
            held.discard(slug)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _askpass() -> str:
    path = _root() / ".nautobot-askpass"
    if not path.exists() or path.read_text() != ASKPASS:
        tmp = path.with_suffix(f".{os.getpid()}")
        tmp.write_text(ASKPASS)
        tmp.chmod(0o700)
        tmp.replace(path)
    return str(path)


def git_environment(repository) -> dict[str, str]:
    """Environment for one git process talking to `repository`'s remote: no prompts, no stored credentials."""
    username, token = repository._credentials()
    return {
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_ASKPASS": _askpass(),
        "SSH_ASKPASS_REQUIRE": "never",
        # SSH remotes authenticate with the worker user's keys; never wait for a prompt (host key, passphrase).
        "GIT_SSH_COMMAND": os.environ.get("GIT_SSH_COMMAND", "ssh -o BatchMode=yes"),
        # `credential.helper=` (empty) switches off every configured helper, so none can store the token.
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "credential.helper",
        "GIT_CONFIG_VALUE_0": "",
        "NAUTOBOT_GIT_USERNAME": username or (TOKEN_USERNAME if token else ""),
        "NAUTOBOT_GIT_PASSWORD": token,
    }


def scrub(text: str, repository) -> str:
    """`text` without the repository's token (for messages that may quote git's output)."""

    try:
        token = repository._credentials()[1] if repository.has_token or repository.secrets_group_id else ""
    except CredentialsError:  # unreadable, so it cannot have been sent anywhere either
        token = ""
    return text.replace(token, "********") if token else text


def _error(exc: "GitCommandError", repository, doing: str) -> GitError:
    stderr = (exc.stderr or "").strip().replace("stderr: ", "").strip("'\n ")
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    detail = " ".join(lines[-3:]) or str(exc.status)
    return GitError(
        scrub(f"Could not {doing} {repository.remote_url} (branch {repository.branch}): {detail}", repository)
    )


def mirror(repository) -> "Repo":
    """This host's bare mirror of `repository` (created empty if missing). Call with the lock held."""
    path = repository.directory / MIRROR
    if (path / "HEAD").exists():
        return _gitpython().Repo(path)
    repository.directory.mkdir(parents=True, exist_ok=True)
    return _gitpython().Repo.init(path, bare=True)


def fetch(repository) -> str:
    """Fetch the branch into the mirror and return the commit it points to. Call with the lock held."""
    repo = mirror(repository)
    ref = f"refs/remotes/origin/{repository.branch}"
    try:
        with repo.git.custom_environment(**git_environment(repository)):
            repo.git.fetch(
                "--prune", "--no-tags", "--", repository.remote_url, f"+refs/heads/{repository.branch}:{ref}"
            )
        return repo.git.rev_parse("--verify", f"{ref}^{{commit}}").strip()
    except _gitpython().GitCommandError as exc:
        raise _error(exc, repository, "fetch") from None


def has_commit(repo: "Repo", commit: str) -> bool:
    try:
        repo.git.cat_file("-e", f"{commit}^{{commit}}")
        return True
    except _gitpython().GitCommandError:
        return False


def checkout(repository, commit: str) -> Path:
    """Make `GIT_ROOT/<slug>/<commit>/` hold the files of `commit` (atomically). Call with the lock held."""
    if not COMMIT.match(commit):
        raise GitError(f"{commit!r} is not a full commit hash.")
    target = repository.directory / commit
    if target.is_dir():
        return target
    repo = mirror(repository)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{commit[:12]}-", dir=repository.directory))
    try:
        with tempfile.TemporaryFile() as archive:
            repo.archive(archive, treeish=commit, format="tar")
            archive.seek(0)
            with tarfile.open(fileobj=archive) as tar:
                tar.extractall(tmp, filter="data")
        tmp.chmod(0o755)
        tmp.rename(target)
    except _gitpython().GitCommandError as exc:
        raise _error(exc, repository, f"check out {commit} of") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def ensure_checkout(repository, commit: str) -> Path:
    """The checkout of `commit` on this host, fetching first if this host lacks the commit.

    The fast path is one `stat`: nothing talks to the remote when the checkout exists.
    """
    target = repository.directory / commit
    if target.is_dir():
        return target
    with repository_lock(repository.slug):
        if target.is_dir():
            return target
        repo = mirror(repository)
        if not has_commit(repo, commit):
            fetch(repository)
            if not has_commit(repo, commit):
                raise GitError(f"Commit {commit} is not on branch {repository.branch} of {repository.remote_url}.")
        return checkout(repository, commit)


def changed_files(repository, old: str, new: str) -> list[tuple[str, str]]:
    """`(status, path)` for each file that differs between commits `old` ("" = none) and `new`. Lock held."""
    repo = mirror(repository)
    if not old or not has_commit(repo, old):
        return [("A", path) for path in repo.git.ls_tree("-r", "--name-only", new).splitlines()]
    changes = []
    for line in repo.git.diff("--name-status", "--no-renames", old, new).splitlines():
        status, _, path = line.partition("\t")
        changes.append((status[:1], path))
    return changes


def prune_checkouts(repository, keep: str, *, grace_s: float | None = None) -> list[str]:
    """Remove checkouts of commits other than `keep` once superseded for `grace_s` (a running job's longest life).

    A checkout seen superseded for the first time gets a marker; it is removed on a later call after the
    grace period, so a job that started on it can finish. Lock held.
    """
    grace = settings.CELERY_TASK_TIME_LIMIT if grace_s is None else grace_s
    removed = []
    for entry in repository.directory.iterdir() if repository.directory.is_dir() else ():
        if not entry.is_dir() or not COMMIT.match(entry.name) or entry.name == keep:
            continue
        marker = repository.directory / f".superseded-{entry.name}"
        if not marker.exists():
            marker.touch()
        if time.time() - marker.stat().st_mtime >= grace:
            shutil.rmtree(entry, ignore_errors=True)
            marker.unlink(missing_ok=True)
            removed.append(entry.name)
    (repository.directory / f".superseded-{keep}").unlink(missing_ok=True)
    return removed


def remove_local_copy(slug: str) -> None:
    """Remove this host's copy of the repository `slug` (mirror and checkouts)."""
    with repository_lock(slug):
        shutil.rmtree(_root() / slug, ignore_errors=True)
    (_root() / f".{slug}.lock").unlink(missing_ok=True)


def prune_orphans(known_slugs: set[str]) -> list[str]:
    """Remove this host's copies of repositories that no longer exist (deleted or renamed elsewhere)."""
    removed = []
    root = _root()
    for entry in root.iterdir() if root.is_dir() else ():
        if (
            entry.is_dir()
            and not entry.name.startswith(".")
            and (entry / MIRROR).exists()
            and entry.name not in known_slugs
        ):
            remove_local_copy(entry.name)
            removed.append(entry.name)
    return removed


def __getattr__(name: str):
    # 1.x: `ensure_git_repository` was importable from here; it is a service (services imports this module).
    if name == "ensure_git_repository":
        from nautobot.extras.datasources.services import ensure_git_repository

        return ensure_git_repository
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
