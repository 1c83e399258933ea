"""Parse import text (CSV, JSON or YAML) into API-shaped rows.

JSON and YAML rows are taken as they are (the REST API's request bodies). CSV has one column per field;
related objects are given by id (`site`), or by one attribute with a double underscore (`site__slug`,
which becomes `{"site": {"slug": ...}}`); `tags` is a comma-separated list of slugs; `cf_<name>` sets a
custom field. Empty cells are left out.
"""

import csv
import io
import json

import yaml


class ImportParseError(ValueError):
    """The text cannot be parsed; the message says where."""


def parse_rows(text: str, fmt: str = "auto") -> list[dict]:
    """Rows of `text` in `fmt` (`csv`, `json`, `yaml` or `auto`: guessed from the first character)."""
    text = text.strip()
    if not text:
        raise ImportParseError("Nothing to import: paste data or choose a file.")
    if fmt == "auto":
        fmt = "json" if text[0] in "[{" else "yaml" if text.startswith(("---", "- ")) else "csv"
    if fmt == "csv":
        return _csv_rows(text)
    try:
        data = json.loads(text) if fmt == "json" else _yaml(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise ImportParseError(f"Invalid {fmt.upper()}: {exc}") from None
    rows = data if isinstance(data, list) else [data]
    if not all(isinstance(row, dict) for row in rows):
        raise ImportParseError(f"{fmt.upper()} must be an object or a list of objects.")
    return rows


def _yaml(text: str):
    documents = [d for d in yaml.safe_load_all(text) if d is not None]
    if len(documents) == 1:
        return documents[0]
    return documents


def _csv_rows(text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise ImportParseError("CSV needs a header line of field names.")
    rows = []
    for number, record in enumerate(reader, start=1):
        if None in record:
            raise ImportParseError(f"Row {number}: more values than header columns.")
        rows.append(_csv_row(record))
    return rows


def _csv_row(record: dict) -> dict:
    row: dict = {}
    for key, value in record.items():
        key = (key or "").strip()
        value = (value or "").strip()
        if not key or value == "":
            continue
        if key == "tags":
            row["tags"] = [{"slug": s.strip()} for s in value.split(",") if s.strip()]
        elif key.startswith("cf_"):
            row.setdefault("custom_fields", {})[key[3:]] = value
        elif "__" in key:
            name, attribute = key.split("__", 1)
            row.setdefault(name, {})[attribute] = value
        else:
            row[key] = value
    return row
