"""System check of the registry: every entry of every store is of the store's kind (`nautobot.E001`).

`register` already refuses a wrong entry; this catches one that reached a store another way (a test that
swapped entries, code that wrote the store's internals) before it fails on a request.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import Error

from nautobot.core.registry import Registry, registry


def check_registry(app_configs: Any = None, *, target: Registry | None = None, **kwargs: Any) -> list[Error]:
    """One `nautobot.E001` per entry that is not of its store's kind."""
    errors = []
    for name, store in (target or registry).stores().items():
        for entry in store.entries():
            if not store.accepts(entry):
                errors.append(
                    Error(
                        f"The registry store {name!r} holds {entry!r}, which is not one of {store.kind_name()}.",
                        hint=f"Register a {store.kind.__name__} with `registry.{name}.register(...)`; "
                        "it refuses anything else.",
                        obj=entry,
                        id="nautobot.E001",
                    )
                )
    return errors
