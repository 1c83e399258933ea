"""`GitRepository`: a remote Git repository whose files provide data (jobs, config contexts, ...)."""

import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.text import slugify

from nautobot.core.models import OrganizationalModel
from nautobot.extras import credentials
from nautobot.extras.datasources.contents import content_names
from nautobot.extras.credentials import CredentialsError
from nautobot.extras.datasources.git import GitError, ensure_checkout
from nautobot.extras.secrets.choices import SecretsGroupAccessTypeChoices, SecretsGroupSecretTypeChoices
from nautobot.extras.secrets.exceptions import SecretError

logger = logging.getLogger("nautobot.extras.datasources")
SCHEMES = ("http", "https", "ssh", "git", "file")
# scp-like SSH address: [user@]host:path (no scheme, no "//" after the colon).
SCP_LIKE = re.compile(r"^(?:[\w.+-]+@)?[\w.-]+:(?!//)\S+$")


def validate_remote_url(value: str) -> None:
    """Accept http(s), ssh, git and file URLs and scp-like SSH addresses; refuse credentials in the URL."""
    if SCP_LIKE.match(value) and "://" not in value:
        return
    parts = urlsplit(value)
    if parts.scheme not in SCHEMES:
        raise ValidationError(
            f"Enter a Git remote URL with one of the schemes {', '.join(SCHEMES)} (e.g. https://github.com/org/repo.git, "
            "file:///srv/git/repo.git) or an SSH address such as git@github.com:org/repo.git."
        )
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost") or not parts.path.startswith("/"):
            raise ValidationError("A file:// URL needs an absolute path, e.g. file:///srv/git/repo.git.")
        return
    if not parts.hostname:
        raise ValidationError("The remote URL has no host name.")
    if parts.password is not None or (parts.username and parts.scheme in ("http", "https")):
        raise ValidationError(
            "Do not put credentials in the remote URL (they would be stored in clear); "
            "use the username and token fields instead."
        )


def validate_branch(value: str) -> None:
    if (
        not value
        or value.startswith(("-", "/"))
        or ".." in value
        or re.search(r"[\s~^:?*\[\\]", value)
        or value.endswith((".lock", "/"))
    ):
        raise ValidationError(f"{value!r} is not a valid Git branch name.")


class GitRepository(OrganizationalModel):
    """A Git repository synced by the workers; `current_head` is the commit every host converges on."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    remote_url = models.CharField(
        max_length=255,
        validators=[validate_remote_url],
        verbose_name="Remote URL",
        help_text="Only HTTP(S), SSH, git and file:// remotes",
    )
    branch = models.CharField(max_length=64, default="main", validators=[validate_branch])
    current_head = models.CharField(
        max_length=48, blank=True, default="", help_text="Commit hash of the most recent fetch from the selected branch"
    )
    username = models.CharField(max_length=64, blank=True, default="")
    # When set, its HTTP(S) token and username are what git authenticates with (instead of `token`/`username`).
    secrets_group = models.ForeignKey(
        "extras.SecretsGroup", on_delete=models.SET_NULL, related_name="git_repositories", blank=True, null=True
    )
    # Fernet ciphertext of the token (see nautobot.extras.credentials); read and written through `token`.
    _token = models.TextField(blank=True, default="", editable=False)
    provided_contents = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "Git repositories"

    def __str__(self) -> str:
        return self.name

    def _set_token(self, value: str) -> None:
        self._token = credentials.encrypt(value or "")

    # Write-only: `repo.token = "..."` stores it encrypted. Reading goes through `_clear_token()`, whose
    # leading underscore keeps it out of reach of templates (the Jinja2 sandbox refuses such names).
    token = property(fset=_set_token, doc="Write-only: the token to authenticate to the remote with.")

    def _clear_token(self) -> str:
        """The clear token (decrypted on each call; never stored in clear, never serialized)."""
        return credentials.decrypt(self._token)

    def _credentials(self) -> tuple[str, str]:
        """`(username, token)` for git: the secrets group's HTTP(S) username and token when the repository has a
        group (either may be missing from it), else the `username` and `token` fields. `CredentialsError` when a
        secret cannot be read (its message names the secret, never a value)."""
        if self.secrets_group_id is None:
            return self.username, self._clear_token()
        found = []
        for secret_type in (SecretsGroupSecretTypeChoices.TYPE_USERNAME, SecretsGroupSecretTypeChoices.TYPE_TOKEN):
            try:
                value = self.secrets_group.get_secret_value(
                    SecretsGroupAccessTypeChoices.TYPE_HTTP, secret_type, obj=self
                )
            except ObjectDoesNotExist:
                value = ""
            except SecretError as exc:
                raise CredentialsError(f"Secrets group {self.secrets_group}: {exc}") from None
            found.append(value or "")
        return found[0], found[1]

    @property
    def has_token(self) -> bool:
        return bool(self._token)

    @property
    def directory(self) -> Path:
        """Where this host keeps the repository: the mirror and one checkout per commit."""
        return Path(settings.GIT_ROOT) / self.slug

    @property
    def filesystem_path(self) -> Path | None:
        """The checkout of `current_head` on this host, fetched first if this host lacks it.

        None before the first sync, or (logged as an error) when this host cannot fetch that commit.
        """
        if not self.current_head:
            return None

        try:
            return ensure_checkout(self, self.current_head)
        except GitError as exc:
            logger.error("Git repository %s is unavailable on this host: %s", self.name, exc)
            return None

    def clean(self) -> None:
        super().clean()
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        if self.slug.startswith("."):
            raise ValidationError({"slug": "A slug cannot start with a dot."})
        if not isinstance(self.provided_contents, list) or not all(isinstance(v, str) for v in self.provided_contents):
            raise ValidationError({"provided_contents": 'A list of content names, e.g. ["extras.job"].'})

        known = content_names()
        unknown = [v for v in self.provided_contents if v not in known]
        if unknown:
            raise ValidationError(
                {
                    "provided_contents": f"Unknown content {', '.join(unknown)}; choose from {', '.join(known) or 'none (no content kinds are installed)'}."
                }
            )
        self.provided_contents = list(dict.fromkeys(self.provided_contents))
        same_remote = GitRepository.objects.filter(remote_url=self.remote_url).exclude(pk=self.pk)
        for other in same_remote:
            shared = set(other.provided_contents) & set(self.provided_contents)
            if shared:
                raise ValidationError(
                    {
                        "provided_contents": f"The repository {other} has the same remote URL and already provides {', '.join(sorted(shared))}."
                    }
                )
