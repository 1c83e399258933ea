"""`export_templates/<app_label>/<model>/<file>` of a Git repository: one export template per file.

The template's name is the file name, its MIME type guessed from the file name (text/plain when unknown)
and its file extension the file's.
"""

import mimetypes
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from nautobot.extras.datasources.loaders import FileError, error_text, owner_of, relative, remove_unseen
from nautobot.extras.exporttemplates.models import ExportTemplate

DIRECTORY = "export_templates"


def load(repository, root: Path, log) -> None:

    seen, failed = set(), False
    for path in _template_files(root / DIRECTORY, log, root):
        try:
            seen.add(_load_one(repository, path, log).pk)
        except (FileError, ValidationError) as exc:
            failed = True
            log.failure(f"{relative(path, root)}: {error_text(exc)}")
    remove_unseen(
        ExportTemplate.objects.filter(**owner_of(repository)), seen, log, kind="export template", had_failures=failed
    )


def remove(repository, log) -> None:

    remove_unseen(
        ExportTemplate.objects.filter(**owner_of(repository)), set(), log, kind="export template", had_failures=False
    )


def _template_files(base: Path, log, root: Path):
    if not base.is_dir():
        return
    for path in sorted(base.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(base).parts):
            continue
        if len(path.relative_to(base).parts) != 3:
            log.warning(f"{relative(path, root)}: not at export_templates/<app_label>/<model>/<file>; skipped.")
            continue
        yield path


def _load_one(repository, path: Path, log):

    app_label, model_name = path.parent.parent.name, path.parent.name
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    except ContentType.DoesNotExist:
        raise FileError(f"there is no model {app_label}.{model_name}") from None
    try:
        code = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FileError(f"cannot be read as UTF-8 text: {exc}") from None
    owner = owner_of(repository)
    template = ExportTemplate.objects.filter(content_type=content_type, name=path.name, **owner).first()
    created = template is None
    if template is None:
        template = ExportTemplate(content_type=content_type, name=path.name, **owner)
    template.template_code = code
    template.mime_type = mimetypes.guess_type(path.name)[0] or "text/plain"
    template.file_extension = path.suffix[1:15]
    with log.changes():
        template.validated_save()
    log.success(f"{'Created' if created else 'Refreshed'} export template {template}.", template)
    return template
