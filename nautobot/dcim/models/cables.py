"""Cables, the paths they form, and the mixins of the components a cable can plug into.

`CableTermination` (a `cable` foreign key) is mixed into every cable-able component; `PathEndpoint`
(a `_path` foreign key to the `CablePath` that starts there) into the ones where a path can begin or
end. Paths are computed by `nautobot.dcim.cabling` and kept current by `nautobot.dcim.services`.
"""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from nautobot.core.models import BaseModel, PrimaryModel
from nautobot.dcim.cable_ends import cable_end, cable_termination_types, can_connect
from nautobot.dcim.choices import CableLengthUnitChoices, CableTypeChoices
from nautobot.extras.models import ColorValidator, StatusField

__all__ = ("CableTermination", "PathEndpoint", "Cable", "CablePath")


class CableTermination(models.Model):
    """A component a cable can be attached to; deleting it deletes its cable."""

    cable = models.ForeignKey("dcim.Cable", on_delete=models.SET_NULL, related_name="+", blank=True, null=True)
    _cabled_as_a = GenericRelation(
        "dcim.Cable", content_type_field="termination_a_type", object_id_field="termination_a_id"
    )
    _cabled_as_b = GenericRelation(
        "dcim.Cable", content_type_field="termination_b_type", object_id_field="termination_b_id"
    )

    class Meta:
        abstract = True


class PathEndpoint(models.Model):
    """A component where a cable path starts or ends (not a front or rear port)."""

    _path = models.ForeignKey("dcim.CablePath", on_delete=models.SET_NULL, related_name="+", blank=True, null=True)
    _paths_as_origin = GenericRelation("dcim.CablePath", content_type_field="origin_type", object_id_field="origin_id")

    class Meta:
        abstract = True

    @property
    def connected_endpoint(self):
        """The endpoint at the far end of this one's cable path (1.x), or None."""
        return self._path.destination if self._path_id else None


class Cable(PrimaryModel):
    termination_a_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, limit_choices_to=cable_termination_types, related_name="+"
    )
    termination_a_id = models.UUIDField()
    termination_a = GenericForeignKey("termination_a_type", "termination_a_id")
    termination_b_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, limit_choices_to=cable_termination_types, related_name="+"
    )
    termination_b_id = models.UUIDField()
    termination_b = GenericForeignKey("termination_b_type", "termination_b_id")
    type = models.CharField(max_length=50, choices=CableTypeChoices.choices, blank=True)
    status = StatusField()
    label = models.CharField(max_length=100, blank=True)
    color = models.CharField(max_length=6, blank=True, validators=[ColorValidator])
    length = models.PositiveSmallIntegerField(blank=True, null=True)
    length_unit = models.CharField(max_length=50, choices=CableLengthUnitChoices.choices, blank=True)
    # The devices of both ends, kept for filtering cables by device, site or rack (set by the services).
    _termination_a_device = models.ForeignKey(
        "dcim.Device", on_delete=models.CASCADE, related_name="+", blank=True, null=True
    )
    _termination_b_device = models.ForeignKey(
        "dcim.Device", on_delete=models.CASCADE, related_name="+", blank=True, null=True
    )

    class Meta:
        ordering = ("label", "pk")
        unique_together = [["termination_a_type", "termination_a_id"], ["termination_b_type", "termination_b_id"]]

    def __str__(self) -> str:
        return self.label or f"#{self.pk}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.length is not None and not self.length_unit:
            errors["length_unit"] = "Must specify a unit when setting a cable length."
        if self.length is None:
            self.length_unit = ""
        errors.update(self._termination_errors())
        if errors:
            raise ValidationError(errors)

    def _termination_errors(self) -> dict[str, str]:
        """Check both ends: they exist, differ, fit together and are free (field name → message)."""
        ends = {}
        for side in ("a", "b"):
            if not getattr(self, f"termination_{side}_type_id") or not getattr(self, f"termination_{side}_id"):
                return {}
            end = self._load_end(side)
            if end is None:
                kind, pk = getattr(self, f"termination_{side}_type").name, getattr(self, f"termination_{side}_id")
                return {f"termination_{side}_id": f"No {kind} exists with id {pk}."}
            ends[side] = end
        if self._ends_changed():
            return {
                "termination_a_id": "The ends of an existing cable cannot be changed; delete it and create a new one."
            }
        a, b = ends["a"], ends["b"]
        if self.termination_a_type_id == self.termination_b_type_id and a.pk == b.pk:
            return {"termination_b_id": "A cable cannot connect a termination to itself."}
        if not can_connect(a, b):
            return {
                "termination_b_type": f"Incompatible termination types: {a._meta.verbose_name} and {b._meta.verbose_name}."
            }
        errors = {}
        for side, end in ends.items():
            message = self._end_error(end, ends["b" if side == "a" else "a"])
            if message:
                errors[f"termination_{side}_id"] = message
        return errors

    def _load_end(self, side: str):
        content_type = getattr(self, f"termination_{side}_type")
        model = content_type.model_class()
        if model is None:
            return None
        return model.objects.filter(pk=getattr(self, f"termination_{side}_id")).first()

    def _end_error(self, end, other) -> str | None:
        if end.cable_id is not None and end.cable_id != self.pk:
            return f"{end._meta.verbose_name.capitalize()} {end} already has a cable ({end.cable}); delete that cable first."
        validate = cable_end(end).validate
        return validate(end, other) if validate is not None else None

    def _ends_changed(self) -> bool:
        if self._state.adding:
            return False
        names = ("termination_a_type_id", "termination_a_id", "termination_b_type_id", "termination_b_id")
        original = Cable.objects.filter(pk=self.pk).values_list(*names).first()
        return original is not None and tuple(original) != tuple(getattr(self, name) for name in names)


class CablePath(BaseModel):
    """The route from one path endpoint (`origin`) along cables and front/rear ports to another (`destination`).

    `path` lists the nodes between the two, in order, as `"app_label.model:uuid"` strings (see
    `nautobot.dcim.cabling.node_ref`); it holds every cable and every front/rear port traversed.
    `is_active`: every cable is connected and the path reaches a destination. `is_split`: the path
    reached a multi-position rear port without knowing which position to follow.
    """

    origin_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    origin_id = models.UUIDField()
    origin = GenericForeignKey("origin_type", "origin_id")
    destination_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+", blank=True, null=True)
    destination_id = models.UUIDField(blank=True, null=True)
    destination = GenericForeignKey("destination_type", "destination_id")
    path = models.JSONField(default=list)
    is_active = models.BooleanField(default=False)
    is_split = models.BooleanField(default=False)

    class Meta:
        unique_together = [["origin_type", "origin_id"]]

    def __str__(self) -> str:
        return f"Path from {self.origin_type.model} {self.origin_id} to {self.destination_id or 'nowhere'}"
