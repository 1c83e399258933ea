"""Git repositories as data sources: the `GitRepository` model and what syncing one loads.

- `models.py`: the repository (remote, branch, recorded `current_head`, encrypted token).
- (encryption of tokens at rest: `nautobot.extras.credentials`, shared with webhook secrets.)
- `git.py`: fetch under a per-host lock into a bare mirror, immutable checkouts per commit
  (`GIT_ROOT/<slug>/<commit>`), credentials handed to git through `GIT_ASKPASS` and the environment.
- `contents.py`: the content kinds (`registry.datasource_contents`) that loaders plug into.
- `services.py` / `tasks.py`: sync, dry-run diff and deletion, run on workers.
- `api.py` / `specs.py`: `/api/extras/git-repositories/` with `sync/` and `diff/` actions.
"""


def __getattr__(name: str):
    # 1.x: `ensure_git_repository` was importable from here; it is a service (services imports this module).
    if name == "ensure_git_repository":
        from nautobot.extras.datasources.services import ensure_git_repository

        return ensure_git_repository
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
