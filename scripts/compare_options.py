#!/usr/bin/env python
"""Show where two servers' `OPTIONS` answers differ, per endpoint and API version.

Compares what clients read (pynautobot's `choices()`, the Ansible modules): the field names of
`actions.POST` and, per field, `type`, `required`, `read_only`, `label`, `help_text`, `max_length`, the
`choices` (values, and the display of each value) and the kind of nested description (`child` of a list,
`children` of a nested object); also the top-level `name`, `description`, `renders` and `parses`.
Only read requests (`OPTIONS`) are sent.

    python scripts/compare_options.py --left http://127.0.0.1:8080 --left-token KEY \\
        --right http://127.0.0.1:8081 --right-token KEY [--versions 1.2,1.4,1.6] [dcim/devices ...]

Prints one line per difference (`endpoint@version field: what: left | right`) and exits 1 when there is
any (`--ignore KEY` leaves a per-field key out of the comparison, e.g. `--ignore help_text`).
"""

import argparse
import json
import sys
import urllib.error
import urllib.request

ENDPOINTS = (
    "dcim/devices",
    "dcim/interfaces",
    "ipam/ip-addresses",
    "ipam/prefixes",
    "ipam/vlans",
    "dcim/sites",
    "dcim/racks",
    "dcim/cables",
    "virtualization/virtual-machines",
    "circuits/circuits",
)
FIELD_KEYS = ("type", "required", "read_only", "label", "help_text", "max_length", "min_value", "max_value")
TOP_KEYS = ("name", "description", "renders", "parses")


def fetch(base: str, token: str, endpoint: str, version: str) -> dict:
    request = urllib.request.Request(
        f"{base.rstrip('/')}/api/{endpoint.strip('/')}/",
        method="OPTIONS",
        headers={"Authorization": f"Token {token}", "Accept": f"application/json; version={version}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        return {"_status": error.code}


def _choices(field: dict) -> dict | None:
    if "choices" not in field:
        return None
    return {json.dumps(c.get("value")): c.get("display", c.get("display_name")) for c in field["choices"]}


def _nesting(field: dict) -> str:
    if "child" in field:
        return "list of " + str(field["child"].get("type"))
    if "children" in field:
        return "object"
    return "-"


def compare_field(name: str, left: dict, right: dict, ignore: set[str]) -> list[str]:
    lines = []
    for key in FIELD_KEYS:
        if key not in ignore and left.get(key) != right.get(key):
            lines.append(f"{name}: {key}: {left.get(key)!r} | {right.get(key)!r}")
    if "nesting" not in ignore and _nesting(left) != _nesting(right):
        lines.append(f"{name}: nesting: {_nesting(left)} | {_nesting(right)}")
    if "choices" not in ignore:
        lc, rc = _choices(left), _choices(right)
        if (lc is None) != (rc is None):
            lines.append(
                f"{name}: choices: {'present' if lc is not None else 'absent'} | "
                f"{'present' if rc is not None else 'absent'}"
            )
        elif lc is not None and rc is not None:
            for value in sorted(set(lc) | set(rc)):
                if lc.get(value) != rc.get(value):
                    lines.append(f"{name}: choice {value}: {lc.get(value)!r} | {rc.get(value)!r}")
    return lines


def compare(left: dict, right: dict, ignore: set[str]) -> list[str]:
    """The differences between two OPTIONS bodies, one line each."""
    if "_status" in left or "_status" in right:
        return [f"status: {left.get('_status', 200)} | {right.get('_status', 200)}"] if left != right else []
    lines = [
        f"{key}: {left.get(key)!r} | {right.get(key)!r}"
        for key in TOP_KEYS
        if key not in ignore and left.get(key) != right.get(key)
    ]
    lpost = left.get("actions", {}).get("POST")
    rpost = right.get("actions", {}).get("POST")
    if lpost is None or rpost is None:
        if (lpost is None) != (rpost is None):
            lines.append(f"actions.POST: {'present' if lpost else 'absent'} | {'present' if rpost else 'absent'}")
        return lines
    for name in [n for n in lpost if n not in rpost]:
        lines.append(f"{name}: only left")
    for name in [n for n in rpost if n not in lpost]:
        lines.append(f"{name}: only right")
    for name in [n for n in lpost if n in rpost]:
        lines += compare_field(name, lpost[name], rpost[name], ignore)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--left", required=True, help="base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--left-token", required=True)
    parser.add_argument("--right", required=True)
    parser.add_argument("--right-token", required=True)
    parser.add_argument("--versions", default="1.2,1.4,1.6")
    parser.add_argument("--ignore", action="append", default=[], help="a per-field key not to compare")
    parser.add_argument("endpoints", nargs="*", default=list(ENDPOINTS), help="app/endpoint, e.g. dcim/devices")
    args = parser.parse_args(argv)
    found = 0
    for endpoint in args.endpoints:
        for version in args.versions.split(","):
            left = fetch(args.left, args.left_token, endpoint, version)
            right = fetch(args.right, args.right_token, endpoint, version)
            for line in compare(left, right, set(args.ignore)):
                print(f"{endpoint}@{version} {line}")
                found += 1
    print(f"{found} difference(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
