"""`sanitize()`: the best-effort removal of credentials from text that is kept (job log lines, webhook delivery
records) by the regular expressions of `SANITIZER_PATTERNS` (1.x: `nautobot.utilities.logging.sanitize`)."""

from django.conf import settings


def sanitize(string: str, replacement: str = "(redacted)") -> str:
    """`string` with every match of each `(pattern, substitution)` of `SANITIZER_PATTERNS` replaced; the
    substitution may name `{replacement}` (and the pattern's groups, as `re.sub` takes them)."""
    if not string:
        return string
    for pattern, substitution in getattr(settings, "SANITIZER_PATTERNS", ()):
        string = pattern.sub(substitution.format(replacement=replacement), string)
    return string
