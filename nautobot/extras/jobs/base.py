"""The `Job` class that job authors subclass (1.x API: `Meta`, variables, `run`, `test_*`, `post_run`, `log_*`)."""

from __future__ import annotations

import inspect
import json
import logging
import os
from collections import OrderedDict
from typing import Any

from nautobot.core.logging import sanitize
from django import forms

from nautobot.extras.jobs.variables import ScriptVariable

LOG_LEVELS = ("default", "debug", "success", "info", "warning", "failure")
COUNTED_LEVELS = ("success", "info", "warning", "failure")

# Meta options and their defaults (the original's, 1.6).
META_DEFAULTS: dict[str, Any] = {
    "description": "",
    "commit_default": True,
    "read_only": False,
    "hidden": False,
    "field_order": (),
    "approval_required": False,
    "has_sensitive_variables": True,
    "soft_time_limit": 0,
    "time_limit": 0,
    "task_queues": (),
    "template_name": None,
}


class classproperty:
    def __init__(self, getter) -> None:
        self.getter = getter

    def __get__(self, instance, owner):
        return self.getter(owner)


class BaseJob:
    """Base of every job. Subclass `Job`, declare variables as class attributes, implement `run()` and/or `test_*()`.

    While it runs, a job has `self.job_result` (the `JobResult` row), `self.request` (user and id of the
    request that started it), `self.active_test` (the group its log lines go to) and `self.failed`.
    """

    class Meta:
        pass

    # Set by the registry when the class is loaded from a source.
    _source_prefix = "local"
    _module_name = ""

    def __init__(self) -> None:
        self.logger = logging.getLogger(f"nautobot.jobs.{type(self).__name__}")
        self.active_test = "initialization"
        self.failed = False
        self.request = None
        self.job_result = None
        self.commit = True
        self._log_sink = None
        self.results: dict[str, Any] = OrderedDict()
        self.results["total"] = dict.fromkeys(COUNTED_LEVELS, 0)

    def __str__(self) -> str:
        return str(self.name)

    # Class metadata ---------------------------------------------------------------------------
    @classmethod
    def _meta(cls, option: str) -> Any:
        return getattr(cls.Meta, option, META_DEFAULTS.get(option))

    @classproperty
    def name(cls) -> str:
        return getattr(cls.Meta, "name", cls.__name__)

    @classproperty
    def description(cls) -> str:
        return cls._meta("description")

    @classproperty
    def commit_default(cls) -> bool:
        return bool(cls._meta("commit_default"))

    @classproperty
    def read_only(cls) -> bool:
        return bool(cls._meta("read_only"))

    @classproperty
    def hidden(cls) -> bool:
        return bool(cls._meta("hidden"))

    @classproperty
    def approval_required(cls) -> bool:
        return bool(cls._meta("approval_required"))

    @classproperty
    def has_sensitive_variables(cls) -> bool:
        return bool(cls._meta("has_sensitive_variables"))

    @classproperty
    def soft_time_limit(cls) -> int:
        return int(cls._meta("soft_time_limit") or 0)

    @classproperty
    def time_limit(cls) -> int:
        return int(cls._meta("time_limit") or 0)

    @classproperty
    def task_queues(cls) -> list[str]:
        return list(cls._meta("task_queues") or [])

    @classproperty
    def field_order(cls) -> list[str]:
        return list(cls._meta("field_order") or [])

    @classproperty
    def module_name(cls) -> str:
        return cls._module_name or cls.__module__.rsplit(".", 1)[-1]

    @classproperty
    def class_path(cls) -> str:
        """`local/<module>/<Class>`, `git.<repo>/<module>/<Class>` or `plugins/<dotted.module>/<Class>`."""
        return f"{cls._source_prefix}/{cls.module_name}/{cls.__name__}"

    @classproperty
    def grouping(cls) -> str:
        module = inspect.getmodule(cls)
        return getattr(module, "name", None) or cls.module_name

    @classmethod
    def _get_vars(cls) -> OrderedDict:
        """Variables in declaration order (base classes first), then reordered by `Meta.field_order`."""
        found: dict[str, ScriptVariable] = {}
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, ScriptVariable):
                    found[name] = value
        ordered = OrderedDict()
        for name in cls.field_order:
            if name in found:
                ordered[name] = found.pop(name)
        ordered.update(sorted(found.items(), key=lambda item: item[1].creation_order))
        return ordered

    @classproperty
    def test_methods(cls) -> list[str]:
        """`test_*` methods in declaration order (base classes first), as the documentation always promised."""
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                if name.startswith("test_") and callable(value) and name not in names:
                    names.append(name)
        return names

    @classmethod
    def as_form(cls, data=None, files=None, initial=None) -> forms.Form:
        """A Django form of the job's variables (plus `_commit`), bound to `data`/`files` when given."""
        fields = OrderedDict((name, var.as_field()) for name, var in cls._get_vars().items())
        form_class = type(f"{cls.__name__}Form", (forms.Form,), fields)
        return form_class(data, files, initial=initial)

    # Hooks for authors --------------------------------------------------------------------------
    def run(self, data: dict, commit: bool) -> Any:
        """The job's work; `data` holds the cleaned variables, `commit` is False for a dry run."""

    def post_run(self) -> None:
        """Runs after `run()` and the tests, outside their transaction, whatever their outcome."""

    # Logging ------------------------------------------------------------------------------------
    def _log(self, obj, message, level: str) -> None:
        if level not in LOG_LEVELS:
            raise ValueError(f"Unknown log level {level!r}; use one of {', '.join(LOG_LEVELS)}.")
        if message is None and obj is not None and not hasattr(obj, "_meta"):
            obj, message = None, obj
        message = "" if message is None else sanitize(str(message))  # SANITIZER_PATTERNS, before it is kept anywhere
        if level in COUNTED_LEVELS:
            group = self.results.setdefault(self.active_test, dict.fromkeys(COUNTED_LEVELS, 0))
            group[level] += 1
            self.results["total"][level] += 1
        if level == "failure":
            self.failed = True
        url = ""
        if obj is not None and hasattr(obj, "get_absolute_url"):
            try:
                url = obj.get_absolute_url() or ""
            except Exception:
                url = ""
        python_level = {"failure": logging.ERROR, "warning": logging.WARNING, "debug": logging.DEBUG}.get(
            level, logging.INFO
        )
        self.logger.log(python_level, "%s%s", f"{obj}: " if obj is not None else "", message)
        if self._log_sink is not None:
            self._log_sink.write(
                grouping=self.active_test,
                log_level=level,
                message=message,
                log_object=str(obj)[:200] if obj is not None else "",
                absolute_url=url[:255],
            )

    def log(self, message) -> None:
        self._log(None, message, "default")

    def log_debug(self, message) -> None:
        self._log(None, message, "debug")

    def log_success(self, obj=None, message=None) -> None:
        self._log(obj, message, "success")

    def log_info(self, obj=None, message=None) -> None:
        self._log(obj, message, "info")

    def log_warning(self, obj=None, message=None) -> None:
        self._log(obj, message, "warning")

    def log_failure(self, obj=None, message=None) -> None:
        self._log(obj, message, "failure")

    # Helpers ------------------------------------------------------------------------------------
    def _file_path(self, filename: str) -> str:
        return os.path.join(os.path.dirname(inspect.getfile(type(self))), filename)

    def load_yaml(self, filename: str) -> Any:
        """Data of the YAML file `filename`, relative to the job's own file."""
        import yaml

        with open(self._file_path(filename)) as stream:
            return yaml.safe_load(stream)

    def load_json(self, filename: str) -> Any:
        """Data of the JSON file `filename`, relative to the job's own file."""
        with open(self._file_path(filename)) as stream:
            return json.load(stream)


class Job(BaseJob):
    """What job authors subclass."""


def is_job(obj) -> bool:
    """A job class defined by an author (not one of the base classes)."""
    return (
        inspect.isclass(obj)
        and issubclass(obj, BaseJob)
        and obj not in (BaseJob, Job)
        and not getattr(obj, "_abstract", False)
    )
