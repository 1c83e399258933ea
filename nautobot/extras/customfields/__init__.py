"""Custom fields (user-defined values kept in each object's `_custom_field_data`) and computed fields (values
rendered from a template): their models, validation, API field and filters, and web UI form fields and panel."""
