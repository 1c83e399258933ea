"""1.x's `nautobot.extras.forms`: the model, bulk edit, filter and CSV forms apps subclass.

`NautobotModelForm` is a Django `ModelForm` (apps call `save(commit=...)`, read `self.instance`, `initial`,
`fields`) with what Nautobot adds to every model form:
- custom fields as `cf_<name>` fields: the same form fields our generated forms show
  (`customfields.forms.custom_field_forms`), validated by `customfields.data.clean_data`, the function the REST
  API validates `custom_fields` with (same rules, same messages, shown beside the field);
- relationships as `cr_<slug>__<side>` choosers, saved with the associations' own validation;
- `object_note`: a note added when the object is saved inside a write (by its user), or by
  `save_note(instance=, user=)` as 1.x views call it.
The view saves the form inside `core.writes.write_transaction`, so the change log and webhooks record the
object, its tags and relationships as for any other write.
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import Q

from nautobot.core.forms import (
    BootstrapMixin,
    BulkEditForm,
    CSVModelChoiceField,
    CSVModelForm,
    DynamicModelChoiceField,
    DynamicModelMultipleChoiceField,
    JSONField,
    StaticSelect2,
)
from nautobot.core.forms.constants import BOOLEAN_WITH_BLANK_CHOICES
from nautobot.core.registry import registry
from nautobot.core.writes import current_origin
from nautobot.extras.customfields.data import clean_data
from nautobot.extras.customfields.forms import PREFIX as CF_PREFIX
from nautobot.extras.customfields.forms import custom_field_forms
from nautobot.extras.notes.models import Note
from nautobot.extras.relationships.api import _replace_side
from nautobot.extras.relationships.models import Relationship, RelationshipType
from nautobot.extras.statuses.models import Status
from nautobot.extras.tags.models import Tag

# Relationship types whose one side holds at most one peer: {type: the side that picks a single object}.
_SINGLE_SIDES = {
    RelationshipType.ONE_TO_ONE: ("source", "destination"),
    RelationshipType.SYMMETRIC_ONE_TO_ONE: ("peer",),
    RelationshipType.ONE_TO_MANY: ("source",),  # a destination has one source
}


def _content_type(model) -> ContentType:
    return ContentType.objects.get_for_model(model)


# Custom fields


class CustomFieldModelFormMixin(forms.ModelForm):
    """Adds a `cf_<name>` field per custom field of the model; `custom_fields` lists their names."""

    def __init__(self, *args, **kwargs):
        self.obj_type = _content_type(self._meta.model)
        self.custom_fields = []
        super().__init__(*args, **kwargs)
        self._append_customfield_fields()

    def _append_customfield_fields(self):
        model = self._meta.model
        instance = self.instance if not self.instance._state.adding else None
        initial = custom_field_forms.initial(model, instance)
        for name, formfield in custom_field_forms.fields(model, None, "edit").items():
            self.fields[name] = formfield
            if name in initial:
                self.initial.setdefault(name, initial[name])
            self.custom_fields.append(name)

    def _post_clean(self):
        values = {name: self.cleaned_data.get(name) for name in self.custom_fields if name in self.cleaned_data}
        payload = custom_field_forms.payload(self._meta.model, values, bulk=False, nullify=[])
        instance = self.instance
        try:
            instance._custom_field_data = clean_data(
                self._meta.model,
                payload.get("custom_fields", {}),
                current=instance._custom_field_data,
                creating=instance._state.adding,
            )
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                field = CF_PREFIX + name
                self.add_error(field if field in self.fields else None, messages)
        super()._post_clean()


class CustomFieldModelCSVForm(CSVModelForm, CustomFieldModelFormMixin):
    """A CSV import form with custom field columns `cf_<name>`."""


class CustomFieldModelForm(BootstrapMixin, CustomFieldModelFormMixin):
    """A model form with custom fields (no relationships nor notes)."""


class CustomFieldModelBulkEditFormMixin(BulkEditForm):
    """Adds the `cf_<name>` fields to a bulk edit form; each may also be emptied (`nullable_fields`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.obj_type = _content_type(self.model)
        self.custom_fields = []
        for name, formfield in custom_field_forms.fields(self.model, None, "bulk").items():
            self.fields[name] = formfield
            self.custom_fields.append(name)
            if name not in self.nullable_fields:
                self.nullable_fields.append(name)


class CustomFieldBulkEditForm(BootstrapMixin, CustomFieldModelBulkEditFormMixin):
    """A bulk edit form with custom fields."""


class CustomFieldModelFilterFormMixin(forms.Form):
    """Adds the `cf_<name>` filters of the model named by the class attribute `model`."""

    model = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.obj_type = _content_type(self.model)
        self.custom_fields = []
        for name, formfield in custom_field_forms.fields(self.model, None, "filter").items():
            self.fields[name] = formfield
            self.custom_fields.append(name)


class CustomFieldFilterForm(BootstrapMixin, CustomFieldModelFilterFormMixin):
    """A filter form with custom field filters."""


# Relationships


class RelationshipModelFormMixin(forms.ModelForm):
    """Adds a chooser `cr_<slug>__<side>` per relationship the model takes part in; `relationships` lists them."""

    def __init__(self, *args, **kwargs):
        self.obj_type = _content_type(self._meta.model)
        self.relationships = []
        super().__init__(*args, **kwargs)
        self._append_relationships()

    def _sides(self):
        """(relationship, side, peer model) for each side of a relationship this model's objects pick peers on."""
        content_type = self.obj_type
        found = Relationship.objects.filter(Q(source_type=content_type) | Q(destination_type=content_type))
        for relationship in found.select_related("source_type", "destination_type"):
            if relationship.symmetric:
                yield relationship, "peer", relationship.source_type.model_class()
                continue
            if relationship.source_type_id == content_type.pk and not relationship.source_hidden:
                yield relationship, "destination", relationship.destination_type.model_class()
            if relationship.destination_type_id == content_type.pk and not relationship.destination_hidden:
                yield relationship, "source", relationship.source_type.model_class()

    def _append_relationships(self):
        instance = self.instance if not self.instance._state.adding else None
        for relationship, side, peer_model in self._sides():
            if peer_model is None:
                continue
            name = f"cr_{relationship.slug}__{side}"
            single = side in _SINGLE_SIDES.get(relationship.type, ())
            field_class = DynamicModelChoiceField if single else DynamicModelMultipleChoiceField
            label = (relationship.destination_label if side == "destination" else relationship.source_label) or str(
                peer_model._meta.verbose_name_plural if not single else peer_model._meta.verbose_name
            )
            self.fields[name] = field_class(
                queryset=peer_model.objects.all(),
                required=False,
                label=label.capitalize(),
                help_text=relationship.description,
            )
            self.relationships.append(name)
            if instance is not None:
                peers = self._current_peers(relationship, side, peer_model, instance)
                self.initial[name] = (peers[0] if peers else None) if single else peers

    @staticmethod
    def _current_peers(relationship, side, peer_model, instance) -> list:
        associations = relationship.associations.all()
        if side == "peer":
            ids = [
                a.destination_id if a.source_id == instance.pk else a.source_id
                for a in associations.filter(Q(source_id=instance.pk) | Q(destination_id=instance.pk))
            ]
        elif side == "destination":
            ids = list(associations.filter(source_id=instance.pk).values_list("destination_id", flat=True))
        else:
            ids = list(associations.filter(destination_id=instance.pk).values_list("source_id", flat=True))
        return list(peer_model.objects.filter(pk__in=ids))

    def _save_relationships(self, instance):
        for relationship, side, _peer_model in list(self._sides()):
            name = f"cr_{relationship.slug}__{side}"
            if name not in self.cleaned_data:
                continue
            value = self.cleaned_data[name]
            peers = [] if value is None else (list(value) if not hasattr(value, "pk") else [value])
            _replace_side(instance, relationship, side, peers)

    def _save_m2m(self):
        super()._save_m2m()
        self._save_relationships(self.instance)


class RelationshipModelForm(BootstrapMixin, RelationshipModelFormMixin):
    """A model form with relationship choosers (no custom fields nor notes)."""


class RelationshipModelBulkEditFormMixin(BulkEditForm):
    """1.x adds add/remove choosers per relationship to bulk edit forms; here bulk edits leave relationships as they are."""


class RelationshipModelFilterFormMixin(forms.Form):
    """1.x adds relationship filters to filter forms; none are added here (the list filters have no such parameter)."""


# Notes


def _note_field() -> forms.CharField:
    return forms.CharField(
        required=False, label="Note", widget=forms.Textarea(attrs={"rows": 3}), help_text="Add a note to this object."
    )


def _add_note(form, instance, user) -> None:
    text = (form.cleaned_data.get("object_note") or "").strip()
    if text and not getattr(form, "_note_saved", False):
        Note.objects.create(assigned_object=instance, note=text, user=user if user is not None and user.pk else None)
        form._note_saved = True


class NoteModelFormMixin(forms.ModelForm):
    """Adds `object_note`: saved with the object (its author the user of the open write, `core.writes`), or by
    `save_note(instance=, user=)`, which 1.x views call after saving (a note is never added twice)."""

    object_note = _note_field()

    def _save_m2m(self):
        super()._save_m2m()
        origin = current_origin()
        if origin is not None:
            _add_note(self, self.instance, origin.user)

    def save_note(self, *, instance, user):
        _add_note(self, instance, user)


class NoteModelBulkEditFormMixin(forms.Form):
    """`object_note` on a bulk edit form: `save_note(instance=, user=)` adds it to each edited object."""

    object_note = _note_field()

    def save_note(self, *, instance, user):
        text = (self.cleaned_data.get("object_note") or "").strip()
        if text:
            Note.objects.create(
                assigned_object=instance, note=text, user=user if user is not None and user.pk else None
            )


# Statuses


class StatusModelFilterFormMixin(forms.Form):
    """Adds the `status` filter (slugs) of the statuses the form's `model` may use."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"] = DynamicModelMultipleChoiceField(
            queryset=Status.objects.filter(content_types=_content_type(self.model)),
            to_field_name="slug",
            required=False,
            query_params={"content_types": self.model._meta.label_lower},
        )
        self.order_fields(self.field_order)


class StatusModelBulkEditFormMixin(forms.Form):
    """Adds an optional `status` to a bulk edit form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"] = DynamicModelChoiceField(
            queryset=Status.objects.filter(content_types=_content_type(self.model)),
            required=False,
            query_params={"content_types": self.model._meta.label_lower},
        )
        self.order_fields(self.field_order)


class StatusModelCSVFormMixin(CSVModelForm):
    """The `status` column of a CSV import, by slug (as 1.x), among the statuses the model may use."""

    status = CSVModelChoiceField(queryset=Status.objects.all(), to_field_name="slug", help_text="Operational status")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = Status.objects.filter(content_types=_content_type(self._meta.model))


# Tags


def _tags_for(model):
    return Tag.objects.filter(content_types=_content_type(model))


class AddRemoveTagsForm(forms.Form):
    """`add_tags` and `remove_tags` of a bulk edit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["add_tags"] = DynamicModelMultipleChoiceField(queryset=Tag.objects.all(), required=False)
        self.fields["remove_tags"] = DynamicModelMultipleChoiceField(queryset=Tag.objects.all(), required=False)


class TagsBulkEditFormMixin(forms.Form):
    """`add_tags` and `remove_tags` of a bulk edit, among the tags usable on the form's model."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tags = _tags_for(self.model)
        self.fields["add_tags"] = DynamicModelMultipleChoiceField(
            queryset=tags, required=False, query_params={"content_types": self.model._meta.label_lower}
        )
        self.fields["remove_tags"] = DynamicModelMultipleChoiceField(
            queryset=tags, required=False, query_params={"content_types": self.model._meta.label_lower}
        )


# Local config context


class LocalContextModelForm(forms.ModelForm):
    """The object's local config context data (JSON)."""

    local_context_data = JSONField(required=False, label="")


class LocalContextModelBulkEditForm(BulkEditForm):
    """Bulk edit of local config context data: it may only be emptied (`nullable_fields`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "local_context_data" not in self.nullable_fields:
            self.nullable_fields.append("local_context_data")


class LocalContextFilterForm(forms.Form):
    """Filter on whether objects have local config context data."""

    local_context_data = forms.NullBooleanField(
        required=False,
        label="Has local config context data",
        widget=StaticSelect2(choices=BOOLEAN_WITH_BLANK_CHOICES),
    )


# What apps subclass


class RelatedChooserOverridesMixin(forms.ModelForm):
    """Fields Django derives from relations to a model with a `FormFieldOverride` (a status) become that chooser,
    as in our generated forms (the statuses the model may use, not every status); declared fields are kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name, formfield in list(self.fields.items()):
            if name in self.declared_fields or not isinstance(formfield, forms.ModelChoiceField):
                continue
            override = registry.form_field_overrides.get(formfield.queryset.model._meta.label)
            if override is None:
                continue
            many = isinstance(formfield, forms.ModelMultipleChoiceField)
            chooser = override.build(model, many=many, required=formfield.required, label=formfield.label)
            chooser.help_text = formfield.help_text
            self.fields[name] = chooser


class NautobotModelForm(
    BootstrapMixin,
    RelatedChooserOverridesMixin,
    CustomFieldModelFormMixin,
    RelationshipModelFormMixin,
    NoteModelFormMixin,
):
    """The base of an app's create/edit form: custom fields, relationships and a note (see the module docstring)."""


class NautobotBulkEditForm(BootstrapMixin, CustomFieldModelBulkEditFormMixin, NoteModelBulkEditFormMixin):
    """The base of an app's bulk edit form: `Form(model, data)`, custom fields, `Meta.nullable_fields`, a note."""


class NautobotFilterForm(BootstrapMixin, CustomFieldModelFilterFormMixin):
    """The base of an app's filter form (`model = ...` on the class): custom field filters added."""
