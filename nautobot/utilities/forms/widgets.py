"""1.x path `nautobot.utilities.forms.widgets`: a façade re-exporting `nautobot.core.forms.widgets` (no logic here)."""

from nautobot.core.forms.widgets import (  # noqa: F401
    APISelect,
    APISelectMultiple,
    BulkEditNullBooleanSelect,
    COLOR_CHOICES,
    ColorSelect,
    ContentTypeSelect,
    DatePicker,
    DateTimePicker,
    MultiValueCharInput,
    NumericArrayWidget,
    SelectWithDisabled,
    SelectWithPK,
    SlugWidget,
    SmallTextarea,
    StaticSelect2,
    StaticSelect2Multiple,
    StaticSelect2Tag,
    TimePicker,
)
