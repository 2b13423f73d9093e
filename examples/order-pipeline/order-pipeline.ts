import * as path from 'path';
import { Construct } from 'constructs';
import {
  AlarmChannel, AlarmTarget, CostBudgetGuard, EventBucket, EventDrivenFunction, EventTopic, FunctionCode, FunctionLoad, FunctionRuntime, HandlerApi, HttpApi, HttpMethod, Schedule, Trigger,
} from '../../index';

/** Who hears about alarms and the budget. */
const OPS_EMAIL = 'shop-ops@example.com';

/** Options of the order-pipeline example that differ by cloud. */
export interface OrderPipelineOptions {
  /** The billing account the budget watches: required on GCP, unused elsewhere. */
  readonly billingAccountId?: string;
}

/** The constructs of the order-pipeline example that callers and tests look at. */
export interface OrderPipeline {
  readonly api: HttpApi;
  readonly placeOrder: EventDrivenFunction;
  readonly quoteOrder: EventDrivenFunction;
  readonly orderEvents: EventTopic;
  readonly reserveStock: EventDrivenFunction;
  readonly sendConfirmation: EventDrivenFunction;
  readonly closeDay: EventDrivenFunction;
  readonly invoices: EventBucket;
  readonly deliverInvoice: EventDrivenFunction;
}

/**
 * The order pipeline of an online shop, declared once:
 *
 * - One HTTPS API, `ShopApi` (PRIVATE), is the shop's entry point:
 *   `PlaceOrder` takes orders (`POST /orders`) and publishes an `OrderPlaced`
 *   event to the `OrderEvents` topic; `QuoteOrder` prices a basket without
 *   placing it (`POST /quotes`).
 * - The topic fans out: `ReserveStock` and `SendConfirmation` each get every
 *   event through a subscription and dead-letter path of their own. Neither
 *   filters: Azure Service Bus subscriptions cannot filter with azurerm 4.55,
 *   and the declaration is the same on every cloud.
 * - `CloseDay` runs every night at 02:30 UTC and writes the day's invoices
 *   under `invoices/` in the `Invoices` bucket.
 * - `DeliverInvoice` is triggered by each new object under `invoices/` (a
 *   prefix, not a `.pdf` suffix: GCP notifications filter by prefix only).
 * - Every function's alarms go to the `Operators` email channel; a budget
 *   alerts them at 80 % and 100 % of $200 a month (and at a forecast of 100 %).
 *
 * `scope` is an aws-cdk-lib Stack, an AzureStack or a GcpStack.
 */
export function defineOrderPipeline(scope: Construct, options: OrderPipelineOptions = {}): OrderPipeline {
  const code = FunctionCode.fromAsset(path.join(__dirname, 'handlers', 'orders'));
  // Every function runs the same package and keeps the default alarms, which go to the
  // operators through one shared channel; `load` feeds the budget's cost estimate.
  const operators = new AlarmChannel(scope, 'Operators', { targets: [AlarmTarget.email(OPS_EMAIL)] });
  const notify = [AlarmTarget.channel(operators)];
  const fn = (id: string, handler: string, description: string, load: FunctionLoad, triggers: Trigger[], timeoutSeconds = 30) =>
    new EventDrivenFunction(scope, id, {
      runtime: FunctionRuntime.NODEJS_22, code, handler: `index.${handler}`, handlerApi: HandlerApi.PORTABLE, description, timeoutSeconds, triggers, expectedLoad: load, notify,
    });
  const perOrder: FunctionLoad = { monthlyInvocations: 1_000_000, averageDurationMs: 120 };

  // contactEmail: API Management's publisher email on Azure.
  const api = new HttpApi(scope, 'ShopApi', { contactEmail: OPS_EMAIL });
  const placeOrder = fn('PlaceOrder', 'placeOrder', 'Validates an order and publishes OrderPlaced', perOrder, [
    Trigger.http({ api, path: '/orders', methods: [HttpMethod.POST] }),
  ]);
  const quoteOrder = fn('QuoteOrder', 'quoteOrder', 'Prices a basket without placing it', { monthlyInvocations: 500_000, averageDurationMs: 50 }, [
    Trigger.http({ api, path: '/quotes', methods: [HttpMethod.POST] }),
  ]);
  const orderEvents = new EventTopic(scope, 'OrderEvents');
  orderEvents.grantPublish(placeOrder);
  const reserveStock = fn('ReserveStock', 'reserveStock', 'Reserves stock for every order placed', perOrder, [Trigger.topic({ topic: orderEvents })]);
  const sendConfirmation = fn('SendConfirmation', 'sendConfirmation', 'Emails the customer an order confirmation', perOrder, [Trigger.topic({ topic: orderEvents })]);

  const invoices = new EventBucket(scope, 'Invoices');
  const closeDay = fn('CloseDay', 'closeDay', 'Writes the day\'s invoices every night', { monthlyInvocations: 31, averageDurationMs: 120_000 }, [
    Trigger.schedule(Schedule.cron({ minute: '30', hour: '2' }), { description: 'Nightly invoice run, 02:30 UTC' }),
  ], 300);
  invoices.grantWrite(closeDay);
  const deliverInvoice = fn('DeliverInvoice', 'deliverInvoice', 'Sends each new invoice to the customer', perOrder, [
    Trigger.storage({ bucket: invoices, prefix: 'invoices/' }),
  ]);
  invoices.grantRead(deliverInvoice);

  new CostBudgetGuard(scope, 'Budget', {
    monthlyLimitUsd: 200,
    notifyEmails: [OPS_EMAIL],
    billingAccountId: options.billingAccountId,
  });
  return { api, placeOrder, quoteOrder, orderEvents, reserveStock, sendConfirmation, closeDay, invoices, deliverInvoice };
}
