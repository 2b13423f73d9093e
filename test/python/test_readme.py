"""The Python examples of README.md run: each ```python block is executed by a
fresh interpreter in an empty folder (holding the handler folder it names) and
must synthesize."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ENV

README = Path(__file__).resolve().parents[2] / "README.md"
BLOCKS = re.findall(r"^```python\n(.*?)^```", README.read_text(), flags=re.S | re.M)


def test_readme_has_python_examples():
    assert BLOCKS


@pytest.mark.parametrize("source", BLOCKS, ids=[f"block{i + 1}" for i in range(len(BLOCKS))])
def test_readme_python_example_synthesizes(source, tmp_path):
    handlers = tmp_path / "handlers" / "orders"
    handlers.mkdir(parents=True)
    (handlers / "index.js").write_text("exports.handler = async () => ({ statusCode: 200 });\n")
    (tmp_path / "example.py").write_text(source)
    # A fresh interpreter started in the folder: the jsii runtime resolves
    # relative paths against the directory the process started in.
    # CDK_OUTDIR as `cdk synth` sets it (without it an aws-cdk-lib App writes to a temporary folder).
    env = dict(ENV, CDK_OUTDIR=str(tmp_path / "cdk.out"))
    result = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert list((tmp_path / "cdk.out").glob("*.template.json"))
    assert sorted(p.name for p in (tmp_path / "cdktf.out" / "stacks").iterdir()) == ["orders-azure", "orders-gcp"]
