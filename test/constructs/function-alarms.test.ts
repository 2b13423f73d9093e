import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import {
  AlarmChannel, AlarmTarget, CirrusErrors, EventBus, EventDrivenFunction, EventQueue, FunctionAlarms, FunctionCode, FunctionRuntime, Trigger,
} from '../../index';
import { awsStack, template, validationViolations } from '../helpers/aws';
import { sharedTriggerId } from '../../lib/core/function-spec';
import { azureStack, gcpStack, resource, resources, synthJson } from '../helpers/terraform';

const code = FunctionCode.fromInline('exports.handler = async () => ({})');
const base = { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler' };

/** The cdktf warnings on a construct. */
function tfWarnings(c: IConstruct): string[] {
  return c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
}

describe('function alarms on AWS', () => {
  test('defaults: errors, throttles and p99 duration at 80 % of the timeout, dead letters, missing data not breaching; a warning says nobody is notified', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', { ...base, timeoutSeconds: 60, triggers: [Trigger.queue()] });
    const t = template(stack);
    t.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    const common = {
      ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1, DatapointsToAlarm: 1, Period: 300, TreatMissingData: 'notBreaching',
    };
    const fnDimension = [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^FnD') } }];
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { ...common, Namespace: 'AWS/Lambda', MetricName: 'Errors', Statistic: 'Sum', Threshold: 1, Dimensions: fnDimension });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { ...common, Namespace: 'AWS/Lambda', MetricName: 'Throttles', Statistic: 'Sum', Threshold: 1, Dimensions: fnDimension });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { ...common, Namespace: 'AWS/Lambda', MetricName: 'Duration', ExtendedStatistic: 'p99', Threshold: 48000, Dimensions: fnDimension });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...common, Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Statistic: 'Maximum', Threshold: 1,
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnQueueDeadLetterQueue'), 'QueueName'] } }],
    });
    for (const alarm of Object.values(t.findResources('AWS::CloudWatch::Alarm')) as any[]) {
      expect(alarm.Properties.AlarmActions).toBeUndefined();
    }
    Annotations.fromStack(stack).hasWarning('/orders-aws/Fn', Match.stringLikeRegexp('alarms notify nobody'));
    expect(validationViolations(app)).toEqual([]);
  });

  test('thresholds are overridable and notifications go to an encrypted SNS topic CloudWatch may use, with email subscriptions', () => {
    const { app, stack } = awsStack();
    const ops = new AlarmChannel(stack, 'Ops', { targets: [AlarmTarget.email('ops@example.com'), AlarmTarget.email('oncall@example.com')] });
    new EventDrivenFunction(stack, 'Fn', {
      ...base,
      timeoutSeconds: 10,
      triggers: [Trigger.queue()],
      alarms: FunctionAlarms.defaults({ errorsThreshold: 5, throttlesThreshold: 2, durationPercentOfTimeout: 50, deadLetterThreshold: 10, periodSeconds: 60 }),
      notify: [AlarmTarget.email('dev@example.com'), AlarmTarget.channel(ops)],
    });
    const t = template(stack);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Threshold: 5, Period: 60 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Throttles', Threshold: 2, Period: 60 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Duration', Threshold: 5000, Period: 60 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 10, Period: 60 });
    const topics = [{ Ref: Match.stringLikeRegexp('^FnAlarmChannelTopic') }, { Ref: Match.stringLikeRegexp('^OpsTopic') }];
    for (const alarm of Object.values(t.findResources('AWS::CloudWatch::Alarm')) as any[]) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^FnAlarmChannelTopic/) }, { Ref: expect.stringMatching(/^OpsTopic/) }]);
      expect(alarm.Properties.OKActions).toEqual(alarm.Properties.AlarmActions);
    }
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: topics });
    t.resourceCountIs('AWS::SNS::Topic', 2);
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OpsTopicKey'), 'Arn'] } });
    t.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'] })]) },
    });
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' })]) },
    });
    const emails = Object.values(t.findResources('AWS::SNS::Subscription')).map((s: any) => [s.Properties.Protocol, s.Properties.Endpoint]).sort();
    expect(emails).toEqual([['email', 'dev@example.com'], ['email', 'oncall@example.com'], ['email', 'ops@example.com']]);
    Annotations.fromStack(stack).hasNoWarning('/orders-aws/Fn', Match.stringLikeRegexp('notify nobody'));
    expect(validationViolations(app)).toEqual([]);
  });

  test('every dead-letter path gets an alarm: own and shared queues, topic and event-bus deliveries, asynchronous failures, and triggers added later', () => {
    const { app, stack } = awsStack();
    const queue = new EventQueue(stack, 'Orders');
    const bus = new EventBus(stack, 'Bus');
    const fn = new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.queue({ queue }), Trigger.topic()] });
    fn.addTrigger(Trigger.queue());
    fn.addTrigger(Trigger.eventBus({ bus, pattern: { source: ['orders'] } }));
    const t = template(stack);
    const watched = Object.entries(t.findResources('AWS::CloudWatch::Alarm'))
      .filter(([, a]: [string, any]) => a.Properties.Namespace === 'AWS/SQS')
      .map(([id, a]: [string, any]) => `${id.replace(/[0-9A-F]{8}$/, '')} -> ${a.Properties.Dimensions[0].Value['Fn::GetAtt'][0].replace(/[0-9A-F]{8}$/, '')}`)
      .sort();
    expect(watched).toEqual([
      'FnAsyncFailureAlarm -> FnAsyncFailureQueue',
      `Fn${sharedTriggerId('EventBus', bus.node.path)}DeadLetterAlarm -> Fn${sharedTriggerId('EventBus', bus.node.path)}DeadLetterQueue`,
      'FnQueueDeadLetterAlarm -> FnQueueDeadLetterQueue',
      `Fn${sharedTriggerId('Queue', queue.node.path)}DeadLetterAlarm -> OrdersDeadLetterQueue`,
      'FnTopicDeadLetterAlarm -> FnTopicDeadLetterQueue',
    ].sort());
    expect(validationViolations(app)).toEqual([]);
  });

  test('FunctionAlarms.none() opts out', () => {
    const { stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.queue()], alarms: FunctionAlarms.none() });
    template(stack).resourceCountIs('AWS::CloudWatch::Alarm', 0);
    Annotations.fromStack(stack).hasNoWarning('/orders-aws/Fn', Match.anyValue());
  });

  test('alarm construct ids are fixed, so logical ids stay stable', () => {
    const { stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.queue()], notify: [AlarmTarget.email('a@example.com')] });
    template(stack);
    expect(fn.node.children.map((c) => c.node.id).filter((id) => /Alarm/.test(id)).sort())
      .toEqual(['AlarmChannel', 'DurationAlarm', 'ErrorsAlarm', 'QueueDeadLetterAlarm', 'ThrottlesAlarm']);
    expect(Stack.of(fn).resolve((fn.node.findChild('ErrorsAlarm').node.defaultChild as any).logicalId)).toBe('FnErrorsAlarm2D7BFA1C');
  });
});

describe('function alarms on Azure', () => {
  test('metric alerts on Application Insights (failed executions, slowest execution) and Service Bus dead letters; no throttling alert', () => {
    const { stack } = azureStack();
    const queue = new EventQueue(stack, 'Orders');
    const fn = new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.queue(), Trigger.queue({ queue }), Trigger.topic()], notify: [AlarmTarget.email('dev@example.com')] });
    const tf = synthJson(stack);
    const alerts = resources(tf, 'azurerm_monitor_metric_alert');
    expect(Object.keys(alerts).map((k) => k.replace(/_[0-9A-F]{8}$/, '')).sort())
      .toEqual(['Fn_DurationAlarm', 'Fn_ErrorsAlarm', `Fn_${sharedTriggerId('Queue', queue.node.path)}DeadLetterAlarm`, 'Fn_QueueDeadLetterAlarm', 'Fn_TopicDeadLetterAlarm'].sort());
    const group = resource(tf, 'azurerm_monitor_action_group');
    expect(group).toMatchObject({ location: 'global', short_name: 'cirrusalarms', email_receiver: [{ email_address: 'dev@example.com', use_common_alert_schema: true }] });
    const action = [{ action_group_id: expect.stringMatching(/^\$\{azurerm_monitor_action_group\.Fn_AlarmChannel_ActionGroup_\w+\.id\}$/) }];
    const insights = expect.stringMatching(/^\$\{azurerm_application_insights\.Fn_Insights_\w+\.id\}$/);
    expect(resource(tf, 'azurerm_monitor_metric_alert', /^Fn_ErrorsAlarm/)).toMatchObject({
      scopes: [insights], severity: 1, window_size: 'PT5M', frequency: 'PT5M', auto_mitigate: true, action,
      criteria: [{ metric_namespace: 'microsoft.insights/components', metric_name: 'requests/failed', aggregation: 'Count', operator: 'GreaterThanOrEqual', threshold: 1 }],
    });
    expect(resource(tf, 'azurerm_monitor_metric_alert', /^Fn_DurationAlarm/)).toMatchObject({
      scopes: [insights], action,
      criteria: [{ metric_namespace: 'microsoft.insights/components', metric_name: 'requests/duration', aggregation: 'Maximum', operator: 'GreaterThanOrEqual', threshold: 24000 }],
    });
    const deadLetters = (name: RegExp) => resource(tf, 'azurerm_monitor_metric_alert', name).criteria[0];
    const namespace = expect.stringMatching(/^\$\{azurerm_servicebus_namespace\.CirrusServiceBus\.id\}$/);
    expect(resource(tf, 'azurerm_monitor_metric_alert', /^Fn_QueueDeadLetterAlarm/).scopes).toEqual([namespace]);
    expect(deadLetters(/^Fn_QueueDeadLetterAlarm/)).toMatchObject({
      metric_namespace: 'Microsoft.ServiceBus/namespaces', metric_name: 'DeadletteredMessages', aggregation: 'Maximum', threshold: 1,
      dimension: [{ name: 'EntityName', operator: 'Include', values: [expect.stringMatching(/^\$\{azurerm_servicebus_queue\.Fn_Queue_\w+\.name\}$/)] }],
    });
    expect(deadLetters(new RegExp(`^Fn_${sharedTriggerId('Queue', queue.node.path)}DeadLetterAlarm`)).dimension[0].values).toEqual([queue.queueName]);
    expect(deadLetters(/^Fn_TopicDeadLetterAlarm/).dimension[0].values).toEqual([expect.stringMatching(/^\$\{azurerm_servicebus_topic\.Fn_Topic_\w+\.name\}$/)]);
    expect(tfWarnings(fn)).toEqual([]);
  });

  test('Event Grid deliveries (event bus, storage) alert on the events dead-lettered from their subscription', () => {
    const { stack } = azureStack();
    const bus = new EventBus(stack, 'Bus');
    new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.eventBus({ bus, pattern: { source: ['orders'] } }), Trigger.storage({})] });
    const tf = synthJson(stack);
    const busSubscription = resource(tf, 'azurerm_eventgrid_event_subscription');
    expect(resource(tf, 'azurerm_monitor_metric_alert', new RegExp(`^Fn_${sharedTriggerId('EventBus', bus.node.path)}DeadLetterAlarm`))).toMatchObject({
      scopes: [expect.stringMatching(/^\$\{azurerm_eventgrid_topic\.Bus_\w+\.id\}$/)],
      criteria: [{
        metric_namespace: 'Microsoft.EventGrid/topics', metric_name: 'DeadLetteredCount', aggregation: 'Total', threshold: 1,
        // Event Grid reports subscription names upper-case.
        dimension: [{ name: 'EventSubscriptionName', operator: 'Include', values: [busSubscription.name.toUpperCase()] }],
      }],
    });
    const storageSubscription = resource(tf, 'azurerm_eventgrid_system_topic_event_subscription');
    expect(resource(tf, 'azurerm_monitor_metric_alert', /^Fn_StorageDeadLetterAlarm/)).toMatchObject({
      scopes: [expect.stringMatching(/^\$\{azurerm_eventgrid_system_topic\.Fn_StorageEventTopic_\w+\.id\}$/)],
      criteria: [{
        metric_namespace: 'Microsoft.EventGrid/systemTopics', metric_name: 'DeadLetteredCount', aggregation: 'Total',
        dimension: [{ name: 'EventSubscriptionName', operator: 'Include', values: [storageSubscription.name.toUpperCase()] }],
      }],
    });
  });

  test('a throttles threshold is not silently dropped: Azure warns that it has no throttling metric', () => {
    const { stack } = azureStack();
    const fn = new EventDrivenFunction(stack, 'Fn', { ...base, alarms: FunctionAlarms.defaults({ throttlesThreshold: 3 }), notify: [AlarmTarget.email('dev@example.com')] });
    expect(tfWarnings(fn)).toEqual([expect.stringMatching(/^alarms\.throttlesThreshold has no alarm on Azure: Flex Consumption publishes no throttling metric/)]);
    expect(Object.keys(resources(synthJson(stack), 'azurerm_monitor_metric_alert'))).toHaveLength(2);
  });

  test('a shared AlarmChannel is one action group that every function notifies', () => {
    const { stack } = azureStack();
    const ops = new AlarmChannel(stack, 'Ops', { targets: [AlarmTarget.email('ops@example.com')] });
    new EventDrivenFunction(stack, 'A', { ...base, notify: [AlarmTarget.channel(ops)] });
    new EventDrivenFunction(stack, 'B', { ...base, notify: [AlarmTarget.channel(ops)] });
    const tf = synthJson(stack);
    expect(Object.keys(resources(tf, 'azurerm_monitor_action_group'))).toEqual([expect.stringMatching(/^Ops_ActionGroup/)]);
    for (const alert of Object.values(resources(tf, 'azurerm_monitor_metric_alert')) as any[]) {
      expect(alert.action).toEqual([{ action_group_id: expect.stringMatching(/^\$\{azurerm_monitor_action_group\.Ops_ActionGroup_\w+\.id\}$/) }]);
    }
  });
});

describe('function alarms on GCP', () => {
  test('alert policies on the Cloud Run service (5xx, 429, p99 latency) and the dead-letter subscriptions, with email notification channels', () => {
    const { stack } = gcpStack();
    const ops = new AlarmChannel(stack, 'Ops', { targets: [AlarmTarget.email('ops@example.com')] });
    const fn = new EventDrivenFunction(stack, 'Fn', {
      ...base, timeoutSeconds: 100, triggers: [Trigger.queue(), Trigger.topic()],
      alarms: FunctionAlarms.defaults({ errorsThreshold: 3, periodSeconds: 900 }),
      notify: [AlarmTarget.email('dev@example.com'), AlarmTarget.channel(ops)],
    });
    const tf = synthJson(stack);
    const channels = resources(tf, 'google_monitoring_notification_channel');
    expect(Object.values(channels).map((c: any) => [c.type, c.labels.email_address]).sort()).toEqual([['email', 'dev@example.com'], ['email', 'ops@example.com']]);
    const service = `resource.type = "cloud_run_revision" AND resource.labels.service_name = "${fn.functionName}"`;
    const policy = (name: RegExp) => resource(tf, 'google_monitoring_alert_policy', name);
    const condition = (name: RegExp) => policy(name).conditions[0].condition_threshold;
    expect(condition(/^Fn_ErrorsAlarm/)).toEqual({
      filter: `${service} AND metric.type = "run.googleapis.com/request_count" AND metric.labels.response_code_class = "5xx"`,
      comparison: 'COMPARISON_GT', threshold_value: 2, duration: '0s', trigger: { count: 1 },
      aggregations: [{ alignment_period: '900s', per_series_aligner: 'ALIGN_DELTA', cross_series_reducer: 'REDUCE_SUM' }],
      evaluation_missing_data: 'EVALUATION_MISSING_DATA_INACTIVE',
    });
    expect(condition(/^Fn_ThrottlesAlarm/)).toMatchObject({
      filter: `${service} AND metric.type = "run.googleapis.com/request_count" AND metric.labels.response_code = "429"`, threshold_value: 0,
    });
    expect(condition(/^Fn_DurationAlarm/)).toMatchObject({
      filter: `${service} AND metric.type = "run.googleapis.com/request_latencies"`, comparison: 'COMPARISON_GT', threshold_value: 80000,
      aggregations: [{ alignment_period: '900s', per_series_aligner: 'ALIGN_PERCENTILE_99', cross_series_reducer: 'REDUCE_MAX' }],
    });
    for (const name of ['Queue', 'Topic']) {
      expect(condition(new RegExp(`^Fn_${name}DeadLetterAlarm`))).toMatchObject({
        filter: expect.stringMatching(new RegExp(`^resource.type = "pubsub_subscription" AND resource.labels.subscription_id = "\\$\\{google_pubsub_subscription\\.Fn_${name}DeadLetterSubscription_\\w+\\.name\\}" AND metric.type = "pubsub.googleapis.com/subscription/num_undelivered_messages"$`)),
        threshold_value: 0,
        aggregations: [{ alignment_period: '900s', per_series_aligner: 'ALIGN_MAX' }],
      });
    }
    for (const p of Object.values(resources(tf, 'google_monitoring_alert_policy')) as any[]) {
      expect(p).toMatchObject({ combiner: 'OR', depends_on: ['google_project_service.CirrusApiMonitoring'] });
      expect(p.notification_channels).toEqual([
        expect.stringMatching(/^\$\{google_monitoring_notification_channel\.Fn_AlarmChannel_Email\w+\.id\}$/),
        expect.stringMatching(/^\$\{google_monitoring_notification_channel\.Ops_Email\w+\.id\}$/),
      ]);
    }
    expect(resource(tf, 'google_project_service', /^CirrusApiMonitoring$/)).toMatchObject({ service: 'monitoring.googleapis.com', disable_on_destroy: false });
  });

  test('a shared queue alerts on its own dead-letter subscription', () => {
    const { stack } = gcpStack();
    const queue = new EventQueue(stack, 'Orders');
    new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.queue({ queue })] });
    const tf = synthJson(stack);
    expect(resource(tf, 'google_monitoring_alert_policy', new RegExp(`^Fn_${sharedTriggerId('Queue', queue.node.path)}DeadLetterAlarm`)).conditions[0].condition_threshold.filter)
      .toContain('${google_pubsub_subscription.Orders_DeadLetterSubscription_');
  });
});

describe('alarm validation', () => {
  const problems = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      expect(CirrusErrors.isValidationError(e)).toBe(true);
      return (e as Error).message;
    }
    throw new Error('expected a CirrusValidationError');
  };

  test('fails when thresholds, percentages, periods or addresses are out of range, listing every problem', () => {
    const { stack } = awsStack();
    const message = problems(() => new EventDrivenFunction(stack, 'Fn', {
      ...base,
      alarms: FunctionAlarms.defaults({ errorsThreshold: 0, throttlesThreshold: 1.5, deadLetterThreshold: -1, durationPercentOfTimeout: 120, periodSeconds: 120 }),
      notify: [AlarmTarget.email('not-an-address'), AlarmTarget.email('a@example.com'), AlarmTarget.email('a@example.com')],
    }));
    expect(message.split('\n')).toEqual([
      'orders-aws/Fn: notify emails[0] must be an email address (got "not-an-address")',
      'orders-aws/Fn: notify emails must not repeat an address (got ["not-an-address", "a@example.com", "a@example.com"])',
      'orders-aws/Fn: alarms.errorsThreshold must be a whole number of at least 1 (got 0)',
      'orders-aws/Fn: alarms.throttlesThreshold must be a whole number of at least 1 (got 1.5)',
      'orders-aws/Fn: alarms.deadLetterThreshold must be a whole number of at least 1 (got -1)',
      'orders-aws/Fn: alarms.durationPercentOfTimeout must be a whole percentage from 1 to 100 (got 120)',
      'orders-aws/Fn: alarms.periodSeconds must be one of 60, 300, 900, 1800, 3600, the periods every cloud can evaluate (got 120)',
    ]);
  });

  test('fails when notify is given with FunctionAlarms.none(), or is empty', () => {
    const { stack } = awsStack();
    expect(problems(() => new EventDrivenFunction(stack, 'A', { ...base, alarms: FunctionAlarms.none(), notify: [AlarmTarget.email('a@example.com')] })))
      .toBe('orders-aws/A: notify is set but alarms is FunctionAlarms.none(): there is nothing to notify about; remove notify or the opt-out');
    expect(problems(() => new EventDrivenFunction(stack, 'B', { ...base, notify: [] })))
      .toBe('orders-aws/B: notify is empty: give AlarmTarget.email or AlarmTarget.channel targets, or leave it out');
  });

  test('fails when a channel is in another stack or on another cloud, or repeated', () => {
    const { app, stack } = awsStack();
    const other = new Stack(app, 'other', { env: { region: 'us-east-1', account: '123456789012' } });
    const elsewhere = new AlarmChannel(other, 'Ops', { targets: [AlarmTarget.email('ops@example.com')] });
    expect(problems(() => new EventDrivenFunction(stack, 'A', { ...base, notify: [AlarmTarget.channel(elsewhere)] })))
      .toBe('orders-aws/A: notify: the channel other/Ops is in another stack; the function deploys to aws://123456789012/eu-west-1, the shared resource to aws://123456789012/us-east-1: '
        + 'aws-cdk-lib cross-stack references join stacks of one account and region');
    const azure = new AlarmChannel(azureStack().stack, 'AzOps', { targets: [AlarmTarget.email('ops@example.com')] });
    expect(problems(() => new EventDrivenFunction(stack, 'B', { ...base, notify: [AlarmTarget.channel(azure)] })))
      .toMatch(/notify\[0\] channel orders-azure\/AzOps is on Azure, not AWS/);
    const ops = new AlarmChannel(stack, 'Ops', { targets: [AlarmTarget.email('ops@example.com')] });
    expect(problems(() => new EventDrivenFunction(stack, 'C', { ...base, notify: [AlarmTarget.channel(ops), AlarmTarget.channel(ops)] })))
      .toBe('orders-aws/C: notify[1] repeats the channel orders-aws/Ops');
  });

  test('fails when an alarm would notify more targets than the cloud allows', () => {
    const { stack } = awsStack();
    const channels = [1, 2, 3, 4, 5].map((i) => AlarmTarget.channel(new AlarmChannel(stack, `Ops${i}`, { targets: [AlarmTarget.email(`ops${i}@example.com`)] })));
    expect(problems(() => new EventDrivenFunction(stack, 'Fn', { ...base, notify: [AlarmTarget.email('dev@example.com'), ...channels] })))
      .toMatch(/notify gives 6 notification targets; AWS allows at most 5 SNS topics \(alarm actions\) per CloudWatch alarm/);
    const gcp = gcpStack().stack;
    const emails = Array.from({ length: 17 }, (_, i) => AlarmTarget.email(`dev${i}@example.com`));
    expect(problems(() => new EventDrivenFunction(gcp, 'Fn', { ...base, notify: emails })))
      .toMatch(/notify gives 17 notification channels; GCP allows at most 16 notification channels per alert policy/);
  });

  test('fails when an AlarmChannel has no targets or lists a channel', () => {
    const { stack } = awsStack();
    const ops = new AlarmChannel(stack, 'Ops', { targets: [AlarmTarget.email('ops@example.com')] });
    expect(problems(() => new AlarmChannel(stack, 'Empty', { targets: [] })))
      .toBe('orders-aws/Empty: targets is empty: give at least one AlarmTarget.email(address)');
    expect(problems(() => new AlarmChannel(stack, 'Nested', { targets: [AlarmTarget.channel(ops)] })))
      .toBe('orders-aws/Nested: targets[0] is a channel (orders-aws/Ops); a channel holds email addresses, not other channels: list the addresses');
  });
});

describe('regressions found by the fuzz tests (test/fuzz)', () => {
  test('fails when alarms.periodSeconds is a token (each cloud gets its own period or window format at synth)', () => {
    const { TerraformVariable } = require('cdktf') as typeof import('cdktf');
    const { stack } = azureStack();
    const periodSeconds = new TerraformVariable(stack, 'period', { type: 'number' }).numberValue;
    // Before: Azure rendered the window as PT<token/60>M.
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, alarms: FunctionAlarms.defaults({ periodSeconds }) }))
      .toThrow(/alarms\.periodSeconds cannot be an unresolved token/);
  });
});
