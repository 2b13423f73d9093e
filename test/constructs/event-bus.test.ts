import { Match } from 'aws-cdk-lib/assertions';
import { EventBus, EventDrivenFunction, FunctionCode, FunctionRuntime, Trigger } from '../../index';
import { awsStack, template, validationViolations } from '../helpers/aws';
import { sharedTriggerId } from '../../lib/core/function-spec';
import { loadAzureNodeApp, triggerBinding } from '../helpers/azure-functions-host';
import { azureStack, deployedZip, gcpStack, resource, resources, synthJson } from '../helpers/terraform';

const code = FunctionCode.fromInline('exports.handler = async () => ({})');
const base = { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler' };
const pattern = { source: ['com.acme.devices'], detailType: ['TelemetryReceived'] };

describe('EventBus on AWS', () => {
  test('an EventBridge bus; a rule per subscriber targeting its live alias with a dead-letter queue; PutEvents for publishers', () => {
    const { app, stack } = awsStack();
    const bus = new EventBus(stack, 'Telemetry');
    const ingest = new EventDrivenFunction(stack, 'Ingest', base);
    bus.grantPublish(ingest);
    new EventDrivenFunction(stack, 'Store', { ...base, triggers: [Trigger.eventBus({ bus, pattern, maxDeliveryAttempts: 2 })] });
    expect(bus.environmentName).toBe('TELEMETRY_BUS');
    const t = template(stack);
    t.resourceCountIs('AWS::Events::EventBus', 1);
    t.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: Match.stringLikeRegexp('^Telemetry') },
      EventPattern: { source: ['com.acme.devices'], 'detail-type': ['TelemetryReceived'] },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^StoreLiveAlias') }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('StoreEventBus[0-9a-f]{6}DeadLetterQueue'), 'Arn'] } } })],
    });
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: Match.anyValue() } });
    const policy = Object.values(t.findResources('AWS::IAM::Policy')).find((p: any) => p.Properties.Roles[0].Ref.startsWith('IngestServiceRole')) as any;
    expect(policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Action === 'events:PutEvents'))
      .toEqual([{ Effect: 'Allow', Action: 'events:PutEvents', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^Telemetry/), 'Arn'] } }]);
    expect(validationViolations(app)).toEqual([]);
  });

  test('without a bus, the rule is on the account default bus', () => {
    const { stack } = awsStack();
    new EventDrivenFunction(stack, 'OnS3', { ...base, triggers: [Trigger.eventBus({ pattern: { source: ['aws.s3'] } })] });
    const rule = Object.values(template(stack).findResources('AWS::Events::Rule'))[0] as any;
    expect(rule.Properties.EventBusName).toBeUndefined();
    expect(rule.Properties.EventPattern).toEqual({ source: ['aws.s3'] });
  });
});

describe('EventBus on Azure', () => {
  test('an Event Grid topic (CloudEvents, Entra ID only); a filtered subscription to the function with retries and blob dead-lettering', () => {
    const { stack } = azureStack();
    const bus = new EventBus(stack, 'Telemetry');
    bus.grantPublish(new EventDrivenFunction(stack, 'Ingest', base));
    new EventDrivenFunction(stack, 'Store', { ...base, triggers: [Trigger.eventBus({ bus, pattern, maxDeliveryAttempts: 10, maxEventAgeSeconds: 3600 })] });
    const tf = synthJson(stack);
    expect(resource(tf, 'azurerm_eventgrid_topic')).toMatchObject({ input_schema: 'CloudEventSchemaV1_0', local_auth_enabled: false, identity: { type: 'SystemAssigned' } });
    const sub = resource(tf, 'azurerm_eventgrid_event_subscription');
    expect(sub).toMatchObject({
      event_delivery_schema: 'CloudEventSchemaV1_0',
      included_event_types: ['TelemetryReceived'],
      advanced_filter: { string_in: [{ key: 'source', values: ['com.acme.devices'] }] },
      retry_policy: { max_delivery_attempts: 10, event_time_to_live: 60 },
      dead_letter_identity: { type: 'SystemAssigned' },
      azure_function_endpoint: { function_id: expect.stringMatching(/^\$\{azurerm_function_app_flex_consumption\.Store_\w+\.id\}\/functions\/EventBus[0-9a-f]{6}$/), max_events_per_batch: 1 },
    });
    expect(sub.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^terraform_data\.Store_Deployment/)]));
    const sender = Object.values(resources(tf, 'azurerm_role_assignment')).find((r: any) => r.role_definition_name === 'EventGrid Data Sender') as any;
    expect(sender.scope).toMatch(/^\$\{azurerm_eventgrid_topic\.Telemetry_\w+\.id\}$/);
    const writer = Object.values(resources(tf, 'azurerm_role_assignment')).find((r: any) => r.role_definition_name === 'Storage Blob Data Contributor') as any;
    expect(writer.scope).toMatch(/^\$\{azurerm_storage_container\.Store_EventDeadLetterContainer_\w+\.resource_manager_id\}$/);
    // The package registers the Event Grid trigger under the name the subscription addresses.
    expect(triggerBinding(loadAzureNodeApp(deployedZip(stack, tf, /^Store_/)).get(sharedTriggerId('EventBus', bus.node.path))!)).toEqual({ type: 'eventGridTrigger', direction: 'in' });
  });

  test('fails when the event age is not whole minutes or the attempts exceed Event Grid\'s 30', () => {
    const { stack } = azureStack();
    expect(() => new EventDrivenFunction(stack, 'F', { ...base, triggers: [Trigger.eventBus({ pattern, maxEventAgeSeconds: 90, maxDeliveryAttempts: 31 })] }))
      .toThrow(/maxDeliveryAttempts must be a whole number from 1 to 30 on Azure \(got 31\)[\s\S]*maxEventAgeSeconds must be whole minutes on Azure/);
  });
});

describe('EventBus on GCP', () => {
  test('a Pub/Sub topic; the subscriber filters on source and type attributes, with its own dead-letter topic', () => {
    const { stack } = gcpStack();
    const bus = new EventBus(stack, 'Telemetry');
    bus.grantPublish(new EventDrivenFunction(stack, 'Ingest', base));
    new EventDrivenFunction(stack, 'Store', { ...base, triggers: [Trigger.eventBus({ bus, pattern })] });
    const tf = synthJson(stack);
    expect(resource(tf, 'google_pubsub_subscription', /^Store_EventBus[0-9a-f]{6}Subscription/)).toMatchObject({
      topic: expect.stringMatching(/google_pubsub_topic\.Telemetry_\w+\.id/),
      filter: '(attributes.source = "com.acme.devices") AND (attributes.type = "TelemetryReceived")',
      dead_letter_policy: { dead_letter_topic: expect.stringMatching(/Store_EventBus[0-9a-f]{6}DeadLetterTopic/), max_delivery_attempts: 5 },
    });
  });
});

describe('EventBus validation', () => {
  test('fails when the pattern matches on nothing', () => {
    const { stack } = awsStack();
    expect(() => new EventDrivenFunction(stack, 'F', { ...base, triggers: [Trigger.eventBus({ pattern: {} })] }))
      .toThrow('orders-aws/F: triggers[0].pattern must match on source or detailType (or both): an empty pattern would deliver every event of the bus');
  });
});

describe('shared sources in another stack', () => {
  test('fails when a bus or bucket of another stack is consumed', () => {
    const { stack } = awsStack();
    const other = awsStack('other').stack;
    const { EventBucket } = require('../../index') as typeof import('../../index');
    const bus = new EventBus(other, 'Bus');
    const bucket = new EventBucket(other, 'Bucket');
    expect(() => new EventDrivenFunction(stack, 'F', { ...base, triggers: [Trigger.eventBus({ bus, pattern })] })).toThrow(/triggers\[0\]\.bus other\/Bus is in another stack/);
    expect(() => new EventDrivenFunction(stack, 'G', { ...base, triggers: [Trigger.storage({ bucket })] })).toThrow(/triggers\[0\]\.bucket other\/Bucket is in another stack/);
  });
});
