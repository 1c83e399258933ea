#!/usr/bin/env python
"""List the filter parameters the original Nautobot 1.x has and we lack (and the reverse), per model.

Reads the original's source only to learn its parameter *names*: the `*FilterSet` classes of an unpacked
wheel are parsed with `ast` (never imported), each class's filters being its class-level `name = Call(...)`
assignments plus `Meta.fields`, inherited through its bases. Lookup variants (`__n`, `__ic`, ...) and the
dynamic `cf_*`/relationship filters are not compared. Ours come from the generated filtersets.

    pip download --no-deps nautobot==1.6.32 -d /tmp/nb16 && (cd /tmp/nb16 && unzip -q *.whl)
    NAUTOBOT_ROOT=$(mktemp -d) python scripts/compare_filters.py /tmp/nb16/nautobot [app_label ...]
"""

import ast
import os
import sys
from pathlib import Path

SKIP_BASES = {"object", "FilterSet", "django_filters.FilterSet"}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return _name(node.func)
    return ""


def _literal_strings(node: ast.AST) -> list[str]:
    if isinstance(node, (ast.List, ast.Tuple)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def parse_original(root: Path) -> dict[str, dict]:
    """Class name → {bases, declared, meta_fields, model} for every class in a filters module."""
    classes: dict[str, dict] = {}
    for path in root.rglob("*.py"):
        if "filters" not in path.parts[-1] and "filters" not in path.parts[-2]:
            continue
        if "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            info = {"bases": [_name(b) for b in node.bases], "declared": set(), "meta_fields": [], "model": None}
            for item in node.body:
                if isinstance(item, ast.Assign) and isinstance(item.value, ast.Call):
                    for target in item.targets:
                        if isinstance(target, ast.Name) and not target.id.isupper() and "__" not in target.id:
                            info["declared"].add(target.id)
                if isinstance(item, ast.ClassDef) and item.name == "Meta":
                    for meta_item in item.body:
                        if isinstance(meta_item, ast.Assign):
                            key = meta_item.targets[0].id if isinstance(meta_item.targets[0], ast.Name) else ""
                            if key == "fields":
                                info["meta_fields"] = _literal_strings(meta_item.value)
                            elif key == "model":
                                info["model"] = _name(meta_item.value)
            # Keep the richer definition when a name is defined twice (e.g. re-exports).
            if node.name not in classes or (info["declared"] or info["meta_fields"]):
                classes[node.name] = info
    return classes


def original_parameters(classes: dict[str, dict], name: str, seen=None) -> set[str]:
    seen = seen or set()
    if name in seen or name not in classes:
        return set()
    seen.add(name)
    info = classes[name]
    params = set(info["declared"]) | set(info["meta_fields"])
    for base in info["bases"]:
        if base not in SKIP_BASES:
            params |= original_parameters(classes, base, seen)
    return params


def main(argv: list[str]) -> int:
    root = Path(argv[1])
    apps = set(argv[2:])
    classes = parse_original(root)
    os.environ.setdefault("NAUTOBOT_ROOT", "/tmp/compare-filters")
    import nautobot

    nautobot.setup()
    from nautobot.core.filters import filterset_for
    from nautobot.core.specs import all_specs

    ours_by_name = {spec.model.__name__: spec for spec in all_specs()}
    for cls_name, info in sorted(classes.items()):
        model_name = info["model"]
        if not model_name or model_name not in ours_by_name or not cls_name.endswith("FilterSet"):
            continue
        spec = ours_by_name[model_name]
        if apps and spec.model._meta.app_label not in apps:
            continue
        theirs = original_parameters(classes, cls_name)
        ours = {n for n in filterset_for(spec.model).base_filters if "__" not in n}
        missing = sorted(theirs - ours)
        extra = sorted(ours - theirs)
        if missing or extra:
            print(f"{spec.model._meta.label} ({cls_name})")
            if missing:
                print("  missing:", " ".join(missing))
            if extra:
                print("  only ours:", " ".join(extra))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
