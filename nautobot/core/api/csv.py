"""CSV of any list endpoint: each row is the object's API representation, one cell per field.

Nested objects become their natural key (slug, else name, else display), choices their value, lists
comma-separated, custom fields one `cf_<name>` column each. Rows are serialized in chunks, so the
number of queries grows with the number of chunks, never with the number of rows.
"""

import csv
import io
import json
from typing import Any

from django.db import models

CHUNK_SIZE = 500
SKIPPED_COLUMNS = ("url", "display")


def cell(value: Any) -> str:
    """One CSV cell for a value of the API representation."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if "value" in value and "label" in value:
            return cell(value["value"])
        for key in ("slug", "name", "display"):
            if key in value:
                return cell(value[key])
        return json.dumps(value, sort_keys=True)
    if isinstance(value, list):
        return ",".join(cell(item) for item in value)
    return str(value)


def _flat(row: dict) -> dict:
    flat = {}
    for key, value in row.items():
        if key in SKIPPED_COLUMNS:
            continue
        if key == "custom_fields" and isinstance(value, dict):
            flat.update({f"cf_{name}": cell(v) for name, v in value.items()})
        else:
            flat[key] = cell(value)
    return flat


def queryset_csv(queryset: models.QuerySet, serialize, fields: list[str]) -> str:
    """CSV text of every object of `queryset`; `serialize(objects) -> [dict]` gives their API representation.

    `fields` (the serializer's field names) is the header when there is no row to take it from.
    """
    out = io.StringIO()
    writer = None
    total = queryset.count()
    for start in range(0, total, CHUNK_SIZE):
        for row in serialize(list(queryset[start : start + CHUNK_SIZE])):
            flat = _flat(row)
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(flat), extrasaction="ignore", lineterminator="\n")
                writer.writeheader()
            writer.writerow(flat)
    if writer is None:
        csv.writer(out, lineterminator="\n").writerow(
            [f for f in fields if f not in SKIPPED_COLUMNS and f != "custom_fields"]
        )
    return out.getvalue()
