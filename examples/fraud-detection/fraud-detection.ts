import * as path from 'path';
import { Construct } from 'constructs';
import {
  AlarmTarget, BudgetThreshold, CostBudgetGuard, EventDrivenFunction, EventTopic, FunctionCode, FunctionRuntime, HandlerApi, HttpAuth, HttpMethod, ProvisionedWarmPool, Trigger,
} from '../../index';

/** Who hears about alarms and the budget. */
const TEAM_EMAIL = 'fraud-platform@example.com';

/** Options of the fraud-detection example that differ by cloud. */
export interface FraudDetectionOptions {
  /** The billing account the budget watches: required on GCP, unused elsewhere. */
  readonly billingAccountId?: string;
}

/** The constructs of the fraud-detection example that callers and tests look at. */
export interface FraudDetection {
  readonly scorePayment: EventDrivenFunction;
  readonly warmPool: ProvisionedWarmPool;
  readonly fraudAlerts: EventTopic;
  readonly openCase: EventDrivenFunction;
  readonly budget: CostBudgetGuard;
}

/**
 * The fraud-detection system of a payments company, declared once:
 *
 * - `ScorePayment` scores each payment against a rule set. Checkout calls it
 *   over HTTP (`POST /payments/score`, IAM / key protected) and batch
 *   settlement feeds it through a queue with a dead-letter queue.
 * - A warm pool planned from the checkout peak keeps scoring free of cold starts.
 * - Payments scored as fraud are published to the `FraudAlerts` topic;
 *   `OpenCase` subscribes and opens a case for the analysts.
 * - A monthly budget alerts the team; it stops nothing, since
 *   switching off fraud scoring would cost more than it saves.
 *
 * `scope` is an aws-cdk-lib Stack, an AzureStack or a GcpStack.
 */
export function defineFraudDetection(scope: Construct, options: FraudDetectionOptions = {}): FraudDetection {
  const code = FunctionCode.fromAsset(path.join(__dirname, 'handlers', 'payments'));
  // Both functions keep the default alarms (errors, throttles, duration, dead letters) and mail the team.
  const notify = [AlarmTarget.email(TEAM_EMAIL)];

  const scorePayment = new EventDrivenFunction(scope, 'ScorePayment', {
    runtime: FunctionRuntime.NODEJS_22,
    code,
    handler: 'index.scorePayment',
    handlerApi: HandlerApi.PORTABLE,
    description: 'Scores payments for fraud, online from checkout and in batches from settlement',
    timeoutSeconds: 10,
    maxConcurrency: 100,
    environment: { REVIEW_SCORE: '50', BLOCK_SCORE: '80' },
    expectedLoad: { monthlyInvocations: 30_000_000, averageDurationMs: 40 },
    notify,
    triggers: [
      Trigger.http({ path: '/payments/score', methods: [HttpMethod.POST], auth: HttpAuth.PRIVATE }),
      // Batches of up to 10 on AWS and Azure; GCP push delivers one payment per request.
      Trigger.queue({ maxDeliveryAttempts: 5 }),
    ],
  });

  // Checkout peaks at 120 payments a second, each scored in 40 ms:
  // 120 x 0.04 s / 0.7 target utilisation = 6.9, so 7 warm instances.
  const warmPool = new ProvisionedWarmPool(scope, 'ScorePaymentWarmPool', {
    function: scorePayment,
    load: { peakRequestsPerSecond: 120, averageDurationMs: 40 },
    maxInstances: 50,
  });

  // Every payment scored as fraud becomes an alert; each subscriber gets all of them
  // and keeps retrying an alert for an hour (retry counts have no range common to all clouds).
  const fraudAlerts = new EventTopic(scope, 'FraudAlerts');
  fraudAlerts.grantPublish(scorePayment);
  const openCase = new EventDrivenFunction(scope, 'OpenCase', {
    runtime: FunctionRuntime.NODEJS_22,
    code,
    handler: 'index.openCase',
    handlerApi: HandlerApi.PORTABLE,
    description: 'Opens an analyst case for each fraud alert',
    environment: { CASE_QUEUE: 'fraud-analysts' },
    notify,
    triggers: [Trigger.topic({ topic: fraudAlerts, maxEventAgeSeconds: 3600 })],
  });

  const budget = new CostBudgetGuard(scope, 'Budget', {
    monthlyLimitUsd: 400,
    thresholds: [BudgetThreshold.actual(50), BudgetThreshold.actual(90), BudgetThreshold.forecasted(100)],
    notifyEmails: [TEAM_EMAIL],
    billingAccountId: options.billingAccountId,
  });
  return { scorePayment, warmPool, fraudAlerts, openCase, budget };
}
