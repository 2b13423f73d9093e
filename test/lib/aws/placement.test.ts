import * as fs from 'fs';
import * as path from 'path';
import { App, CfnMapping, CfnOutput, CfnParameter, NestedStack, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import {
  AlarmChannel, AlarmTarget, EventBucket, EventBus, EventDrivenFunction, EventQueue, EventTopic, FunctionCode, FunctionPlacement, FunctionRuntime, ProvisionedWarmPool, Trigger,
} from '../../../index';
import { CLOUDFORMATION_TEMPLATE_LIMITS, hashedGroupId } from '../../../lib/core/placement';
import { awsStack, validationViolations } from '../../helpers/aws';
import { azureStack } from '../../helpers/terraform';

const code = FunctionCode.fromInline('exports.handler = async () => ({})');
const base = { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler' };

/** The stack that holds a function's Lambda resource. */
function homeOf(fn: EventDrivenFunction): Stack {
  return Stack.of(fn.node.defaultChild as lambda.Function);
}

/** Where each function's Lambda resource is: its template's stack path and its logical id there. */
function addresses(fns: EventDrivenFunction[]): Map<string, string> {
  return new Map(fns.map((fn) => {
    const resource = (fn.node.defaultChild as lambda.Function).node.defaultChild as lambda.CfnFunction;
    return [fn.node.path, `${resource.stack.node.path} ${resource.stack.resolve(resource.logicalId)}`];
  }));
}

function nestedApp(names: string[], groups?: number): EventDrivenFunction[] {
  const { stack } = awsStack();
  FunctionPlacement.nestedStacks(stack, groups === undefined ? undefined : { groups });
  return names.map((n) => new EventDrivenFunction(stack, n, { ...base, triggers: [Trigger.queue()] }));
}

/** Every template of the synthesized app, by file name. */
function templates(app: App): Map<string, any> {
  const dir = app.synth().directory;
  return new Map(fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).map((f) => [f, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))]));
}

describe('function placement in nested stacks', () => {
  test('a stack without nested placement keeps every function in the stack itself, with no nested stack', () => {
    const { stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'Orders', { ...base, triggers: [Trigger.queue()] });
    expect(homeOf(fn)).toBe(stack);
    expect(stack.node.findAll().some((c) => c instanceof NestedStack)).toBe(false);
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 1);
  });

  test('100 functions with queue triggers, fanned out from one parent topic, synthesize: every template within the limits, each function in the nested stack of its hash', () => {
    const { app, stack } = awsStack();
    FunctionPlacement.nestedStacks(stack);
    const topic = new EventTopic(stack, 'Shipped');
    const fns = Array.from({ length: 100 }, (_, i) => new EventDrivenFunction(stack, `Fn${i}`, { ...base, triggers: [Trigger.queue(), Trigger.topic({ topic })] }));
    for (const fn of fns) {
      const home = homeOf(fn);
      expect(home.nested).toBe(true);
      expect(home.node.id).toBe(hashedGroupId(fn.node.id, 64));
      // Everything of the function is in that nested stack, nothing in the parent.
      const t = Template.fromStack(home);
      t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionName: Match.anyValue() });
      expect(Object.keys(t.findResources('AWS::CloudWatch::Alarm')).some((k) => k.startsWith(`${fn.node.id}ErrorsAlarm`))).toBe(true);
    }
    const parent = Template.fromStack(stack);
    parent.resourceCountIs('AWS::Lambda::Function', 0);
    parent.resourceCountIs('AWS::SNS::Topic', 1);
    // The topic fans out to all 100, each subscription in its function's nested stack, the topic passed in as a parameter.
    const all = [...templates(app).values()];
    const subscriptions = all.flatMap((t) => Object.values<any>(t.Resources).filter((r) => r.Type === 'AWS::SNS::Subscription'));
    expect(subscriptions).toHaveLength(100);
    for (const s of subscriptions) {
      expect(s.Properties.TopicArn).toEqual({ Ref: expect.stringMatching(/Shipped.*Ref$/) });
    }
    for (const t of all) {
      expect(Object.keys(t.Resources).length).toBeLessThanOrEqual(CLOUDFORMATION_TEMPLATE_LIMITS.resources);
      expect(Object.keys(t.Parameters ?? {}).length).toBeLessThanOrEqual(CLOUDFORMATION_TEMPLATE_LIMITS.parameters);
      expect(Object.keys(t.Outputs ?? {}).length).toBeLessThanOrEqual(CLOUDFORMATION_TEMPLATE_LIMITS.outputs);
      expect(JSON.stringify(t).length).toBeLessThan(CLOUDFORMATION_TEMPLATE_LIMITS.templateBytes);
    }
    expect(validationViolations(app)).toEqual([]);
  });

  test('placement does not change when functions are reordered, added or removed', () => {
    const names = Array.from({ length: 40 }, (_, i) => `Fn${i}`);
    const before = addresses(nestedApp(names));
    const reordered = addresses(nestedApp([...names].reverse()));
    const changed = addresses(nestedApp([...names.slice(5), 'New1', 'New2', ...names.slice(0, 3)]));
    for (const [fn, address] of reordered) {
      expect(address).toBe(before.get(fn));
    }
    for (const [fn, address] of changed) {
      if (before.has(fn)) {
        expect(address).toBe(before.get(fn));
      }
    }
    expect(new Set([...before.values()].map((a) => a.split(' ')[0])).size).toBeGreaterThan(10);
  });

  test('logical ids inside a nested stack are the ones the function has in a stack of its own, but for ids aws-cdk-lib derives from the full path', () => {
    const flat = awsStack().stack;
    const scoped = new Construct(flat, 'Orders');
    const inStack = new EventDrivenFunction(scoped, 'Process', { ...base, triggers: [Trigger.queue()] });
    const nested = awsStack().stack;
    FunctionPlacement.nestedStacks(nested);
    const inGroup = new EventDrivenFunction(new Construct(nested, 'Orders'), 'Process', { ...base, triggers: [Trigger.queue()] });
    expect(homeOf(inGroup).node.id).toBe(hashedGroupId('Orders/Process', 64));
    // The event source mapping's id holds the queue's full path (ordersaws[Functions02]OrdersProcessQueue).
    const pathFree = (ids: string[]) => ids.filter((k) => k !== 'CDKMetadata' && !k.includes('ordersaws')).sort();
    const nestedIds = Object.keys(Template.fromStack(homeOf(inGroup)).toJSON().Resources);
    expect(pathFree(nestedIds)).toEqual(pathFree(Object.keys(Template.fromStack(flat).toJSON().Resources)));
    expect(pathFree(nestedIds).length).toBeGreaterThan(10);
    expect(nestedIds.filter((k) => k.includes('SqsEventSource'))).toEqual([expect.stringContaining(`ordersaws${homeOf(inGroup).node.id}OrdersProcessQueue`)]);
    expect(homeOf(inStack)).toBe(flat);
  });

  test('a function can be pinned to a named group, or kept in the stack, and a pin needs no stack-level option', () => {
    const { stack } = awsStack();
    const pinned = new EventDrivenFunction(stack, 'Billing', { ...base, placement: FunctionPlacement.group('Billing') });
    expect(homeOf(pinned).node.path).toBe('orders-aws/FunctionsBilling');
    const other = awsStack().stack;
    FunctionPlacement.nestedStacks(other, { groups: 8 });
    const kept = new EventDrivenFunction(other, 'Legacy', { ...base, placement: FunctionPlacement.inStack() });
    const hashed = new EventDrivenFunction(other, 'Fresh', base);
    const toHashedGroup = new EventDrivenFunction(other, 'Joins', { ...base, placement: FunctionPlacement.group(homeOf(hashed).node.id) });
    expect(homeOf(kept)).toBe(other);
    expect(homeOf(hashed).node.id).toMatch(/^Functions\d$/);
    expect(homeOf(toHashedGroup)).toBe(homeOf(hashed));
  });

  test('a grant and a warm pool in the parent reach a nested function through cross-stack references', () => {
    const { app, stack } = awsStack();
    FunctionPlacement.nestedStacks(stack);
    const queue = new EventQueue(stack, 'Orders');
    const fn = new EventDrivenFunction(stack, 'Producer', { ...base, notify: [AlarmTarget.email('ops@example.com')] });
    queue.grantSend(fn);
    new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 1, maxInstances: 4 });
    Template.fromStack(stack).hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ResourceId: { 'Fn::Join': ['', ['function:', { 'Fn::GetAtt': [Match.stringLikeRegexp(`^${homeOf(fn).node.id}`), Match.stringLikeRegexp('^Outputs\\.')] }, ':live']] },
    });
    const t = Template.fromStack(homeOf(fn));
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { ORDERS_QUEUE: { Ref: Match.stringLikeRegexp('Orders') } } } });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']), Resource: { Ref: Match.stringLikeRegexp('Orders.*Arn') } })]) },
    });
    // The function's own alarm channel is in its nested stack too.
    t.resourceCountIs('AWS::SNS::Topic', 1);
    expect(validationViolations(app)).toEqual([]);
  });
});

describe('shared resources across stacks on AWS', () => {
  test('a queue, topic, bus, bucket and alarm channel of one stack serve functions of another stack of the same account and region', () => {
    const { app, stack } = awsStack();
    const consumers = new Stack(app, 'consumers', { env: { region: 'eu-west-1', account: '123456789012' } });
    const queue = new EventQueue(stack, 'Orders');
    const topic = new EventTopic(stack, 'Shipped');
    const bus = new EventBus(stack, 'Telemetry');
    const bucket = new EventBucket(stack, 'Invoices');
    const ops = new AlarmChannel(stack, 'Ops', { targets: [AlarmTarget.email('ops@example.com')] });
    const fn = new EventDrivenFunction(consumers, 'Consumer', {
      ...base,
      triggers: [Trigger.queue({ queue }), Trigger.topic({ topic }), Trigger.eventBus({ bus, pattern: { detailType: ['Reading'] } }), Trigger.storage({ bucket })],
      notify: [AlarmTarget.channel(ops)],
    });
    queue.grantSend(fn);
    topic.grantPublish(fn);
    bus.grantPublish(fn);
    bucket.grantWrite(fn);
    const t = Template.fromStack(consumers);
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: { 'Fn::ImportValue': Match.stringLikeRegexp('Orders') } });
    t.hasResourceProperties('AWS::SNS::Subscription', { TopicArn: { 'Fn::ImportValue': Match.stringLikeRegexp('Shipped') } });
    expect(consumers.dependencies).toContain(stack);
    expect(validationViolations(app)).toEqual([]);
  });

  test('fails when the shared resource is in another region, account or app', () => {
    const { app, stack } = awsStack();
    const elsewhere = new Stack(app, 'us', { env: { region: 'us-east-1', account: '123456789012' } });
    const queue = new EventQueue(elsewhere, 'Orders');
    expect(() => new EventDrivenFunction(stack, 'C', { ...base, triggers: [Trigger.queue({ queue })] }))
      .toThrow(/triggers\[0\]\.queue us\/Orders is in another stack; the function deploys to aws:\/\/123456789012\/eu-west-1, the shared resource to aws:\/\/123456789012\/us-east-1/);
    const fn = new EventDrivenFunction(stack, 'P', base);
    expect(() => queue.grantSend(fn)).toThrow(/grantSend: orders-aws\/P is in another stack; the function deploys to/);
    const ops = new AlarmChannel(elsewhere, 'Ops', { targets: [AlarmTarget.email('ops@example.com')] });
    expect(() => new EventDrivenFunction(stack, 'N', { ...base, notify: [AlarmTarget.channel(ops)] })).toThrow(/notify: the channel us\/Ops is in another stack; the function deploys to/);
    const otherApp = new EventTopic(awsStack('other').stack, 'T');
    expect(() => new EventDrivenFunction(stack, 'S', { ...base, triggers: [Trigger.topic({ topic: otherApp })] })).toThrow(/is in another stack; the stacks are in different CDK apps or stages/);
  });
});

describe('CloudFormation template limits', () => {
  test('fails when a stack without nested placement holds more than 500 resources, naming the fix', () => {
    const { app, stack } = awsStack();
    for (let i = 0; i < 35; i++) {
      new EventDrivenFunction(stack, `Fn${i}`, { ...base, triggers: [Trigger.queue()] });
    }
    expect(() => app.synth()).toThrow(/\[orders-aws\] the template holds \d+ resources; CloudFormation allows 500 per template .*FunctionPlacement\.nestedStacks\(stack\).*FunctionPlacement\.inStack\(\)/);
  });

  test('a stack without nested placement is warned from 400 resources, while nesting can still be turned on before a deploy', () => {
    const { stack } = awsStack();
    for (let i = 0; i < 27; i++) {
      new EventDrivenFunction(stack, `Fn${i}`, { ...base, triggers: [Trigger.queue()] });
    }
    Annotations.fromStack(stack).hasWarning('/orders-aws', Match.stringLikeRegexp('^\\d+ of the 500 resources a template may hold: if this stack is not deployed yet, call FunctionPlacement\\.nestedStacks'));
  });

  test('fails when one nested group holds more than 500 resources, naming its functions', () => {
    const { app, stack } = awsStack();
    FunctionPlacement.nestedStacks(stack, { groups: 1 });
    for (let i = 0; i < 35; i++) {
      new EventDrivenFunction(stack, `Fn${i}`, { ...base, triggers: [Trigger.queue()] });
    }
    expect(() => app.synth()).toThrow(/the nested stack orders-aws\/Functions0 holds \d+ resources; .*pin some of its functions \(orders-aws\/Fn0, .* and 30 more\) to another group/);
  });

  test.each([
    ['outputs', (s: Stack, i: number) => new CfnOutput(s, `O${i}`, { value: 'x' })],
    ['parameters', (s: Stack, i: number) => new CfnParameter(s, `P${i}`, { default: 'x' })],
    ['mappings', (s: Stack, i: number) => new CfnMapping(s, `M${i}`, { mapping: { a: { b: 'c' } } })],
  ])('fails when a template holds more than 200 %s', (what, make) => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', base);
    for (let i = 0; i <= 200; i++) {
      make(stack, i);
    }
    expect(() => app.synth()).toThrow(new RegExp(`the template holds 201 ${what}; CloudFormation allows 200 per template`));
  });
});

describe('placement errors', () => {
  test('fails when nested placement is turned on after the stack\'s first function', () => {
    const { stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', base);
    expect(() => FunctionPlacement.nestedStacks(stack)).toThrow('orders-aws: FunctionPlacement.nestedStacks must be called before the first EventDrivenFunction of the stack is created');
  });

  test('fails when groups is out of range or the group name is not letters and digits', () => {
    expect(() => FunctionPlacement.nestedStacks(awsStack().stack, { groups: 0 })).toThrow('orders-aws: groups must be a whole number between 1 and 200 (got 0)');
    expect(() => FunctionPlacement.nestedStacks(awsStack().stack, { groups: 2.5 })).toThrow(/groups must be a whole number/);
    expect(() => FunctionPlacement.group('billing-v2')).toThrow('FunctionPlacement.group: placement group must be 1-40 letters and digits, starting with a letter (got "billing-v2")');
  });

  test('fails when placement is not a FunctionPlacement, or pins a group on Azure, or nesting is asked of a Terraform stack', () => {
    const { stack } = awsStack();
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, placement: 'Billing' as any })).toThrow(/placement must be made with FunctionPlacement\.group\(name\) or FunctionPlacement\.inStack\(\) \(got "Billing"\)/);
    const azure = azureStack().stack;
    expect(() => new EventDrivenFunction(azure, 'Fn', { ...base, placement: FunctionPlacement.group('Billing') }))
      .toThrow(/placement FunctionPlacement\.group\("Billing"\) is AWS only \(CloudFormation nested stacks\); an AzureStack has no per-stack resource limit/);
    expect(() => new EventDrivenFunction(azure, 'Kept', { ...base, placement: FunctionPlacement.inStack() })).not.toThrow();
    expect(() => FunctionPlacement.nestedStacks(azure)).toThrow(/FunctionPlacement\.nestedStacks needs an aws-cdk-lib Stack/);
  });

  test('fails when the stack has a construct of its own with a group\'s id', () => {
    const { stack } = awsStack();
    new Construct(stack, 'FunctionsBilling');
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, placement: FunctionPlacement.group('Billing') }))
      .toThrow('orders-aws/Fn: placement: orders-aws already has a construct FunctionsBilling that is not a Cirrus function group: rename that construct');
  });
});
