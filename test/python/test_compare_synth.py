"""The comparison of test_order_processing can fail: it reports changed
properties, missing resources and changed code packages, and ignores only
asset hashes."""
import json
import re
import shutil
import zipfile

import pytest

from compare_synth import compare_outputs


@pytest.fixture
def copies(typescript_synthesis, tmp_path):
    """Two copies of the TypeScript output: an untouched one and one to change."""
    expected, changed = tmp_path / "expected", tmp_path / "changed"
    shutil.copytree(typescript_synthesis.root, expected)
    shutil.copytree(typescript_synthesis.root, changed)
    return expected, changed


def _edit_json(path, change):
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document, indent=2))


def _tf(root, stack):
    return root / "cdktf.out" / "stacks" / stack / "cdk.tf.json"


def test_identical_outputs_have_no_differences(copies):
    assert compare_outputs(*copies) == []


def test_fails_when_a_property_differs_on_any_cloud(copies):
    expected, changed = copies

    def lambda_memory(template):
        for resource in template["Resources"].values():
            if resource["Type"] == "AWS::Lambda::Function":
                resource["Properties"]["MemorySize"] = 1024

    def flex_instances(document):
        for app in document["resource"]["azurerm_function_app_flex_consumption"].values():
            app["maximum_instance_count"] = 41

    def gcp_timeout(document):
        for fn in document["resource"]["google_cloudfunctions2_function"].values():
            fn["service_config"]["timeout_seconds"] = 31

    _edit_json(changed / "cdk.out" / "orders-aws.template.json", lambda_memory)
    _edit_json(_tf(changed, "orders-azure"), flex_instances)
    _edit_json(_tf(changed, "orders-gcp"), gcp_timeout)
    problems = compare_outputs(expected, changed)
    assert [p for p in problems if p.startswith("orders-aws:") and "Properties.MemorySize: 2048 in TypeScript, 1024 in Python" in p]
    assert [p for p in problems if p.startswith("orders-azure:") and "maximum_instance_count" in p]
    assert [p for p in problems if p.startswith("orders-gcp:") and "service_config.timeout_seconds" in p]


def test_fails_when_a_resource_is_missing(copies):
    expected, changed = copies
    _edit_json(_tf(changed, "orders-gcp"), lambda d: d["resource"].pop("google_cloud_scheduler_job"))
    problems = compare_outputs(expected, changed)
    assert "orders-gcp: google_cloud_scheduler_job: 1 in TypeScript, 0 in Python" in problems
    assert any("only in TypeScript" in p for p in problems)


def test_fails_when_a_code_package_differs(copies):
    expected, changed = copies
    package = next((changed / "cdktf.out" / "stacks" / "orders-azure" / "assets").rglob("*.zip"))
    with zipfile.ZipFile(package) as z:
        entries = {i.filename: z.read(i) for i in z.infolist()}
    name = next(n for n in entries if n == "cirrus-functions.cjs")
    entries[name] = entries[name].replace(b"'use strict';", b'"use strict";')
    with zipfile.ZipFile(package, "w") as z:
        for entry, data in entries.items():
            z.writestr(entry, data)
    problems = compare_outputs(expected, changed)
    assert any(p.startswith("orders-azure: assets") and name in p for p in problems)


def test_ignores_asset_hashes(copies):
    expected, changed = copies
    for stack in ("orders-azure", "orders-gcp"):
        path = _tf(changed, stack)
        path.write_text(re.sub(r"[0-9a-f]{64}", "f" * 64, path.read_text()))
    assert compare_outputs(expected, changed) == []
