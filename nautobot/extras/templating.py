"""Jinja2 in its sandbox: the only way user-written templates are rendered."""

from typing import Any

from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

_environment = SandboxedEnvironment(autoescape=False)


class TemplateError(ValueError):
    """A template does not compile; the message names the line."""


def compile_template(source: str):
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
