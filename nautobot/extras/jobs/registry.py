"""Finding and loading job code, and keeping the `Job` table in step with it.

Sources: `JOBS_ROOT` (class paths `local/<module>/<Class>`), Git repositories (`git.<slug>/<module>/<Class>`,
from providers registered in `registry.job_sources`) and installed apps (`plugins/<dotted.module>/<Class>`).

Each directory source is imported under a package of its own, `nautobot_jobs.<source>`, so two sources
holding a file of the same name (or a file named like a standard module) never collide. Before a job
is loaded, the files of its source are fingerprinted (paths, sizes, modification times): when they
changed, that source's modules are dropped from `sys.modules` and imported again, so workers run the
code that is on disk now without a restart.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import os
import pkgutil
import re
import sys
import threading
import types
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings

from nautobot.core.plugins import is_plugin_config
from nautobot.core.registry import SourceProvider
from nautobot.core.registry import registry as core_registry
from nautobot.extras.jobs.base import is_job
from nautobot.extras.jobs.choices import OVERRIDABLE_FIELDS, JobSourceChoices

logger = logging.getLogger(__name__)
NAMESPACE = "nautobot_jobs"
_lock = threading.RLock()
_fingerprints: dict[str, tuple] = {}
# Errors of the last attempt to import each module, by "<source prefix>/<module>" (shown by refresh_jobs).
import_errors: dict[str, str] = {}


@dataclass(frozen=True)
class DirectorySource:
    """A directory of job modules: `prefix` is the first segment of its class paths (`local`, `git.<slug>`)."""

    prefix: str
    path: Path

    @property
    def kind(self) -> str:
        return "git" if self.prefix.startswith("git.") else "local"

    @property
    def package(self) -> str:
        return f"{NAMESPACE}.{re.sub(r'[^0-9A-Za-z_]', '_', self.prefix)}"


def _local_sources() -> list[DirectorySource]:
    return [DirectorySource("local", Path(settings.JOBS_ROOT))]


def _git_sources() -> list[DirectorySource]:
    """Jobs of Git repositories that provide them, when the Git repository model is installed."""
    try:
        model = apps.get_model("extras", "GitRepository")
    except LookupError:
        return []
    sources = []
    try:
        for repo in model.objects.all():
            if "extras.job" in (getattr(repo, "provided_contents", None) or []):
                path = Path(getattr(repo, "filesystem_path", None) or Path(settings.GIT_ROOT) / repo.slug) / "jobs"
                sources.append(DirectorySource(f"git.{repo.slug}", path))
    except Exception as exc:  # the table may not exist yet (during migrate)
        logger.debug("Git job sources unavailable: %s", exc)
    return sources


def register_sources() -> None:
    """`JOBS_ROOT` and Git repositories as job sources (called from `ExtrasConfig.ready`); apps may add theirs."""
    core_registry.job_sources.register(SourceProvider(_local_sources))
    core_registry.job_sources.register(SourceProvider(_git_sources))


def directory_sources() -> list[DirectorySource]:
    return [source for provider in core_registry.job_sources for source in provider.sources()]


# Loading --------------------------------------------------------------------------------------------
def _fingerprint(path: Path) -> tuple:
    entries = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".yml", ".json")):
                try:
                    stat = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                entries.append((os.path.relpath(os.path.join(root, name), path), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def _prepare(source: DirectorySource) -> None:
    """Create the source's package (pointing at its directory) and drop its modules if its files changed."""
    if NAMESPACE not in sys.modules:
        root = types.ModuleType(NAMESPACE, "Job code of every source, one package per source.")
        root.__path__ = []
        sys.modules[NAMESPACE] = root
    fingerprint = _fingerprint(source.path)
    package = sys.modules.get(source.package)
    if (
        package is not None
        and _fingerprints.get(source.package) == fingerprint
        and list(package.__path__) == [str(source.path)]
    ):
        return
    for name in [n for n in sys.modules if n == source.package or n.startswith(source.package + ".")]:
        del sys.modules[name]
    importlib.invalidate_caches()
    package = types.ModuleType(source.package, f"Jobs of {source.prefix}")
    package.__path__ = [str(source.path)]
    package.__package__ = source.package
    sys.modules[source.package] = package
    setattr(sys.modules[NAMESPACE], source.package.rsplit(".", 1)[1], package)
    _fingerprints[source.package] = fingerprint


def _import(source: DirectorySource, module_name: str):
    key = f"{source.prefix}/{module_name}"
    try:
        module = importlib.import_module(f"{source.package}.{module_name}")
    except Exception as exc:
        import_errors[key] = f"{type(exc).__name__}: {exc}"
        logger.error("Unable to load job module %s from %s: %s", module_name, source.path, exc)
        return None
    import_errors.pop(key, None)
    return module


def _module_jobs(module, prefix: str, module_name: str, attribute: str = "jobs") -> dict[str, type]:
    listed = getattr(module, attribute, None)
    if isinstance(listed, (list, tuple)):
        classes = [c for c in listed if is_job(c)]
    else:
        classes = [c for _, c in inspect.getmembers(module, is_job) if c.__module__ == module.__name__]
    found = {}
    for cls in classes:
        cls._source_prefix, cls._module_name = prefix, module_name
        found[f"{prefix}/{module_name}/{cls.__name__}"] = cls
    return found


def _directory_modules(source: DirectorySource) -> list[str]:
    if not source.path.is_dir():
        return []
    return sorted(info.name for info in pkgutil.iter_modules([str(source.path)]) if not info.name.startswith("_"))


def _plugin_modules() -> list[tuple[str, str]]:
    """`(module, list attribute)` of the jobs of every installed app outside Nautobot itself that has them: a
    plugin's `jobs` path ("jobs.jobs" by default, as 1.x), any other app's `<app>.jobs`."""
    names = []
    for config in apps.get_app_configs():
        if config.name.startswith(("nautobot.", "django.")) or config.name == "nautobot":
            continue
        dotted = getattr(config, "jobs", None) if is_plugin_config(config) else "jobs.jobs"
        if not isinstance(dotted, str) or "." not in dotted:
            continue
        module, _, attribute = f"{config.name}.{dotted}".rpartition(".")
        try:
            spec = importlib.util.find_spec(module)
        except ModuleNotFoundError:  # a package of the path is missing
            spec = None
        if spec is not None:
            names.append((module, attribute))
    return names


def get_jobs(sources: list[DirectorySource] | None = None, *, plugins: bool = True) -> dict[str, type]:
    """Every job class of `sources` (default: all) and of apps, by class path (re-imported where files changed)."""
    found: dict[str, type] = {}
    with _lock:
        for source in directory_sources() if sources is None else sources:
            _prepare(source)
            for module_name in _directory_modules(source):
                module = _import(source, module_name)
                if module is not None:
                    found.update(_module_jobs(module, source.prefix, module_name))
        for dotted, attribute in _plugin_modules() if plugins else []:
            try:
                module = importlib.import_module(dotted)
            except Exception as exc:
                import_errors[f"plugins/{dotted}"] = f"{type(exc).__name__}: {exc}"
                continue
            found.update(_module_jobs(module, "plugins", dotted, attribute))
    return found


def split_class_path(class_path: str) -> tuple[str, str, str]:
    parts = class_path.split("/")
    if len(parts) != 3 or not all(parts):
        raise ValueError(f"{class_path!r} is not a job class path (<source>/<module>/<Class>).")
    return parts[0], parts[1], parts[2]


def get_job(class_path: str) -> type | None:
    """The job class at `class_path`, loaded from the code on disk now; None if it is not there."""
    try:
        prefix, module_name, class_name = split_class_path(class_path)
    except ValueError:
        return None
    with _lock:
        if prefix == "plugins":
            try:
                module = importlib.import_module(module_name)
            except Exception:
                return None
        else:
            source = next((s for s in directory_sources() if s.prefix == prefix), None)
            if source is None:
                return None
            _prepare(source)
            module = _import(source, module_name)
            if module is None:
                return None
        return _module_jobs(module, prefix, module_name).get(class_path)


# The Job table ---------------------------------------------------------------------------------------
def _class_fields(cls) -> dict:
    return {
        "grouping": cls.grouping[:255],
        "name": str(cls.name)[:100],
        "description": cls.description or "",
        "commit_default": cls.commit_default,
        "hidden": cls.hidden,
        "read_only": cls.read_only,
        "approval_required": cls.approval_required,
        "has_sensitive_variables": cls.has_sensitive_variables,
        "soft_time_limit": cls.soft_time_limit,
        "time_limit": cls.time_limit,
        "task_queues": cls.task_queues,
    }


def refresh_job_models(source: DirectorySource | None = None) -> dict[str, list[str]]:
    """Create/update a `Job` row for every job found; mark the others not installed. New jobs start disabled.

    With `source`, only that source's jobs are refreshed (a Git repository after a sync).
    """
    # From the app registry: models.py imports this module (`Job.job_class`), so this one cannot import it.
    Job = apps.get_model("extras", "Job")
    summary: dict[str, list[str]] = {"created": [], "updated": [], "uninstalled": []}
    seen = []
    found = get_jobs() if source is None else get_jobs([source], plugins=False)
    for class_path, cls in sorted(found.items()):
        prefix, module_name, class_name = split_class_path(class_path)
        fields = _class_fields(cls)
        kind = (
            JobSourceChoices.PLUGINS
            if prefix == "plugins"
            else JobSourceChoices.GIT
            if prefix.startswith("git.")
            else JobSourceChoices.LOCAL
        )
        job = Job.objects.filter(source_prefix=prefix, module_name=module_name, job_class_name=class_name).first()
        if job is None:
            job = Job.objects.create(
                source=kind,
                source_prefix=prefix,
                module_name=module_name,
                job_class_name=class_name,
                slug=Job.make_slug(prefix, module_name, class_name),
                installed=True,
                enabled=False,
                **fields,
            )
            summary["created"].append(class_path)
        else:
            changed = not job.installed
            job.installed = True
            for name in OVERRIDABLE_FIELDS:
                if not getattr(job, f"{name}_override") and getattr(job, name) != fields[name]:
                    setattr(job, name, fields[name])
                    changed = True
            if changed:
                job.save()
                summary["updated"].append(class_path)
        seen.append(job.pk)
    gone = Job.objects.filter(installed=True).exclude(pk__in=seen)
    if source is not None:
        gone = gone.filter(source_prefix=source.prefix)
    summary["uninstalled"] = [j.class_path for j in gone]
    gone.update(installed=False)
    return summary


def refresh_after_migrate(sender=None, **kwargs) -> None:
    """`post_migrate` receiver: refresh the Job table (skipped quietly while the tables do not exist yet)."""
    from django.db import DatabaseError

    try:
        summary = refresh_job_models()
    except DatabaseError as exc:
        logger.debug("Jobs not refreshed: %s", exc)
        return
    if any(summary.values()):
        logger.info("Jobs refreshed: %s", {k: len(v) for k, v in summary.items()})
