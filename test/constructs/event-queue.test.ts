import { Match } from 'aws-cdk-lib/assertions';
import { CloudProvider, EventDrivenFunction, EventQueue, FunctionCode, FunctionRuntime, Trigger } from '../../index';
import { awsStack, template, validationViolations } from '../helpers/aws';
import { azureStack, gcpStack, resource, resources, synthJson } from '../helpers/terraform';

const code = FunctionCode.fromInline('exports.handler = async () => ({})');
const base = { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler' };

describe('EventQueue on AWS', () => {
  test('an encrypted SQS queue with a dead-letter queue; grantSend gives exactly SendMessage on it and its URL', () => {
    const { app, stack } = awsStack();
    const queue = new EventQueue(stack, 'Orders', { maxDeliveryAttempts: 3 });
    const producer = new EventDrivenFunction(stack, 'Producer', base);
    new EventDrivenFunction(stack, 'Consumer', { ...base, timeoutSeconds: 60, triggers: [Trigger.queue({ queue, batchSize: 5 })] });
    queue.grantSend(producer);
    expect(queue.provider).toBe(CloudProvider.AWS);
    expect(queue.environmentName).toBe('ORDERS_QUEUE');

    const t = template(stack);
    t.resourceCountIs('AWS::SQS::Queue', 2);
    t.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: Match.anyValue() },
      VisibilityTimeout: 360, // raised from 180 to six times the 60 s consumer
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { ORDERS_QUEUE: { Ref: Match.stringLikeRegexp('^Orders') } } },
    });
    const producerPolicy = Object.values(t.findResources('AWS::IAM::Policy')).find((p: any) => p.Properties.Roles[0].Ref.startsWith('ProducerServiceRole')) as any;
    const send = producerPolicy.Properties.PolicyDocument.Statement.filter((s: any) => JSON.stringify(s.Action).includes('sqs'));
    expect(send).toEqual([{ Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Orders/), 'Arn'] } }]);
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 5, EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Orders'), 'Arn'] } });
    expect(validationViolations(app)).toEqual([]);
  });

  test('two consumers share the queue as competing consumers', () => {
    const { stack } = awsStack();
    const queue = new EventQueue(stack, 'Orders');
    new EventDrivenFunction(stack, 'A', { ...base, triggers: [Trigger.queue({ queue })] });
    new EventDrivenFunction(stack, 'B', { ...base, triggers: [Trigger.queue({ queue })] });
    template(stack).resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
    template(stack).resourceCountIs('AWS::SQS::Queue', 2);
  });
});

describe('EventQueue on Azure', () => {
  test('a Service Bus queue; the sender and receiver roles are scoped to it, and function.json names it', () => {
    const { stack } = azureStack();
    const queue = new EventQueue(stack, 'Orders', { maxDeliveryAttempts: 8 });
    const producer = new EventDrivenFunction(stack, 'Producer', base);
    new EventDrivenFunction(stack, 'Consumer', { ...base, timeoutSeconds: 120, triggers: [Trigger.queue({ queue })] });
    queue.grantSend(producer);
    const tf = synthJson(stack);
    const sbQueue = resource(tf, 'azurerm_servicebus_queue');
    expect(sbQueue).toMatchObject({ name: queue.queueName, max_delivery_count: 8, lock_duration: 'PT120S', dead_lettering_on_message_expiration: true });
    const roles = Object.values(resources(tf, 'azurerm_role_assignment')).filter((r: any) => r.role_definition_name.startsWith('Azure Service Bus'));
    expect(roles.map((r: any) => r.role_definition_name).sort()).toEqual(['Azure Service Bus Data Receiver', 'Azure Service Bus Data Sender']);
    for (const r of roles as any[]) {
      expect(r.scope).toMatch(/^\$\{azurerm_servicebus_queue\.Orders_\w+\.id\}$/);
    }
    const apps = Object.values(resources(tf, 'azurerm_function_app_flex_consumption')) as any[];
    expect(apps.find((a) => a.app_settings.ORDERS_QUEUE)!.app_settings.ORDERS_QUEUE)
      .toBe(`https://\${azurerm_servicebus_namespace.CirrusServiceBus.name}.servicebus.windows.net/${queue.queueName}`);
  });
});

describe('EventQueue on GCP', () => {
  test('a Pub/Sub topic with a dead-letter topic; the consumer subscribes, the producer may publish to it only', () => {
    const { stack } = gcpStack();
    const queue = new EventQueue(stack, 'Orders', { maxDeliveryAttempts: 7 });
    const producer = new EventDrivenFunction(stack, 'Producer', base);
    new EventDrivenFunction(stack, 'Consumer', { ...base, triggers: [Trigger.queue({ queue })] });
    queue.grantSend(producer);
    const tf = synthJson(stack);
    const topics = Object.keys(resources(tf, 'google_pubsub_topic'));
    expect(topics).toHaveLength(2);
    expect(topics.filter((k) => k.startsWith('Orders_DeadLetterTopic_'))).toHaveLength(1);
    const sub = resource(tf, 'google_pubsub_subscription', /Consumer_Queue[0-9a-f]{6}Subscription/);
    expect(sub).toMatchObject({ topic: expect.stringMatching(/google_pubsub_topic\.Orders_\w+\.id/), dead_letter_policy: { max_delivery_attempts: 7 } });
    expect(resource(tf, 'google_pubsub_topic_iam_member', /Orders_Publisher[0-9a-f]+_/)).toMatchObject({
      role: 'roles/pubsub.publisher', member: expect.stringContaining('Producer_ServiceAccount'), topic: expect.stringMatching(/google_pubsub_topic\.Orders_\w+\.name/),
    });
    const fns = Object.values(resources(tf, 'google_cloudfunctions2_function')) as any[];
    expect(fns.some((f) => JSON.stringify(f).includes('ORDERS_QUEUE'))).toBe(true);
  });

  test('fails when a second function consumes the same queue, which GCP push cannot share', () => {
    const { stack } = gcpStack();
    const queue = new EventQueue(stack, 'Orders');
    new EventDrivenFunction(stack, 'A', { ...base, triggers: [Trigger.queue({ queue })] });
    expect(() => new EventDrivenFunction(stack, 'B', { ...base, triggers: [Trigger.queue({ queue })] }))
      .toThrow(/orders-gcp\/B: cannot consume orders-gcp\/Orders, already consumed by orders-gcp\/A/);
  });

  test('reports the second consumer with the function\'s other problems, and a refused function claims nothing', () => {
    const { stack } = gcpStack();
    const queue = new EventQueue(stack, 'Orders');
    new EventDrivenFunction(stack, 'A', { ...base, triggers: [Trigger.queue({ queue })] });
    let error: any;
    try {
      new EventDrivenFunction(stack, 'B', { ...base, memoryMb: 3, triggers: [Trigger.queue({ queue })] });
    } catch (e) {
      error = e;
    }
    expect(error.problems).toEqual([expect.stringContaining('memoryMb'), expect.stringContaining('cannot consume orders-gcp/Orders, already consumed by orders-gcp/A')]);
    // A function refused at construction does not become the queue's consumer.
    const other = gcpStack().stack;
    const q2 = new EventQueue(other, 'Q');
    expect(() => new EventDrivenFunction(other, 'C', { ...base, memoryMb: 3, triggers: [Trigger.queue({ queue: q2 })] })).toThrow(/memoryMb/);
    expect(() => new EventDrivenFunction(other, 'D', { ...base, triggers: [Trigger.queue({ queue: q2 })] })).not.toThrow();
  });
});

describe('EventQueue validation', () => {
  test('fails when maxDeliveryAttempts is outside the cloud range', () => {
    expect(() => new EventQueue(gcpStack().stack, 'Q', { maxDeliveryAttempts: 4 })).toThrow('orders-gcp/Q: maxDeliveryAttempts must be a whole number from 5 to 100 on GCP (got 4)');
    expect(() => new EventQueue(awsStack().stack, 'Q', { retentionDays: 15 })).toThrow('orders-aws/Q: retentionDays must be a whole number from 1 to 14 on AWS (got 15)');
  });

  test('fails when the trigger repeats settings that belong to the shared queue', () => {
    const { stack } = awsStack();
    const queue = new EventQueue(stack, 'Orders');
    expect(() => new EventDrivenFunction(stack, 'C', { ...base, triggers: [Trigger.queue({ queue, maxDeliveryAttempts: 3 })] }))
      .toThrow(/consumes the shared queue orders-aws\/Orders: set maxDeliveryAttempts and retentionDays on the EventQueue/);
  });

  test('fails when the queue is in another stack or another cloud', () => {
    const { stack } = awsStack();
    const other = new EventQueue(awsStack('other').stack, 'Orders');
    expect(() => new EventDrivenFunction(stack, 'C', { ...base, triggers: [Trigger.queue({ queue: other })] })).toThrow(/triggers\[0\]\.queue other\/Orders is in another stack/);
    expect(() => other.grantSend(new EventDrivenFunction(stack, 'P', base))).toThrow(/grantSend: orders-aws\/P is in another stack; the stacks are in different CDK apps or stages/);
    const azureQueue = new EventQueue(azureStack().stack, 'Orders');
    expect(() => new EventDrivenFunction(stack, 'D', { ...base, triggers: [Trigger.queue({ queue: azureQueue })] })).toThrow(/triggers\[0\]\.queue orders-azure\/Orders is on Azure, not AWS/);
  });
});

describe('regressions found by the fuzz tests (test/fuzz)', () => {
  test('fails when retentionDays is a token (converted to each cloud\'s unit at synth)', () => {
    const { CfnParameter } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
    const { stack } = awsStack();
    const retentionDays = new CfnParameter(stack, 'Retention', { type: 'Number' }).valueAsNumber;
    // Before: aws-cdk-lib threw «MustBeDurationSpecifiedDuration» from Duration.days(token).
    expect(() => new EventQueue(stack, 'Orders', { retentionDays })).toThrow(/Orders: retentionDays cannot be an unresolved token/);
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, triggers: [Trigger.queue({ retentionDays })] }))
      .toThrow(/triggers\[0\]\.retentionDays cannot be an unresolved token/);
  });
});
