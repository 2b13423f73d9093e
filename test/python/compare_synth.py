"""Compares two syntheses of the order-processing example (TypeScript and Python).

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

Usable on its own:  python test/python/compare_synth.py TS_DIR PY_DIR
(each DIR holding cdk.out/ and cdktf.out/); exits 1 when they differ.
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
from typing import Any, Dict, List

ASSET_HASH = re.compile(r"[0-9a-f]{64}")

# Paths (stack, address, dotted property path) whose values may differ between
# the languages, each with the reason. Empty: both outputs must be identical.
IGNORED: Dict[str, str] = {}


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


def _deep_diff(expected: Any, actual: Any, path: str, out: List[str], limit: int = 20) -> None:
    if len(out) >= limit:
        return
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual), key=str):
            sub = f"{path}.{key}" if path else str(key)
            if key not in actual:
                out.append(f"{sub}: only in TypeScript ({_short(expected[key])})")
            elif key not in expected:
                out.append(f"{sub}: only in Python ({_short(actual[key])})")
            else:
                _deep_diff(expected[key], actual[key], sub, out, limit)
    elif isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for i, (e, a) in enumerate(zip(expected, actual)):
            _deep_diff(e, a, f"{path}[{i}]", out, limit)
    elif expected != actual:
        out.append(f"{path}: {_short(expected)} in TypeScript, {_short(actual)} in Python")


def _short(value: Any, width: int = 120) -> str:
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= width else text[: width - 3] + "..."


def compare_stack(ts: Stack, py: Stack) -> List[str]:
    """Every difference between two syntheses of one stack, as readable lines."""
    problems: List[str] = []
    prefix = f"{ts.name}:"
    if ts.type_counts() != py.type_counts():
        for rtype in sorted(set(ts.type_counts()) | set(py.type_counts())):
            a, b = ts.type_counts().get(rtype, 0), py.type_counts().get(rtype, 0)
            if a != b:
                problems.append(f"{prefix} {rtype}: {a} in TypeScript, {b} in Python")
    for address in sorted(set(ts.resources) - set(py.resources)):
        problems.append(f"{prefix} {ts.types[address]} {address}: only in TypeScript")
    for address in sorted(set(py.resources) - set(ts.resources)):
        problems.append(f"{prefix} {py.types[address]} {address}: only in Python")
    for address in sorted(set(ts.resources) & set(py.resources)):
        diffs: List[str] = []
        _deep_diff(ts.resources[address], py.resources[address], "", diffs)
        for d in diffs:
            if f"{ts.name} {address} {d.split(':')[0]}" in IGNORED:
                continue
            problems.append(f"{prefix} {ts.types[address]} {address}: {d}")
    section_diffs: List[str] = []
    _deep_diff(ts.sections, py.sections, "", section_diffs)
    problems += [f"{prefix} {d}" for d in section_diffs]
    asset_diffs: List[str] = []
    _deep_diff(ts.assets, py.assets, "assets", asset_diffs)
    problems += [f"{prefix} {d}" for d in asset_diffs]
    return problems


def compare_outputs(ts_root: Path, py_root: Path) -> List[str]:
    """Every difference between two syntheses of the whole example."""
    ts_stacks, py_stacks = load_stacks(ts_root), load_stacks(py_root)
    problems = []
    if sorted(ts_stacks) != sorted(py_stacks):
        problems.append(f"stacks: {sorted(ts_stacks)} in TypeScript, {sorted(py_stacks)} in Python")
    for name in sorted(set(ts_stacks) & set(py_stacks)):
        problems += compare_stack(ts_stacks[name], py_stacks[name])
    return problems


def main(argv: List[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    ts_root, py_root = Path(argv[0]), Path(argv[1])
    for name, stack in load_stacks(ts_root).items():
        print(f"{stack.cloud:6} {name:14} {len(stack.resources):3} resources  {stack.type_counts()}")
    problems = compare_outputs(ts_root, py_root)
    print("\n".join(problems) if problems else "identical (asset hashes aside)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
