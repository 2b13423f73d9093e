"""Python users get the same clear validation errors as TypeScript users: raised
at construction, one line per problem, each naming the construct path, the
prop, the value and what is allowed; nothing that only works in JavaScript."""
import aws_cdk as aws
import cdktf
import pytest

from cirrus_constructs import (
    AzureStack,
    CirrusErrors,
    EventDrivenFunction,
    FunctionCode,
    FunctionRuntime,
    GcpStack,
    Schedule,
    Trigger,
)


def _function(scope, **props):
    return EventDrivenFunction(
        scope,
        "ProcessOrder",
        runtime=FunctionRuntime.NODEJS_22,
        code=FunctionCode.from_inline("exports.handler = async () => ({ statusCode: 200 });"),
        handler="index.handler",
        **props,
    )


def _problems(error):
    """The lines of an error message; each must be one problem of the construct."""
    lines = str(error).splitlines()
    assert lines, "empty error message"
    return lines


def test_fails_when_props_are_out_of_range_on_aws_and_reports_all_problems():
    stack = aws.Stack(aws.App(), "orders-aws")
    with pytest.raises(Exception) as info:
        _function(stack, memory_mb=99999, timeout_seconds=901)
    lines = _problems(info.value)
    assert len(lines) == 2, lines
    assert lines[0].startswith("orders-aws/ProcessOrder: memoryMb ") and "AWS" in lines[0] and "99999" in lines[0]
    assert lines[1].startswith("orders-aws/ProcessOrder: timeoutSeconds ") and "AWS" in lines[1] and "901" in lines[1]


@pytest.mark.parametrize(
    "cloud, make_stack, props, expected",
    [
        ("Azure", lambda app: AzureStack(app, "orders-azure", location="westeurope"), {"memory_mb": 8192}, "orders-azure/ProcessOrder: memoryMb "),
        ("GCP", lambda app: GcpStack(app, "orders-gcp", project="acme-prod", region="europe-west1"), {"memory_mb": 300}, "orders-gcp/ProcessOrder: memoryMb "),
    ],
)
def test_fails_when_memory_is_not_offered_on_terraform_clouds(cloud, make_stack, props, expected):
    stack = make_stack(cdktf.App())
    with pytest.raises(Exception) as info:
        _function(stack, **props)
    (line,) = _problems(info.value)
    assert line.startswith(expected) and cloud in line and str(props["memory_mb"]) in line


def test_fails_when_trigger_options_are_invalid_and_names_the_trigger():
    stack = aws.Stack(aws.App(), "orders-aws")
    with pytest.raises(Exception) as info:
        _function(stack, triggers=[Trigger.queue(batch_size=0), Trigger.schedule(Schedule.cron(day="1", week_day="MON"))])
    lines = _problems(info.value)
    assert any(l.startswith("orders-aws/ProcessOrder: triggers[0].batchSize") and "(got 0)" in l for l in lines), lines
    assert any(l.startswith("orders-aws/ProcessOrder: triggers[1].schedule") for l in lines), lines


def test_fails_when_a_prop_has_the_wrong_python_type():
    stack = aws.Stack(aws.App(), "orders-aws")
    with pytest.raises(TypeError, match="memory_mb"):
        _function(stack, memory_mb="2048")


def test_fails_when_triggers_is_one_trigger_not_a_list():
    """What a Python user sees for `triggers=Trigger.queue()`: jsii's own type check, a TypeError naming
    the argument, before the value reaches JavaScript (in JavaScript it is the Cirrus error
    "triggers must be an array of Trigger ... (got Trigger queue)", test/constructs/input-errors.test.ts)."""
    stack = aws.Stack(aws.App(), "orders-aws")
    with pytest.raises(TypeError, match="triggers"):
        _function(stack, triggers=Trigger.queue())


@pytest.mark.xfail(
    raises=AttributeError,
    reason="CirrusErrors.is_validation_error cannot take a Python exception: jsii cannot pass it to JavaScript "
    "(AttributeError: type object 'RuntimeError' has no attribute '__jsii_type__'). Needs an API that works "
    "outside JavaScript, e.g. one that takes the message.",
)
def test_cirrus_errors_tells_validation_errors_apart_in_python():
    stack = aws.Stack(aws.App(), "orders-aws")
    with pytest.raises(Exception) as info:
        _function(stack, memory_mb=99999)
    assert CirrusErrors.is_validation_error(info.value)
