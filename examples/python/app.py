"""The order-processing example in Python.

The same system as ``examples/order-processing`` (TypeScript), declared once and
synthesized for AWS (CloudFormation into ``cdk.out``) and for Azure and Google
Cloud (Terraform into ``cdktf.out``), through the ``cirrus-constructs`` wheel
that ``npm run package`` builds. Same stack ids, same props, same handler folder.

    python examples/python/app.py [--cdk-out DIR] [--tf-out DIR]

It prints one JSON line with the time spent importing the libraries and
synthesizing (``test/python`` compares the output with the TypeScript one).
"""
import time

_started = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
from typing import Optional  # noqa: E402

import aws_cdk as aws  # noqa: E402
import cdktf  # noqa: E402
from constructs import Construct  # noqa: E402

from cirrus_constructs import (  # noqa: E402
    AzureStack,
    BudgetEnforcement,
    CostBudgetGuard,
    EventBucket,
    EventDrivenFunction,
    EventQueue,
    EventTopic,
    FunctionLoad,
    FunctionCode,
    HandlerApi,
    FunctionRuntime,
    GcpStack,
    HttpApi,
    HttpMethod,
    ProvisionedWarmPool,
    Schedule,
    Trigger,
    WarmPoolLoad,
)

_imported = time.perf_counter()

HERE = os.path.dirname(os.path.abspath(__file__))
# The TypeScript example's handler folder, so both languages package the same code.
HANDLERS = os.path.normpath(os.path.join(HERE, "..", "order-processing", "handlers", "orders"))

# cdktf's DISABLE_STACK_TRACE_IN_METADATA is a TypeScript constant, which jsii does
# not carry over to other languages: this is its value.
CDKTF_DISABLE_STACK_TRACE_IN_METADATA = "@cdktf/disable_stack_trace_in_metadata"


def define_order_processing(scope: Construct, billing_account_id: Optional[str] = None) -> dict:
    """The order-processing system, declared once: one HTTPS API (POST /orders,
    GET /invoices/{orderId}) in front of two functions, the order function kept
    warm, a queue of orders with a dead-letter queue, and a weekday reconciliation job.
    ``scope`` is an aws-cdk-lib Stack, an AzureStack or a GcpStack; GCP budgets
    also need the billing account."""
    code = FunctionCode.from_asset(HANDLERS)
    # One entry point for the system's routes, PRIVATE (AWS IAM, an API Management subscription key,
    # a Google ID token); contact_email is API Management's publisher email on Azure.
    api = HttpApi(scope, "OrdersApi", contact_email="ops@example.com")
    # Orders accepted over HTTP wait in a queue (with a dead-letter queue after 5 attempts) for the same function.
    orders = EventQueue(scope, "Orders", max_delivery_attempts=5)

    process_order = EventDrivenFunction(
        scope,
        "ProcessOrder",
        runtime=FunctionRuntime.NODEJS_22,
        code=code,
        handler="index.handler",
        handler_api=HandlerApi.PORTABLE,
        description="Accepts orders over HTTP and processes them from the order queue",
        memory_mb=2048,
        timeout_seconds=30,
        max_concurrency=50,
        log_retention_days=30,
        environment={"ORDERS_TABLE": "orders"},
        expected_load=FunctionLoad(monthly_invocations=5_000_000, average_duration_ms=100),
        triggers=[
            Trigger.http(api=api, path="/orders", methods=[HttpMethod.POST]),
            Trigger.queue(queue=orders, batch_size=10),
        ],
    )
    orders.grant_send(process_order)

    # Warm capacity for the order API, planned from its peak load:
    # 50 req/s x 0.1 s / 0.7 target utilisation = 7.1, so 8 warm instances.
    ProvisionedWarmPool(
        scope,
        "ProcessOrderWarmPool",
        function=process_order,
        load=WarmPoolLoad(peak_requests_per_second=50, average_duration_ms=100),
        max_instances=40,
    )

    reconcile = EventDrivenFunction(
        scope,
        "Reconcile",
        runtime=FunctionRuntime.NODEJS_22,
        code=code,
        handler="index.handler",
        handler_api=HandlerApi.PORTABLE,
        description="Reconciles orders with payments on weekday mornings",
        timeout_seconds=300,
        triggers=[
            Trigger.schedule(
                Schedule.cron(minute="0", hour="9", week_day="MON-FRI"),
                description="Weekday reconciliation",
            ),
        ],
    )
    # Order events fan out over a topic: inventory and customer notification each
    # get every event, through a subscription and a dead-letter path of their own.
    order_events = EventTopic(scope, "OrderEvents")
    order_events.grant_publish(process_order)
    for fn_id in ["UpdateInventory", "NotifyCustomer"]:
        EventDrivenFunction(
            scope,
            fn_id,
            runtime=FunctionRuntime.NODEJS_22,
            code=code,
            handler="index.handler",
            handler_api=HandlerApi.PORTABLE,
            description=f"{fn_id} for every order event",
            triggers=[Trigger.topic(topic=order_events)],
        )

    # Invoices the order API writes are archived as they arrive, and served on the API.
    invoices = EventBucket(scope, "Invoices")
    invoices.grant_write(process_order)
    archive_invoice = EventDrivenFunction(
        scope,
        "ArchiveInvoice",
        runtime=FunctionRuntime.NODEJS_22,
        code=code,
        handler="index.handler",
        handler_api=HandlerApi.PORTABLE,
        description="Archives each new invoice and serves it",
        triggers=[
            Trigger.storage(bucket=invoices, prefix="invoices/"),
            Trigger.http(api=api, path="/invoices/{orderId}", methods=[HttpMethod.GET]),
        ],
    )
    invoices.grant_read(archive_invoice)

    # A monthly budget with the default thresholds (actual 80 % and 100 %, forecasted 100 %);
    # past 100 % of actual spend the reconciliation job is stopped. The estimate of the
    # functions and the warm pool above is checked against the limit at synth.
    CostBudgetGuard(
        scope,
        "Budget",
        monthly_limit_usd=500,
        notify_emails=["ops@example.com"],
        enforcement=BudgetEnforcement.stop_functions([reconcile]),
        billing_account_id=billing_account_id,
    )
    return {"process_order": process_order, "reconcile": reconcile, "api": api}


def build_order_processing_apps(cdk_outdir: str, tf_outdir: str):
    """Builds the example for AWS (CloudFormation into ``cdk_outdir``) and for
    Azure and GCP (Terraform into ``tf_outdir``)."""
    aws_app = aws.App(
        outdir=cdk_outdir,
        stack_traces=False,
        # No construct stack traces in the output: they hold absolute paths.
        context={"aws:cdk:disable-creation-stack-traces": True},
    )
    define_order_processing(aws.Stack(aws_app, "orders-aws", env=aws.Environment(region="eu-west-1")))

    terraform_app = cdktf.App(
        outdir=tf_outdir,
        skip_backend_validation=True,
        context={CDKTF_DISABLE_STACK_TRACE_IN_METADATA: True},
    )
    define_order_processing(AzureStack(terraform_app, "orders-azure", location="westeurope", tags={"app": "orders"}, key_vault_name="acme-secrets"))
    define_order_processing(
        GcpStack(terraform_app, "orders-gcp", project="acme-prod", region="europe-west1", labels={"app": "orders"}),
        billing_account_id="01ABCD-23EF45-6789AB",
    )
    return aws_app, terraform_app


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cdk-out", default="cdk.out", help="CloudFormation output folder (default: cdk.out)")
    parser.add_argument("--tf-out", default="cdktf.out", help="Terraform output folder (default: cdktf.out)")
    args = parser.parse_args(argv)
    for folder in (args.cdk_out, args.tf_out):
        shutil.rmtree(folder, ignore_errors=True)

    started = time.perf_counter()
    aws_app, terraform_app = build_order_processing_apps(args.cdk_out, args.tf_out)
    aws_app.synth()
    terraform_app.synth()
    done = time.perf_counter()
    print(json.dumps({
        "language": "python",
        "importSeconds": _imported - _started,
        "synthSeconds": done - started,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
