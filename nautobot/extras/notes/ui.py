"""Notes in the web UI: the "Notes" tab of every model with notes (the object's notes, newest first, and a form
to add one, saved through the write path) and `ObjectNotesView`, the same page for a 1.x app's own URL."""

from django.apps import apps
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views import View

from nautobot.core.models import NotesMixin
from nautobot.core.specs import spec_for
from nautobot.core.views.objects import tab_context
from nautobot.core.views.permissions import allowed, require
from nautobot.core.writes import objects_check_permission, web_origin, write_transaction
from nautobot.extras.notes.models import Note


def models_with_notes() -> tuple[str, ...]:
    """Lower-case labels of the installed models with notes (`NotesMixin`), an app's as well as ours."""
    return tuple(model._meta.label_lower for model in apps.get_models() if issubclass(model, NotesMixin))


def notes_tab(request, pk, spec):
    """GET: the object's notes; POST `note`: add one (the user needs `extras.add_note`)."""
    require(request.user, spec.model, "view")
    obj = get_object_or_404(allowed(spec.model.objects.all(), request.user, "view"), pk=pk)
    if request.method == "POST":
        require(request.user, Note, "add")
        text = request.POST.get("note", "").strip()
        if not text:
            messages.error(request, "A note needs some text.")
        else:
            with write_transaction(web_origin(request)):
                note = Note.objects.create(assigned_object=obj, user=request.user, note=text)
                objects_check_permission(model=Note, objects=[note], user=request.user, action="add")
            messages.success(request, "Note added.")
        return HttpResponseRedirect(request.path)
    notes = allowed(
        Note.objects.filter(
            assigned_object_type=ContentType.objects.get_for_model(spec.model), assigned_object_id=obj.pk
        ),
        request.user,
        "view",
    ).order_by("-created")
    context = tab_context(
        request, spec, obj, notes=notes, can_add=request.user.has_perm("extras.add_note"), active_tab="notes"
    )
    return render(request, "extras/object_notes.html", context)


class ObjectNotesView(View):
    """1.x: the notes page of an object at an app's own URL (`kwargs={"model": Widget}` in its `path()`)."""

    base_template = None

    def get(self, request, model, **kwargs):
        return notes_tab(request, self.object_pk(request, model, kwargs), spec_for(model))

    def post(self, request, model, **kwargs):
        return notes_tab(request, self.object_pk(request, model, kwargs), spec_for(model))

    @staticmethod
    def object_pk(request, model, kwargs):
        return get_object_or_404(allowed(model.objects.all(), request.user, "view"), **kwargs).pk
