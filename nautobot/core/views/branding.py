"""`/branding/<name>`: the files `BRANDING_FILEPATHS` names (paths in the media storage), public like the login page
that shows them; nothing else in the media storage is reachable here."""

import mimetypes

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404


def branding_file(request, name: str) -> FileResponse:
    path = (getattr(settings, "BRANDING_FILEPATHS", None) or {}).get(name)
    if not path:
        raise Http404("No such branding file.")
    try:
        handle = default_storage.open(path, "rb")
    except (OSError, SuspiciousFileOperation) as exc:  # missing, or a path outside the storage
        raise Http404("The branding file is missing.") from exc
    response = FileResponse(handle, content_type=mimetypes.guess_type(path)[0] or "application/octet-stream")
    response["Cache-Control"] = "public, max-age=3600"
    return response
