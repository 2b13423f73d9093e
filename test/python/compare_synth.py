"""Compares two syntheses of the order-processing example (TypeScript and Python).

Also used for the Go example and, per app, for the peer-dependency floor test
(scripts/floor-test.sh); ``labels`` names the two sides in the report.

Reads ``cdk.out`` (CloudFormation) and ``cdktf.out`` (Terraform) folders and
reports every difference between them, after normalising what may differ
legitimately between two syntheses of the same app:

- asset hashes (64 hex digits: CDK asset ids, S3 keys, Terraform asset paths);
- nothing else. Resource types, counts, logical ids / Terraform addresses and
  every property of every resource are compared, as are the other template
  sections (parameters, outputs, rules, providers, ...) and the files inside
  each code package (zip entries and their contents).

``cdk.out/manifest.json`` and ``tree.json`` are not compared: they record the
versions of the libraries that synthesized the app.

Usable on its own:  python test/python/compare_synth.py [--labels A B] [--quiet] TS_DIR PY_DIR
(each DIR holding cdk.out/ and cdktf.out/; --quiet prints only the
differences); exits 1 when they differ.
"""
from __future__ import annotations

import collections
import hashlib
import json
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Tuple

ASSET_HASH = re.compile(r"[0-9a-f]{64}")

# Paths (stack, address, dotted property path) whose values may differ between
# the languages, each with the reason. Empty: both outputs must be identical.
IGNORED: Dict[str, str] = {}

# The names of the two sides in the report: (expected, actual).
Labels = Tuple[str, str]
DEFAULT_LABELS: Labels = ("TypeScript", "Python")


def normalise(value: Any) -> Any:
    """Replaces asset hashes by a placeholder, recursively."""
    if isinstance(value, str):
        return ASSET_HASH.sub("<asset-hash>", value)
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {normalise(k): normalise(v) for k, v in value.items()}
    return value


@dataclass
class Stack:
    """One synthesized stack, normalised."""

    name: str
    cloud: str
    # address (CloudFormation logical id, or Terraform `type.name`) -> resource type
    types: Dict[str, str] = field(default_factory=dict)
    # address -> the whole normalised resource (type, properties, dependencies, ...)
    resources: Dict[str, Any] = field(default_factory=dict)
    # template sections other than the resources (parameters, outputs, providers, ...)
    sections: Dict[str, Any] = field(default_factory=dict)
    # normalised asset file path -> {entry name: sha256 of its content}
    assets: Dict[str, Dict[str, str]] = field(default_factory=dict)

    def type_counts(self) -> Dict[str, int]:
        return dict(sorted(collections.Counter(self.types.values()).items()))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _package_contents(path: Path) -> Dict[str, str]:
    """The files in a code package (a zip, or a folder), by name, as content digests."""
    if path.is_dir():
        return {str(p.relative_to(path)): _digest(p.read_bytes()) for p in sorted(path.rglob("*")) if p.is_file()}
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return {i.filename: _digest(z.read(i)) for i in z.infolist() if not i.is_dir()}
    return {"": _digest(path.read_bytes())}


def load_stacks(root: Path) -> Dict[str, Stack]:
    """Loads every stack under ``root/cdk.out`` and ``root/cdktf.out``."""
    stacks: Dict[str, Stack] = {}
    cdk_out = root / "cdk.out"
    for template_file in sorted(cdk_out.glob("*.template.json")):
        name = template_file.name[: -len(".template.json")]
        template = normalise(json.loads(template_file.read_text()))
        stack = Stack(name=name, cloud="aws")
        for logical_id, resource in (template.get("Resources") or {}).items():
            stack.types[logical_id] = resource.get("Type")
            stack.resources[logical_id] = resource
        stack.sections = {k: v for k, v in template.items() if k != "Resources"}
        for asset_dir in sorted(cdk_out.glob("asset.*")):
            stack.assets[normalise(asset_dir.name)] = _package_contents(asset_dir)
        stacks[name] = stack

    stacks_dir = root / "cdktf.out" / "stacks"
    for stack_dir in sorted(p for p in stacks_dir.glob("*") if p.is_dir()):
        document = normalise(json.loads((stack_dir / "cdk.tf.json").read_text()))
        cloud = "azure" if "azurerm" in (document.get("provider") or {}) else "gcp"
        stack = Stack(name=stack_dir.name, cloud=cloud)
        for block in ("resource", "data"):
            for tf_type, by_name in (document.get(block) or {}).items():
                for tf_name, body in by_name.items():
                    address = f"{'data.' if block == 'data' else ''}{tf_type}.{tf_name}"
                    stack.types[address] = tf_type
                    stack.resources[address] = body
        stack.sections = {k: v for k, v in document.items() if k not in ("resource", "data")}
        for asset in sorted(p for p in (stack_dir / "assets").rglob("*") if p.is_file()):
            stack.assets[normalise(str(asset.relative_to(stack_dir)))] = _package_contents(asset)
        stacks[stack.name] = stack
    return stacks


def _deep_diff(expected: Any, actual: Any, path: str, out: List[str], limit: int = 20,
               labels: Labels = DEFAULT_LABELS) -> None:
    a_label, b_label = labels
    if len(out) >= limit:
        return
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual), key=str):
            sub = f"{path}.{key}" if path else str(key)
            if key not in actual:
                out.append(f"{sub}: only in {a_label} ({_short(expected[key])})")
            elif key not in expected:
                out.append(f"{sub}: only in {b_label} ({_short(actual[key])})")
            else:
                _deep_diff(expected[key], actual[key], sub, out, limit, labels)
    elif isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for i, (e, a) in enumerate(zip(expected, actual)):
            _deep_diff(e, a, f"{path}[{i}]", out, limit, labels)
    elif expected != actual:
        out.append(f"{path}: {_short(expected)} in {a_label}, {_short(actual)} in {b_label}")


def _short(value: Any, width: int = 120) -> str:
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= width else text[: width - 3] + "..."


def compare_stack(ts: Stack, py: Stack, labels: Labels = DEFAULT_LABELS) -> List[str]:
    """Every difference between two syntheses of one stack, as readable lines."""
    a_label, b_label = labels
    problems: List[str] = []
    prefix = f"{ts.name}:"
    if ts.type_counts() != py.type_counts():
        for rtype in sorted(set(ts.type_counts()) | set(py.type_counts())):
            a, b = ts.type_counts().get(rtype, 0), py.type_counts().get(rtype, 0)
            if a != b:
                problems.append(f"{prefix} {rtype}: {a} in {a_label}, {b} in {b_label}")
    for address in sorted(set(ts.resources) - set(py.resources)):
        problems.append(f"{prefix} {ts.types[address]} {address}: only in {a_label}")
    for address in sorted(set(py.resources) - set(ts.resources)):
        problems.append(f"{prefix} {py.types[address]} {address}: only in {b_label}")
    for address in sorted(set(ts.resources) & set(py.resources)):
        diffs: List[str] = []
        _deep_diff(ts.resources[address], py.resources[address], "", diffs, labels=labels)
        for d in diffs:
            if f"{ts.name} {address} {d.split(':')[0]}" in IGNORED:
                continue
            problems.append(f"{prefix} {ts.types[address]} {address}: {d}")
    section_diffs: List[str] = []
    _deep_diff(ts.sections, py.sections, "", section_diffs, labels=labels)
    problems += [f"{prefix} {d}" for d in section_diffs]
    asset_diffs: List[str] = []
    _deep_diff(ts.assets, py.assets, "assets", asset_diffs, labels=labels)
    problems += [f"{prefix} {d}" for d in asset_diffs]
    return problems


def compare_outputs(ts_root: Path, py_root: Path, labels: Labels = DEFAULT_LABELS) -> List[str]:
    """Every difference between two syntheses of the whole example."""
    ts_stacks, py_stacks = load_stacks(ts_root), load_stacks(py_root)
    problems = []
    if sorted(ts_stacks) != sorted(py_stacks):
        problems.append(f"stacks: {sorted(ts_stacks)} in {labels[0]}, {sorted(py_stacks)} in {labels[1]}")
    for name in sorted(set(ts_stacks) & set(py_stacks)):
        problems += compare_stack(ts_stacks[name], py_stacks[name], labels)
    return problems


def main(argv: List[str]) -> int:
    args = list(argv)
    labels = DEFAULT_LABELS
    if args[:1] == ["--labels"] and len(args) >= 3:
        labels, args = (args[1], args[2]), args[3:]
    quiet = args[:1] == ["--quiet"]
    if quiet:
        args = args[1:]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    ts_root, py_root = Path(args[0]), Path(args[1])
    if not quiet:
        for name, stack in load_stacks(ts_root).items():
            print(f"{stack.cloud:6} {name:14} {len(stack.resources):3} resources  {stack.type_counts()}")
    problems = compare_outputs(ts_root, py_root, labels)
    print("\n".join(problems) if problems else "identical (asset hashes aside)")
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
