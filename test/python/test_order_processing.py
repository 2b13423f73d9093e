"""The Python app (examples/python/app.py, through the built wheel) synthesizes
the same infrastructure as the TypeScript example, for all three clouds."""
import pytest

from compare_synth import compare_stack, load_stacks

STACKS = ["orders-aws", "orders-azure", "orders-gcp"]


@pytest.fixture(scope="module")
def typescript_stacks(typescript_synthesis):
    return load_stacks(typescript_synthesis.root)


@pytest.fixture(scope="module")
def python_stacks(python_synthesis):
    return load_stacks(python_synthesis.root)


def test_python_app_synthesizes_the_same_stacks(typescript_stacks, python_stacks):
    assert sorted(typescript_stacks) == STACKS
    assert sorted(python_stacks) == STACKS


@pytest.mark.parametrize("name", STACKS)
def test_stack_matches_the_typescript_output(name, typescript_stacks, python_stacks):
    ts, py = typescript_stacks[name], python_stacks[name]
    # Not a vacuous comparison: each stack holds both functions and their triggers.
    assert len(ts.resources) > 10
    assert py.type_counts() == ts.type_counts()
    problems = compare_stack(ts, py)
    assert not problems, f"{len(problems)} difference(s):\n" + "\n".join(problems)


@pytest.mark.parametrize("name", STACKS)
def test_code_packages_match_the_typescript_output(name, typescript_stacks, python_stacks):
    ts, py = typescript_stacks[name], python_stacks[name]
    assert ts.assets, "the TypeScript output has no code package"
    assert py.assets == ts.assets
