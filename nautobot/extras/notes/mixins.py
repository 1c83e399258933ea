"""The 1.x `NotesMixin`: a plain (non-model) mixin giving an object its notes.

1.x apps' migrations list it among a model's `bases` (`nautobot.extras.models.mixins.NotesMixin`), so it must stay a
plain class: Django builds the historical model as `(models.Model, ..., NotesMixin)`, which a `models.Model`
subclass would make an impossible method order. Our own bases carry notes as `core.models.NotesMixin`, a generic
relation (notes go with their object); a model with either has notes (`notes.api.has_notes`).
"""

from django.contrib.contenttypes.models import ContentType

from nautobot.extras.notes.models import Note


class NotesMixin:
    """Gives `notes`: the notes written on this object, oldest first."""

    @property
    def notes(self):
        return Note.objects.filter(
            assigned_object_type=ContentType.objects.get_for_model(type(self)), assigned_object_id=self.pk
        )
