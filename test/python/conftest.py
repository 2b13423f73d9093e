"""Fixtures of the Python end-to-end tests: one synthesis of the order-processing
example in TypeScript and one in Python (through the built wheel), plus the
timings they took, reported at the end of the run and written to
``.tmp/python-e2e/measurements.json``."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / ".tmp" / "python-e2e"
MEASUREMENTS: Dict[str, Any] = {}

ENV = dict(
    os.environ,
    JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION="1",
    JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=os.environ.get("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20"),
)


@dataclass
class Synthesis:
    """One synthesis of the example: where it went and how long it took."""

    root: Path
    wall_seconds: float
    import_seconds: float
    synth_seconds: float


def _run_json(args: List[str], what: str) -> tuple[dict, float]:
    """Runs a command that prints one JSON line last; returns it and the wall time."""
    started = time.perf_counter()
    result = subprocess.run(args, cwd=ROOT, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        pytest.fail(f"{what} failed (exit {result.returncode}):\n{result.stderr[-4000:]}\n{result.stdout[-2000:]}", pytrace=False)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not lines:
        pytest.fail(f"{what} printed no timing line:\n{result.stdout[-2000:]}", pytrace=False)
    return json.loads(lines[-1]), wall


def _synthesize(language: str, command: Callable[[str, str], List[str]]) -> Synthesis:
    root = OUT / language
    timing, wall = _run_json(command(str(root / "cdk.out"), str(root / "cdktf.out")), f"the {language} example")
    synthesis = Synthesis(root, wall, timing["importSeconds"], timing["synthSeconds"])
    MEASUREMENTS[language] = {
        "processSeconds": round(wall, 2),
        "importSeconds": round(synthesis.import_seconds, 2),
        "synthSeconds": round(synthesis.synth_seconds, 2),
    }
    return synthesis


@pytest.fixture(scope="session")
def python_import_seconds() -> List[float]:
    """Import time of cirrus_constructs in a fresh interpreter, once: the
    first run after installing, which also warms the file cache. The warm
    figure is the example's own import time (python_synthesis)."""
    code = "import time; t = time.perf_counter(); import cirrus_constructs; print('{\"seconds\": %f}' % (time.perf_counter() - t))"
    first = _run_json([sys.executable, "-c", code], "import cirrus_constructs")[0]["seconds"]
    MEASUREMENTS["pythonImportCirrusSeconds"] = [round(first, 2)]
    return [first]


@pytest.fixture(scope="session")
def typescript_synthesis() -> Synthesis:
    tsx = str(ROOT / "node_modules" / ".bin" / "tsx")
    return _synthesize("typescript", lambda cdk_out, tf_out: [tsx, "scripts/synth-example-to.ts", cdk_out, tf_out])


@pytest.fixture(scope="session")
def python_synthesis(python_import_seconds) -> Synthesis:
    # Depends on the import measurement so that it runs first, on a cold cache.
    return _synthesize(
        "python", lambda cdk_out, tf_out: [sys.executable, "examples/python/app.py", "--cdk-out", cdk_out, "--tf-out", tf_out])


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not MEASUREMENTS:
        return
    pip_file = OUT / "pip-install-seconds"
    if pip_file.exists():
        MEASUREMENTS["pipInstallSeconds"] = float(pip_file.read_text().strip())
    freeze = OUT / "pip-freeze.txt"
    if freeze.exists():
        wanted = ("aws-cdk-lib", "constructs", "cdktf", "cdktf-cdktf-provider-azurerm", "cdktf-cdktf-provider-google", "jsii")
        pins = dict(line.split("==", 1) for line in freeze.read_text().splitlines() if "==" in line)
        MEASUREMENTS["pipResolved"] = {name: pins[name] for name in wanted if name in pins}
    py, ts = MEASUREMENTS.get("python"), MEASUREMENTS.get("typescript")
    write = terminalreporter.write_line
    terminalreporter.section("Python vs TypeScript, on this machine")
    if "pipInstallSeconds" in MEASUREMENTS:
        write(f"pip install of the wheel, resolving its dependencies: {MEASUREMENTS['pipInstallSeconds']:.1f} s")
    if "pipResolved" in MEASUREMENTS:
        write("pip resolved: " + ", ".join(f"{n} {v}" for n, v in MEASUREMENTS["pipResolved"].items()))
    if "pythonImportCirrusSeconds" in MEASUREMENTS:
        first = MEASUREMENTS["pythonImportCirrusSeconds"][0]
        again = f", {py['importSeconds']:.1f} s (again, in the example)" if py else ""
        write(f"import cirrus_constructs: {first:.1f} s (first){again}")
    if py and ts:
        MEASUREMENTS["synthRatio"] = round(py["synthSeconds"] / ts["synthSeconds"], 2)
        MEASUREMENTS["processRatio"] = round(py["processSeconds"] / ts["processSeconds"], 2)
        write(f"synthesis of the example (build + synth, libraries loaded): Python {py['synthSeconds']:.1f} s, "
              f"TypeScript {ts['synthSeconds']:.1f} s, ratio {MEASUREMENTS['synthRatio']:.2f}")
        write(f"whole process (start, imports, synth): Python {py['processSeconds']:.1f} s, "
              f"TypeScript (tsx) {ts['processSeconds']:.1f} s, ratio {MEASUREMENTS['processRatio']:.2f}")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "measurements.json").write_text(json.dumps(MEASUREMENTS, indent=2) + "\n")
