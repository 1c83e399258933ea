"""`/media/<path>`: uploaded files kept under `MEDIA_ROOT` (the default, local storage), for signed-in users only,
as 1.x serves them. With a remote `STORAGE_BACKEND` the files' URLs point at that storage, and this page has none.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.views.static import serve

LOCAL_STORAGE = "django.core.files.storage.FileSystemStorage"


def media_view(request, path: str):
    if settings.STORAGES.get("default", {}).get("BACKEND") != LOCAL_STORAGE:
        raise Http404("Uploaded files are not kept on this server.")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    return serve(request, path, document_root=settings.MEDIA_ROOT)
