"""1.x path `nautobot.utilities.forms.forms`: a façade re-exporting `nautobot.core.forms.base` (no logic here)."""

from nautobot.core.forms.base import (  # noqa: F401
    AddressFieldMixin,
    BootstrapMixin,
    BulkEditForm,
    BulkRenameForm,
    CSVModelForm,
    ConfirmationForm,
    ImportForm,
    PrefixFieldMixin,
    ReturnURLForm,
    SearchForm,
    TableConfigForm,
)
