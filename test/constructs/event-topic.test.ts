import { Match } from 'aws-cdk-lib/assertions';
import { EventDrivenFunction, EventTopic, FunctionCode, FunctionRuntime, Trigger } from '../../index';
import { awsStack, template, validationViolations } from '../helpers/aws';
import { sharedTriggerId } from '../../lib/core/function-spec';
import { loadAzureNodeApp, triggerBinding } from '../helpers/azure-functions-host';
import { azureStack, deployedZip, gcpStack, resource, resources, synthJson } from '../helpers/terraform';

const code = FunctionCode.fromInline('exports.handler = async () => ({})');
const base = { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler' };

describe('EventTopic on AWS', () => {
  test('fan-out: each subscriber gets its own SNS subscription to its live alias, a dead-letter queue and an on-failure destination', () => {
    const { app, stack } = awsStack();
    const topic = new EventTopic(stack, 'OrderEvents');
    const publisher = new EventDrivenFunction(stack, 'Checkout', base);
    topic.grantPublish(publisher);
    new EventDrivenFunction(stack, 'Inventory', { ...base, triggers: [Trigger.topic({ topic, filter: { type: ['created', 'updated'] } })] });
    new EventDrivenFunction(stack, 'Notify', { ...base, triggers: [Trigger.topic({ topic, maxDeliveryAttempts: 2, maxEventAgeSeconds: 3600 })] });
    expect(topic.environmentName).toBe('ORDER_EVENTS_TOPIC');
    const t = template(stack);
    t.resourceCountIs('AWS::SNS::Topic', 1);
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    t.resourceCountIs('AWS::SNS::Subscription', 2);
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::Join': [':', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Inventory'), 'Arn'] }, 'live']] },
      FilterPolicy: { type: ['created', 'updated'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('InventoryTopic[0-9a-f]{6}DeadLetterQueue'), 'Arn'] } },
    });
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      Qualifier: Match.anyValue(), MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('NotifyAsyncFailureQueue'), 'Arn'] } } },
    });
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 21600 });
    t.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'sns.amazonaws.com', SourceArn: { Ref: Match.stringLikeRegexp('^OrderEvents') } });
    const policy = Object.values(t.findResources('AWS::IAM::Policy')).find((p: any) => p.Properties.Roles[0].Ref.startsWith('CheckoutServiceRole')) as any;
    expect(policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Action === 'sns:Publish')).toEqual([{ Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: expect.stringMatching(/^OrderEvents/) } }]);
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { ORDER_EVENTS_TOPIC: { Ref: Match.stringLikeRegexp('^OrderEvents') } } } });
    expect(validationViolations(app)).toEqual([]);
  });

  test('fails when asynchronous triggers of one function need different retry settings, or more than 3 attempts', () => {
    const { stack } = awsStack();
    expect(() => new EventDrivenFunction(stack, 'F', { ...base, triggers: [Trigger.topic({ maxDeliveryAttempts: 1 }), Trigger.topic({ maxDeliveryAttempts: 2 })] }))
      .toThrow(/on AWS they are one setting of the function \(its asynchronous invocation config\)/);
    expect(() => new EventDrivenFunction(stack, 'G', { ...base, triggers: [Trigger.topic({ maxDeliveryAttempts: 5 })] }))
      .toThrow(/maxDeliveryAttempts must be a whole number from 1 to 3 on AWS \(asynchronous invocation: the first attempt and up to 2 retries\) \(got 5\)/);
  });
});

describe('EventTopic on Azure', () => {
  test('fan-out: a Service Bus topic, a subscription per subscriber with dead-lettering, receivers scoped to their subscription', () => {
    const { stack } = azureStack();
    const topic = new EventTopic(stack, 'OrderEvents');
    topic.grantPublish(new EventDrivenFunction(stack, 'Checkout', base));
    new EventDrivenFunction(stack, 'Inventory', { ...base, triggers: [Trigger.topic({ topic, maxDeliveryAttempts: 9 })] });
    new EventDrivenFunction(stack, 'Notify', { ...base, triggers: [Trigger.topic({ topic })] });
    const tf = synthJson(stack);
    expect(Object.keys(resources(tf, 'azurerm_servicebus_topic'))).toHaveLength(1);
    const subs = Object.values(resources(tf, 'azurerm_servicebus_subscription')) as any[];
    expect(subs.map((s) => s.max_delivery_count).sort()).toEqual([5, 9]);
    for (const s of subs) {
      expect(s).toMatchObject({ dead_lettering_on_message_expiration: true, default_message_ttl: 'PT345600S', topic_id: expect.stringMatching(/azurerm_servicebus_topic\.OrderEvents_\w+\.id/) });
      expect(s.name.length).toBeLessThanOrEqual(50);
    }
    const receivers = Object.values(resources(tf, 'azurerm_role_assignment')).filter((r: any) => r.role_definition_name === 'Azure Service Bus Data Receiver') as any[];
    expect(receivers.map((r) => r.scope.split('.')[1].split('_')[0]).sort()).toEqual(['Inventory', 'Notify']);
    expect(receivers.every((r) => r.scope.startsWith('${azurerm_servicebus_subscription.'))).toBe(true);
    const sender = Object.values(resources(tf, 'azurerm_role_assignment')).find((r: any) => r.role_definition_name === 'Azure Service Bus Data Sender') as any;
    expect(sender.scope).toMatch(/^\$\{azurerm_servicebus_topic\.OrderEvents_\w+\.id\}$/);
  });

  test('the subscriber package binds its subscription', () => {
    const { stack } = azureStack();
    const topic = new EventTopic(stack, 'OrderEvents');
    new EventDrivenFunction(stack, 'Inventory', { ...base, triggers: [Trigger.topic({ topic })] });
    const tf = synthJson(stack);
    expect(triggerBinding(loadAzureNodeApp(deployedZip(stack, tf)).get(sharedTriggerId('Topic', topic.node.path))!)).toEqual({
      type: 'serviceBusTrigger', direction: 'in', topicName: topic.topicName,
      subscriptionName: resource(tf, 'azurerm_servicebus_subscription').name, connection: 'CirrusServiceBus', cardinality: 'one',
    });
  });

  test('fails when a filter is asked for, which azurerm 4.55 cannot make exclusive', () => {
    const { stack } = azureStack();
    expect(() => new EventDrivenFunction(stack, 'F', { ...base, triggers: [Trigger.topic({ filter: { type: ['a'] } })] }))
      .toThrow(/triggers\[0\]\.filter cannot be expressed on Azure with azurerm 4\.55: a Service Bus subscription keeps its \$Default rule/);
  });
});

describe('EventTopic on GCP', () => {
  test('fan-out: a Pub/Sub topic, a filtered push subscription and a dead-letter topic per subscriber', () => {
    const { stack } = gcpStack();
    const topic = new EventTopic(stack, 'OrderEvents');
    topic.grantPublish(new EventDrivenFunction(stack, 'Checkout', base));
    new EventDrivenFunction(stack, 'Inventory', { ...base, triggers: [Trigger.topic({ topic, filter: { type: ['created', 'updated'], region: ['eu'] } })] });
    new EventDrivenFunction(stack, 'Notify', { ...base, triggers: [Trigger.topic({ topic, maxDeliveryAttempts: 20, maxEventAgeSeconds: 3600 })] });
    const tf = synthJson(stack);
    const inventory = resource(tf, 'google_pubsub_subscription', /^Inventory_Topic[0-9a-f]{6}Subscription/);
    expect(inventory).toMatchObject({
      topic: expect.stringMatching(/google_pubsub_topic\.OrderEvents_\w+\.id/),
      filter: '(attributes.region = "eu") AND (attributes.type = "created" OR attributes.type = "updated")',
      dead_letter_policy: { dead_letter_topic: expect.stringMatching(/Inventory_Topic[0-9a-f]{6}DeadLetterTopic/), max_delivery_attempts: 5 },
    });
    expect(resource(tf, 'google_pubsub_subscription', /^Notify_Topic[0-9a-f]{6}Subscription/)).toMatchObject({
      message_retention_duration: '3600s', dead_letter_policy: { max_delivery_attempts: 20, dead_letter_topic: expect.stringMatching(/Notify_Topic[0-9a-f]{6}DeadLetterTopic/) },
    });
    expect(resource(tf, 'google_pubsub_topic_iam_member', /OrderEvents_Publisher[0-9a-f]+_/)).toMatchObject({ role: 'roles/pubsub.publisher', member: expect.stringContaining('Checkout_ServiceAccount') });
  });

  test('fails when the filter is longer than Pub/Sub allows or event age is below its minimum', () => {
    const { stack } = gcpStack();
    const values = Array.from({ length: 20 }, (_, i) => `value-number-${i}`);
    expect(() => new EventDrivenFunction(stack, 'F', { ...base, triggers: [Trigger.topic({ filter: { kind: values } })] })).toThrow(/gives a Pub\/Sub filter of \d+ characters; GCP allows 256/);
    expect(() => new EventDrivenFunction(stack, 'G', { ...base, triggers: [Trigger.topic({ maxEventAgeSeconds: 60 })] })).toThrow(/maxEventAgeSeconds must be a whole number from 600 to 604800 on GCP \(got 60\)/);
  });
});
