import { buildFraudDetectionApps } from '../../examples/fraud-detection/app';
import { summarizeOutputs } from '../../scripts/summary';
import {
  awsTemplate, cfnResources, expectNoAbsolutePaths, expectSameFiles, stableAddresses, synthInto, SynthOutput, tempDir, terraformConfig, tfResources,
} from './example-helpers';

/** 120 payments/s x 0.04 s / 0.7 target utilisation = 6.9, rounded up. */
const PLANNED_WARM_INSTANCES = 7;

describe('fraud-detection example', () => {
  const dirA = tempDir('fraud-a');
  let out: SynthOutput;

  beforeAll(() => {
    out = synthInto(buildFraudDetectionApps, dirA);
  });

  test('synthesizes one stack per cloud, free of CloudFormation validation findings and warnings, within its budget', () => {
    const lines = summarizeOutputs(out.cdkOut, out.tfOut);
    expect(lines.map((l) => `${l.cloud} ${l.stack}`)).toEqual(['aws fraud-aws', 'azure fraud-azure', 'gcp fraud-gcp']);
    for (const line of lines) {
      expect(line.errors).toEqual([]);
      expect(line.estimatedMonthlyCostUsd).toBeGreaterThan(0);
      expect(line.estimatedMonthlyCostUsd).toBeLessThan(400);
    }
    expect(lines.find((l) => l.cloud === 'aws')!.warnings).toEqual([]);
    expect(lines.find((l) => l.cloud === 'azure')!.warnings).toEqual([]);
    // The handlers are portable: on GCP their adapter enforces the declared paths and methods, so no warning says otherwise.
    expect(lines.find((l) => l.cloud === 'gcp')!.warnings).toEqual([]);
  });

  test('AWS: provisioned concurrency planned from the load, auto scaling up to 50, alerts subscribed, a $400 budget', () => {
    const t = awsTemplate(out, 'fraud-aws');
    const aliases = Object.values(cfnResources(t, 'AWS::Lambda::Alias'));
    expect(aliases.map((a) => a.Properties.ProvisionedConcurrencyConfig)).toEqual(expect.arrayContaining([
      { ProvisionedConcurrentExecutions: PLANNED_WARM_INSTANCES },
    ]));
    const [target] = Object.values(cfnResources(t, 'AWS::ApplicationAutoScaling::ScalableTarget'));
    expect(target.Properties).toMatchObject({ MinCapacity: PLANNED_WARM_INSTANCES, MaxCapacity: 50, ScalableDimension: 'lambda:function:ProvisionedConcurrency' });
    const [policy] = Object.values(cfnResources(t, 'AWS::ApplicationAutoScaling::ScalingPolicy'));
    expect(policy.Properties.TargetTrackingScalingPolicyConfiguration.TargetValue).toBe(0.7);

    const [topicId] = Object.keys(cfnResources(t, 'AWS::SNS::Topic')).filter((id) => id.startsWith('FraudAlerts'));
    const lambdaSubscriptions = Object.entries(cfnResources(t, 'AWS::SNS::Subscription')).filter(([, s]) => s.Properties.Protocol === 'lambda');
    expect(lambdaSubscriptions.map(([id, s]) => [id.replace(/[0-9A-F]{8}$/, '').replace(/Topic[0-9a-f]{6}/, 'Topic'), s.Properties.TopicArn])).toEqual([['OpenCaseTopicSubscription', { Ref: topicId }]]);
    expect(lambdaSubscriptions[0][1].Properties.RedrivePolicy.deadLetterTargetArn).toBeDefined();

    const [budget] = Object.values(cfnResources(t, 'AWS::Budgets::Budget'));
    expect(budget.Properties.Budget.BudgetLimit).toEqual({ Amount: 400, Unit: 'USD' });
    expect(budget.Properties.NotificationsWithSubscribers.map((n: any) => `${n.Notification.NotificationType} ${n.Notification.Threshold}`))
      .toEqual(['ACTUAL 50', 'ACTUAL 90', 'FORECASTED 100']);
  });

  test('Azure: always-ready instances for the scorer, the alert subscription on the Service Bus topic, a $400 budget', () => {
    const tf = terraformConfig(out, 'fraud-azure');
    const apps = tfResources(tf, 'azurerm_function_app_flex_consumption');
    const scorer = Object.entries(apps).find(([k]) => k.startsWith('ScorePayment_'))![1];
    // One floor per trigger group: all HTTP triggers, and the queue function.
    expect(scorer.always_ready).toEqual([
      { name: 'http', instance_count: PLANNED_WARM_INSTANCES },
      { name: 'function:Queue', instance_count: PLANNED_WARM_INSTANCES },
    ]);
    expect(scorer.maximum_instance_count).toBe(50);
    expect(scorer.app_settings.FRAUD_ALERTS_TOPIC).toMatch(/^https:\/\/.*\.servicebus\.windows\.net\//);

    const [topic] = Object.keys(tfResources(tf, 'azurerm_servicebus_topic'));
    expect(Object.values(tfResources(tf, 'azurerm_servicebus_subscription')).map((s) => [s.topic_id, s.default_message_ttl])).toEqual([
      [`\${azurerm_servicebus_topic.${topic}.id}`, 'PT3600S'],
    ]);

    const [budget] = Object.values(tfResources(tf, 'azurerm_consumption_budget_resource_group'));
    expect(budget.amount).toBe(400);
    expect(budget.notification.map((n: any) => `${n.threshold_type} ${n.threshold}`)).toEqual(['Actual 50', 'Actual 90', 'Forecasted 100']);
    expect(budget.notification[0].contact_emails).toEqual(['fraud-platform@example.com']);
  });

  test('GCP: minimum instances for the scorer, the alert push subscription on the topic, a $400 billing budget', () => {
    const tf = terraformConfig(out, 'fraud-gcp');
    const functions = tfResources(tf, 'google_cloudfunctions2_function');
    const scorer = Object.entries(functions).find(([k]) => k.startsWith('ScorePayment_'))![1];
    expect(scorer.service_config.min_instance_count).toBe(PLANNED_WARM_INSTANCES);
    expect(scorer.service_config.max_instance_count).toBe(50);
    const openCase = Object.entries(functions).find(([k]) => k.startsWith('OpenCase_'))!;

    const [topic] = Object.keys(tfResources(tf, 'google_pubsub_topic')).filter((k) => k.startsWith('FraudAlerts_'));
    const onTopic = Object.values(tfResources(tf, 'google_pubsub_subscription')).filter((s) => s.topic === `\${google_pubsub_topic.${topic}.id}`);
    expect(onTopic).toHaveLength(1);
    expect(onTopic[0].push_config.oidc_token.audience).toBe(`\${google_cloudfunctions2_function.${openCase[0]}.service_config[0].uri}`);
    expect(onTopic[0].dead_letter_policy).toBeDefined();

    const [budget] = Object.values(tfResources(tf, 'google_billing_budget'));
    expect(budget.billing_account).toBe('01ABCD-23EF45-6789AB');
    expect(budget.amount.specified_amount).toEqual({ currency_code: 'USD', units: '400', nanos: 0 });
    expect(budget.threshold_rules).toEqual([
      { spend_basis: 'CURRENT_SPEND', threshold_percent: 0.5 },
      { spend_basis: 'CURRENT_SPEND', threshold_percent: 0.9 },
      { spend_basis: 'FORECASTED_SPEND', threshold_percent: 1 },
    ]);
  });

  test('two synths are byte-identical (no timestamps, random names or absolute paths)', () => {
    expectSameFiles(out, synthInto(buildFraudDetectionApps, tempDir('fraud-b')));
    expectNoAbsolutePaths([out.cdkOut, out.tfOut], dirA);
  });

  test('logical ids and Terraform addresses are stable', () => {
    expect(stableAddresses(out)).toMatchSnapshot();
  });
});
