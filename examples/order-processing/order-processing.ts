import * as path from 'path';
import { Construct } from 'constructs';
import {
  BudgetEnforcement, CostBudgetGuard, EventBucket, EventDrivenFunction, EventQueue, EventTopic, FunctionCode, FunctionRuntime, HandlerApi, HttpApi,
  HttpMethod, ProvisionedWarmPool, Schedule, Trigger,
} from '../../index';

/**
 * The order-processing system, declared once: one HTTPS API (POST /orders,
 * GET /invoices/{orderId}) in front of two functions, the order function kept warm, a
 * queue of orders with a dead-letter queue, a weekday reconciliation job,
 * order events fanned out over a topic, invoices archived from a bucket, and
 * a budget that stops the reconciliation job when spend runs over.
 * `scope` is an aws-cdk-lib Stack, an AzureStack or a GcpStack; GCP budgets
 * also need the billing account.
 */
export function defineOrderProcessing(scope: Construct, options: { billingAccountId?: string } = {}): { processOrder: EventDrivenFunction; reconcile: EventDrivenFunction; api: HttpApi } {
  const code = FunctionCode.fromAsset(path.join(__dirname, 'handlers', 'orders'));
  // One entry point for the system's routes, PRIVATE (AWS IAM, an API Management subscription key,
  // a Google ID token); contactEmail is API Management's publisher email on Azure.
  const api = new HttpApi(scope, 'OrdersApi', { contactEmail: 'ops@example.com' });
  // Orders accepted over HTTP wait in a queue (with a dead-letter queue after 5 attempts) for the same function.
  const orders = new EventQueue(scope, 'Orders', { maxDeliveryAttempts: 5 });

  const processOrder = new EventDrivenFunction(scope, 'ProcessOrder', {
    runtime: FunctionRuntime.NODEJS_22,
    code,
    handler: 'index.handler',
    handlerApi: HandlerApi.PORTABLE,
    description: 'Accepts orders over HTTP and processes them from the order queue',
    memoryMb: 2048,
    timeoutSeconds: 30,
    maxConcurrency: 50,
    logRetentionDays: 30,
    environment: { ORDERS_TABLE: 'orders' },
    expectedLoad: { monthlyInvocations: 5_000_000, averageDurationMs: 100 },
    triggers: [
      Trigger.http({ api, path: '/orders', methods: [HttpMethod.POST] }),
      Trigger.queue({ queue: orders, batchSize: 10 }),
    ],
  });
  orders.grantSend(processOrder);

  // Warm capacity for the order API, planned from its peak load:
  // 50 req/s x 0.1 s / 0.7 target utilisation = 7.1, so 8 warm instances.
  new ProvisionedWarmPool(scope, 'ProcessOrderWarmPool', {
    function: processOrder,
    load: { peakRequestsPerSecond: 50, averageDurationMs: 100 },
    maxInstances: 40,
  });

  const reconcile = new EventDrivenFunction(scope, 'Reconcile', {
    runtime: FunctionRuntime.NODEJS_22,
    code,
    handler: 'index.handler',
    handlerApi: HandlerApi.PORTABLE,
    description: 'Reconciles orders with payments on weekday mornings',
    timeoutSeconds: 300,
    triggers: [
      Trigger.schedule(Schedule.cron({ minute: '0', hour: '9', weekDay: 'MON-FRI' }), { description: 'Weekday reconciliation' }),
    ],
  });
  // Order events fan out over a topic: inventory and customer notification each
  // get every event, through a subscription and a dead-letter path of their own.
  const orderEvents = new EventTopic(scope, 'OrderEvents');
  orderEvents.grantPublish(processOrder);
  for (const id of ['UpdateInventory', 'NotifyCustomer']) {
    new EventDrivenFunction(scope, id, {
      runtime: FunctionRuntime.NODEJS_22,
      code,
      handler: 'index.handler',
      handlerApi: HandlerApi.PORTABLE,
      description: `${id} for every order event`,
      triggers: [Trigger.topic({ topic: orderEvents })],
    });
  }

  // Invoices the order API writes are archived as they arrive, and served on the API.
  const invoices = new EventBucket(scope, 'Invoices');
  invoices.grantWrite(processOrder);
  const archiveInvoice = new EventDrivenFunction(scope, 'ArchiveInvoice', {
    runtime: FunctionRuntime.NODEJS_22,
    code,
    handler: 'index.handler',
    handlerApi: HandlerApi.PORTABLE,
    description: 'Archives each new invoice and serves it',
    triggers: [
      Trigger.storage({ bucket: invoices, prefix: 'invoices/' }),
      Trigger.http({ api, path: '/invoices/{orderId}', methods: [HttpMethod.GET] }),
    ],
  });
  invoices.grantRead(archiveInvoice);

  // A monthly budget with the default thresholds (actual 80 % and 100 %, forecasted 100 %);
  // past 100 % of actual spend the reconciliation job is stopped. The estimate of the
  // functions and the warm pool above is checked against the limit at synth.
  new CostBudgetGuard(scope, 'Budget', {
    monthlyLimitUsd: 500,
    notifyEmails: ['ops@example.com'],
    enforcement: BudgetEnforcement.stopFunctions([reconcile]),
    billingAccountId: options.billingAccountId,
  });
  return { processOrder, reconcile, api };
}
