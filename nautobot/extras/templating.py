"""Jinja2 in its sandbox: the only way user-written templates are rendered.

Stricter than Jinja2's own sandbox in two ways: touching an unsafe attribute (`__class__`, `_meta`,
`__globals__`, ...) raises `SecurityError` at once instead of quietly rendering as empty text, and no
attribute that holds a class is reachable (`queryset.model.objects` would bypass the permissions that
narrowed `queryset`). Methods marked `alters_data` (Django's save, delete, update, create, ...) are
refused by Jinja2's sandbox already.
"""

from types import ModuleType
from typing import Any

from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from nautobot.core.registry import registry


class StrictSandboxedEnvironment(SandboxedEnvironment):
    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return not isinstance(value, (type, ModuleType)) and super().is_safe_attribute(obj, attr, value)

    def unsafe_undefined(self, obj: Any, attribute: str):
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe.")


_environment = StrictSandboxedEnvironment(autoescape=False)
_builtin_filters = dict(_environment.filters)
_synced = {"filters": None}


def _sync_filters() -> None:
    """Jinja's own filters plus those apps registered (`registry.jinja_filters`; theirs cannot replace Jinja's)."""
    entries = registry.jinja_filters.entries()
    if _synced["filters"] is not entries:
        _environment.filters = {**{f.name: f.function for f in entries}, **_builtin_filters}
        _synced["filters"] = entries


class TemplateError(ValueError):
    """A template does not compile; the message names the line."""


def compile_template(source: str):
    _sync_filters()
    try:
        return _environment.from_string(source)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"Template syntax error on line {exc.lineno}: {exc.message}") from None


def render(source: str, context: dict[str, Any]) -> str:
    """Render `source` in the sandbox (attribute access to unsafe internals raises SecurityError)."""
    return compile_template(source).render(**context)


def render_or_fallback(source: str, context: dict[str, Any], fallback: str) -> str:
    try:
        return render(source, context)
    except Exception:
        return fallback


__all__ = ["SecurityError", "TemplateError", "compile_template", "render", "render_or_fallback"]
