"""Object pages addressed by slug, as 1.x addressed them (`/dcim/sites/site1/`, `/dcim/sites/site1/edit/`).

Our pages are keyed by UUID. For a model with a unique `slug`, every page of one object (detail, edit, delete, its
tabs and actions) also answers at the slug, under the same URL name (so 1.x code that reverses
`dcim:site` with `slug=` still gets a URL): that answer is a redirect to the UUID page, after the same view
permission check, so bookmarks and links from 1.x keep working and there is one page per object.
"""

from django.core.exceptions import FieldDoesNotExist
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from nautobot.core.views.permissions import allowed


def has_unique_slug(model) -> bool:
    try:
        field = model._meta.get_field("slug")
    except FieldDoesNotExist:
        return False
    return bool(field.unique) and field.concrete


def slug_redirect(request, *, spec, slug: str, **kwargs):
    """Find the object by `slug` among those the user may view (else 404), then redirect to the same page by UUID."""
    obj = get_object_or_404(allowed(spec.model.objects.all(), request.user, "view"), slug=slug)
    url = reverse(request.resolver_match.view_name, kwargs={**kwargs, "pk": obj.pk})
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(f"{url}?{query}" if query else url)
