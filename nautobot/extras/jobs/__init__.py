"""Jobs: the author API of 1.x (`from nautobot.extras.jobs import Job, StringVar, ...`).

The rest of the package: `models` (Job registry, results, logs, schedules), `registry` (finding and
loading job code), `runner` (execution on the workers), `schedules`, `api`.
"""

from nautobot.extras.jobs.base import BaseJob, Job, is_job
from nautobot.extras.jobs.variables import (
    BooleanVar,
    ChoiceVar,
    FileVar,
    IntegerVar,
    IPAddressVar,
    IPAddressWithMaskVar,
    IPNetworkVar,
    MultiChoiceVar,
    MultiObjectVar,
    ObjectVar,
    ScriptVariable,
    StringVar,
    TextVar,
)


def __getattr__(name: str):
    # The Celery tasks of the original lived here (`nautobot.extras.jobs.run_job`); loaded lazily so
    # that job modules importing this package never pull in the models during app loading.
    if name in ("run_job", "enqueue_job"):
        from nautobot.extras.jobs import runner

        return getattr(runner, name)
    if name in ("get_job", "get_jobs"):
        from nautobot.extras.jobs import registry

        return getattr(registry, name)
    raise AttributeError(name)


__all__ = [
    "BaseJob",
    "BooleanVar",
    "ChoiceVar",
    "FileVar",
    "IPAddressVar",
    "IPAddressWithMaskVar",
    "IPNetworkVar",
    "IntegerVar",
    "Job",
    "MultiChoiceVar",
    "MultiObjectVar",
    "ObjectVar",
    "ScriptVariable",
    "StringVar",
    "TextVar",
    "is_job",
]
