"""`/media/<path>`: uploaded files kept on this server's disk (the default, local storage), for signed-in users only,
as 1.x serves them. With a remote `STORAGE_BACKEND` the files' URLs point at that storage, and this page has none.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import Http404
from django.views.static import serve


def media_view(request, path: str):
    if not isinstance(default_storage, FileSystemStorage):  # (any local storage class, subclasses too)
        raise Http404("Uploaded files are not kept on this server.")
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    return serve(request, path, document_root=default_storage.location)
