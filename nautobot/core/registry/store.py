"""One store of the registry: an ordered, typed collection of entries of one kind."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from django.utils.module_loading import import_string

E = TypeVar("E")


class Store(Generic[E]):
    """Entries of one kind, in registration order; read-only except through `register`.

    - `kind`: the type every entry must be (an instance of it; a subclass when `classes`). A dotted path
      is imported on first use, for kinds the registry cannot import (the spec base, graphene's type).
    - `key`: for stores looked up by name (includes, content kinds, specs): entry -> its key. Two entries
      with the same key are refused unless equal.
    Registering an entry equal to one already there does nothing: an app's `ready()` may run twice (tests).
    Equality is the kind's: fields declared `compare=False` (a view made by `as_view()`, a closure made per
    call) do not count, so register module-level functions, not lambdas made anew on each call.
    """

    def __init__(
        self, kind: type | str, *, key: Callable[[Any], Hashable] | None = None, classes: bool = False
    ) -> None:
        self.name = ""  # set by the registry: the store's attribute name
        self._kind = kind
        self._key = key
        self.classes = classes
        self._entries: tuple[E, ...] = ()
        self._by_key: dict[Hashable, E] = {}

    def __repr__(self) -> str:
        return f"<Store {self.name}: {len(self._entries)} {self.kind_name()}>"

    @property
    def kind(self) -> type:
        if isinstance(self._kind, str):
            self._kind = import_string(self._kind)
        return self._kind

    def kind_name(self) -> str:
        kind = self.kind
        noun = f"{kind.__module__}.{kind.__qualname__}"
        return f"subclasses of {noun}" if self.classes else noun

    def accepts(self, entry: object) -> bool:
        """Whether `entry` is of this store's kind."""
        if self.classes:
            return isinstance(entry, type) and issubclass(entry, self.kind)
        return isinstance(entry, self.kind)

    def register(self, entry: E) -> E:
        """Add `entry` (once: an equal entry already there is kept); return it. `TypeError` if it is not of the kind."""
        if not self.accepts(entry):
            raise TypeError(
                f"The registry store {self.name!r} takes {self.kind_name()}, not {entry!r} ({type(entry).__name__})."
            )
        if entry in self._entries:
            return entry
        if self._key is not None:
            key = self._key(entry)
            if key in self._by_key:
                raise ValueError(
                    f"The registry store {self.name!r} already has {self._by_key[key]!r} for {key!r};"
                    f" {entry!r} cannot take its place."
                )
            self._by_key[key] = entry
        self._entries = (*self._entries, entry)
        return entry

    # Reads --------------------------------------------------------------------------------------
    def __iter__(self) -> Iterator[E]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def __contains__(self, entry: object) -> bool:
        return entry in self._entries

    def entries(self) -> tuple[E, ...]:
        """Every entry, in registration order."""
        return self._entries

    def get(self, key: Hashable, default: E | None = None) -> E | None:
        """The entry of `key` (stores with a key only)."""
        return self._keyed().get(key, default)

    def has(self, key: Hashable) -> bool:
        return key in self._keyed()

    def by_key(self) -> MappingProxyType:
        """`{key: entry}`, read-only, in registration order (stores with a key only); a live view: a hot path
        may keep it (`spec_for` does) and see later registrations."""
        return MappingProxyType(self._keyed())

    def _keyed(self) -> dict:
        if self._key is None:
            raise TypeError(f"The registry store {self.name!r} has no key: iterate it instead.")
        return self._by_key

    # Tests --------------------------------------------------------------------------------------
    @contextmanager
    def registered(self, *entries: E) -> Iterator[None]:
        """For tests: `entries` registered inside the block only (those already there stay afterwards)."""
        saved, saved_keys = self._entries, dict(self._by_key)
        try:
            for entry in entries:
                self.register(entry)
            yield
        finally:
            self._restore(saved, saved_keys)

    @contextmanager
    def emptied(self) -> Iterator[None]:
        """For tests: the store without any entry inside the block."""
        saved, saved_keys = self._entries, dict(self._by_key)
        self._restore((), {})
        try:
            yield
        finally:
            self._restore(saved, saved_keys)

    def _restore(self, entries: tuple, by_key: dict) -> None:
        # The key dict is changed in place: views handed out by `by_key()` stay live.
        self._entries = entries
        self._by_key.clear()
        self._by_key.update(by_key)
