/**
 * Bad input as a new user from JavaScript (or Python, see test/python) writes
 * it: wrong types, wrong kinds, null, schedules that cannot run. Every such
 * mistake is the Cirrus validation error naming the construct path, the prop,
 * the value and what is allowed — never a TypeError from inside Cirrus.
 */
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import {
  AlarmChannel, AlarmTarget, AzureStack, BudgetEnforcement, BudgetThreshold, CirrusErrors, CostBudgetGuard, EdgeFunction, EdgeOrigin, EdgeRule,
  EventBucket, EventBus, EventDrivenFunction, EventQueue, EventTopic, FunctionAlarms, FunctionCode, FunctionRuntime, GcpStack,
  ProvisionedWarmPool, Schedule, SecretRef, Trigger,
} from '../../index';
import { awsStack } from '../helpers/aws';
import { azureStack, gcpStack, resource, synthJson } from '../helpers/terraform';
import { App as TerraformApp, Testing } from 'cdktf';

const code = FunctionCode.fromInline('exports.handler = async () => ({ statusCode: 200 });');
const base = { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler' };

/** The message of the Cirrus validation error `build` throws (and fails the test if it throws anything else). */
function problemOf(build: () => unknown): string {
  try {
    build();
  } catch (e) {
    if (!CirrusErrors.isValidationError(e)) {
      throw new Error(`expected the Cirrus validation error, got ${(e as Error).stack}`);
    }
    return (e as Error).message;
  }
  throw new Error('expected the Cirrus validation error, but nothing was thrown');
}

describe('the crashes of issue #19', () => {
  test('fails when triggers is one Trigger, not a list', () => {
    const { stack } = awsStack();
    expect(problemOf(() => new EventDrivenFunction(stack, 'ProcessOrder', { ...base, triggers: Trigger.queue() as any })))
      .toBe('orders-aws/ProcessOrder: triggers must be an array of Trigger, e.g. [Trigger.http()] (got Trigger queue)');
  });

  test('fails when an EventTopic is given as the queue of a queue trigger, naming both', () => {
    const { stack } = awsStack();
    const topic = new EventTopic(stack, 'Events');
    expect(problemOf(() => new EventDrivenFunction(stack, 'ProcessOrder', { ...base, triggers: [Trigger.queue({ queue: topic as any })] })))
      .toBe('orders-aws/ProcessOrder: triggers[0].queue must be an EventQueue (got EventTopic orders-aws/Events)');
  });

  test.each([
    ['topic', (s: any) => Trigger.topic({ topic: new EventQueue(s, 'Orders') as any }), 'triggers[0].topic must be an EventTopic (got EventQueue orders-aws/Orders)'],
    ['bus', (s: any) => Trigger.eventBus({ bus: new EventBucket(s, 'Files') as any, pattern: { source: ['a'] } }), 'triggers[0].bus must be an EventBus (got EventBucket orders-aws/Files)'],
    ['bucket', (s: any) => Trigger.storage({ bucket: new EventBus(s, 'Bus') as any }), 'triggers[0].bucket must be an EventBucket (got EventBus orders-aws/Bus)'],
  ])('fails when the shared %s of a trigger is another kind of construct', (_kind, trigger, message) => {
    const { stack } = awsStack();
    expect(problemOf(() => new EventDrivenFunction(stack, 'ProcessOrder', { ...base, triggers: [trigger(stack)] }))).toBe(`orders-aws/ProcessOrder: ${message}`);
  });

  test('fails when a construct is given where a value goes, describing it instead of crashing on its cycles', () => {
    const { stack } = awsStack();
    const topic = new EventTopic(stack, 'Events');
    expect(problemOf(() => new EventDrivenFunction(stack, 'ProcessOrder', { ...base, triggers: [topic as any], environment: { TOPIC: topic as any } })))
      .toBe([
        'orders-aws/ProcessOrder: triggers[0] must be made with Trigger.http, Trigger.queue, Trigger.schedule, Trigger.topic, Trigger.eventBus or Trigger.storage (got EventTopic orders-aws/Events)',
        'orders-aws/ProcessOrder: environment.TOPIC must be a string (got EventTopic orders-aws/Events)',
      ].join('\n'));
  });

  test('fails when a Schedule is given where a Trigger goes, saying how to wrap it', () => {
    const { stack } = awsStack();
    expect(problemOf(() => new EventDrivenFunction(stack, 'ProcessOrder', { ...base, triggers: [Schedule.everyHours(1) as any] })))
      .toMatch(/triggers\[0\] must be made with Trigger\.http, .* or Trigger\.storage: wrap a Schedule in Trigger\.schedule\(schedule\) \(got Schedule every-hours\)$/);
  });

  test('fails when a budget is 1e12, naming the rule it breaks', () => {
    const { stack } = awsStack();
    expect(problemOf(() => new CostBudgetGuard(stack, 'Budget', { monthlyLimitUsd: 1e12 })))
      .toBe('orders-aws/Budget: monthlyLimitUsd must be an amount in USD above 0 and at most 1000000000 (got 1000000000000)');
  });
});

describe('schedule time zones and schedules that never fire, in the constructs', () => {
  test.each([
    ['AWS', () => awsStack().stack],
    ['GCP', () => gcpStack().stack],
  ])('fails on %s when the time zone is not an IANA zone, so Mars/Olympus never reaches the output', (_cloud, makeStack) => {
    const stack = makeStack();
    expect(problemOf(() => new EventDrivenFunction(stack, 'Nightly', { ...base, triggers: [Trigger.schedule(Schedule.cron({ minute: '0', hour: '2', timeZone: 'Mars/Olympus' }))] })))
      .toBe(`${stack.node.path}/Nightly: triggers[0].schedule.timeZone must be a name of the IANA time zone database that this Node.js runtime knows, such as "UTC", "Europe/Paris" or "America/New_York" (got "Mars/Olympus")`);
  });

  test('accepts EST on AWS, rendered as given, with a warning naming the zone it is an alias of', () => {
    const { stack } = awsStack();
    new EventDrivenFunction(stack, 'Nightly', { ...base, triggers: [Trigger.schedule(Schedule.cron({ minute: '0', hour: '2', timeZone: 'US/Eastern' }))] });
    Template.fromStack(stack).hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpressionTimezone: 'US/Eastern' });
    Annotations.fromStack(stack).hasWarning('/orders-aws/Nightly', Match.stringLikeRegexp('triggers\\[0\\]\\.schedule\\.timeZone "US/Eastern" is an alias in the IANA time zone database for "America/New_York"'));
  });

  test('accepts EST on GCP (a valid IANA name that the old pattern rejected)', () => {
    const { stack } = gcpStack();
    new EventDrivenFunction(stack, 'Nightly', { ...base, triggers: [Trigger.schedule(Schedule.cron({ minute: '0', hour: '2', timeZone: 'EST' }))] });
    expect(resource(synthJson(stack), 'google_cloud_scheduler_job').time_zone).toBe('EST');
  });

  test('warns when a schedule can never fire (31 February), on the function and on a warm pool', () => {
    const { stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'Report', { ...base, triggers: [Trigger.schedule(Schedule.cron({ minute: '0', hour: '0', day: '31', month: 'FEB' })), Trigger.http()] });
    new ProvisionedWarmPool(stack, 'Warm', { function: fn, minInstances: 1, scheduledCapacity: [{ schedule: Schedule.cron({ minute: '0', day: '31', month: 'APR,JUN' }), minInstances: 2 }] });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/orders-aws/Report', Match.stringLikeRegexp('triggers\\[0\\]\\.schedule never fires: no month it names \\(FEB\\) has day 31'));
    annotations.hasWarning('/orders-aws/Warm', Match.stringLikeRegexp('scheduledCapacity\\[0\\]\\.schedule never fires: no month it names \\(APR, JUN\\) has day 31'));
  });

  test('warns about a never-firing schedule added with addTrigger', () => {
    const { stack } = azureStack();
    const fn = new EventDrivenFunction(stack, 'Report', { ...base });
    fn.addTrigger(Trigger.schedule(Schedule.cron({ minute: '0', hour: '0', day: '30', month: 'FEB' })));
    expect(JSON.stringify(Testing.synth(stack))).toBeDefined();
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning' || /warn/i.test(m.type)).map((m) => String(m.data)));
    expect(warnings).toContainEqual(expect.stringMatching(/triggers\[0\]\.schedule never fires: no month it names \(FEB\) has day 30/));
  });
});

describe('wrong types and kinds in the props of every construct', () => {
  test.each<[string, object, string[]]>([
    ['memoryMb is a string', { memoryMb: '512' }, ['memoryMb must be between 128 and 10240 on AWS (got "512")']],
    ['timeoutSeconds is null', { timeoutSeconds: null }, ['timeoutSeconds must be a whole number from 1 to 900 on AWS (got null)']],
    ['description is a list', { description: ['orders'] }, ['description must be a string (got ["orders"])']],
    ['environment is a list', { environment: ['TABLE=orders'] }, ['environment must be an object (variable names to strings), e.g. { TABLE: "orders" } (got ["TABLE=orders"])']],
    ['an environment value is a number', { environment: { PORT: 8080 } }, ['environment.PORT must be a string (got 8080)']],
    ['expectedLoad is a number', { expectedLoad: 1000 }, ['expectedLoad must be an object (FunctionLoad), e.g. { monthlyInvocations: 1000000, averageDurationMs: 200 } (got 1000)']],
    ['expectedLoad.averageDurationMs is a string', { expectedLoad: { monthlyInvocations: 10, averageDurationMs: '50' } }, ['expectedLoad.averageDurationMs must be above 0 and at most the timeout (30000 ms) (got "50")']],
    ['runtime is its name', { runtime: 'nodejs22' }, ['runtime must be a FunctionRuntime such as FunctionRuntime.NODEJS_22 (got "nodejs22")']],
    ['code is a folder name', { code: 'handlers/orders' }, ['code must be made with FunctionCode.fromAsset or FunctionCode.fromInline (got "handlers/orders")']],
    ['inline code is not a string', { code: FunctionCode.fromInline(42 as any) }, ['code must be FunctionCode.fromInline(source) with the module source as a string (got 42)']],
    ['an asset folder is not a string', { code: FunctionCode.fromAsset(['handlers'] as any) }, ['code must be FunctionCode.fromAsset(folder) with the folder\'s path as a string (got ["handlers"])']],
    ['the options of a trigger are a string', { triggers: [Trigger.http('/orders' as any)] }, ['triggers[0] options must be an object, e.g. Trigger.http({ path: "/orders", methods: [HttpMethod.POST] }) (got "/orders")']],
    ['an HTTP path is a list', { triggers: [Trigger.http({ path: ['/orders'] as any })] }, ['triggers[0].path must be a string such as "/orders" (got ["/orders"])']],
    ['HTTP methods is one method', { triggers: [Trigger.http({ methods: 'GET' as any })] }, ['triggers[0].methods must be an array of HttpMethod, e.g. [HttpMethod.POST] (got "GET")']],
    ['a batch size is a string', { triggers: [Trigger.queue({ batchSize: '10' as any })] }, ['triggers[0].batchSize must be a whole number from 1 to 10000 on AWS (got "10")']],
    ['a topic filter is a list', { triggers: [Trigger.topic({ filter: ['type'] as any })] }, ['triggers[0].filter must be an object (attribute names to lists of values), e.g. { type: ["order"] } (got ["type"])']],
    ['a filter list is a string', { triggers: [Trigger.topic({ filter: { type: 'order' } as any })] }, ['triggers[0].filter.type must be a non-empty list of strings without quotes or backslashes (got "order")']],
    ['a pattern source is a string', { triggers: [Trigger.eventBus({ pattern: { source: 'com.acme' as any } })] }, ['triggers[0].pattern.source must be an array of strings (got "com.acme")']],
    ['storage events is one event', { triggers: [Trigger.storage({ events: 'created' as any })] }, ['triggers[0].events must be an array of StorageEvent, e.g. [StorageEvent.OBJECT_CREATED] (got "created")']],
    ['a storage prefix is a list', { triggers: [Trigger.storage({ prefix: ['in/'] as any })] }, ['triggers[0].prefix must be a string (got ["in/"])']],
    ['a schedule description is a number', { triggers: [Trigger.schedule(Schedule.everyHours(1), { description: 5 as any })] }, ['triggers[0].description must be a string (got 5)']],
    ['the schedule of a trigger is a cron string', { triggers: [Trigger.schedule('0 9 * * *' as any)] }, ['triggers[0].schedule must be a Schedule made with Schedule.cron, Schedule.everyMinutes or Schedule.everyHours (got "0 9 * * *")']],
    ['a cron field is a number', { triggers: [Trigger.schedule(Schedule.cron({ hour: 9 as any }))] }, ['triggers[0].schedule.hour must be a string of *, a value 0-23, a range a-b, a list a,b, a step */n or a/n, e.g. "0" (got 9)']],
    ['alarms options are not an object', { alarms: FunctionAlarms.defaults(5 as any) }, ['alarms must be FunctionAlarms.defaults() or FunctionAlarms.defaults({ ... }) with an object of thresholds, e.g. { errorsThreshold: 5 } (got 5)']],
    ['an alarm threshold is a string', { alarms: FunctionAlarms.defaults({ errorsThreshold: '5' as any }) }, ['alarms.errorsThreshold must be a whole number of at least 1 (got "5")']],
    ['notify is one target', { notify: AlarmTarget.email('ops@example.com') }, ['notify must be an array of AlarmTarget, e.g. [AlarmTarget.email("ops@example.com")] (got AlarmTarget email)']],
    ['a notified channel is a topic', { notify: [AlarmTarget.channel('topic' as any)] }, ['notify[0] must be AlarmTarget.channel(channel) with an AlarmChannel (got "topic")']],
    ['secrets is a list', { secrets: [SecretRef.fromName('db')] }, ['secrets must be an object of environment variable names to SecretRef, e.g. { DB_PASSWORD: SecretRef.fromName("orders-db-password") } (got [SecretRef {"secretName":"db"}])']],
    ['secret options are the vault name', { secrets: { DB: SecretRef.fromName('db', 'kv-orders' as any) } }, ['secrets.DB options must be an object such as { keyVaultName: "kv-orders" } (got "kv-orders")']],
    ['a Key Vault name is a number, even on AWS', { secrets: { DB: SecretRef.fromName('db', { keyVaultName: 7 as any }) } }, ['secrets.DB keyVaultName must be a string (got 7)']],
  ])('EventDrivenFunction fails when %s', (_title, props, problems) => {
    const { stack } = awsStack();
    expect(problemOf(() => new EventDrivenFunction(stack, 'Fn', { ...base, ...props } as any))).toBe(problems.map((p) => `orders-aws/Fn: ${p}`).join('\n'));
  });

  test.each<[string, (stack: any) => unknown, string]>([
    ['EventDrivenFunction', (s) => new EventDrivenFunction(s, 'X', null as any), 'props must be an object with runtime, code and handler (got null)'],
    ['EventQueue', (s) => new EventQueue(s, 'X', null as any), 'props must be an object such as { maxDeliveryAttempts: 5, retentionDays: 4 } (got null)'],
    ['AlarmChannel', (s) => new AlarmChannel(s, 'X', null as any), 'props must be an object with targets (got null)'],
    ['ProvisionedWarmPool', (s) => new ProvisionedWarmPool(s, 'X', null as any), 'props must be an object with function and minInstances or load (got null)'],
    ['CostBudgetGuard', (s) => new CostBudgetGuard(s, 'X', null as any), 'props must be an object with monthlyLimitUsd (got null)'],
    ['EdgeFunction', (s) => new EdgeFunction(s, 'X', null as any), 'props must be an object with origin (got null)'],
  ])('%s fails when its props are null', (_name, build, problem) => {
    const { stack } = awsStack();
    expect(problemOf(() => build(stack))).toBe(`orders-aws/X: ${problem}`);
  });

  test.each<[string, object, string]>([
    ['maxDeliveryAttempts is a string', { maxDeliveryAttempts: '5' }, 'maxDeliveryAttempts must be a whole number from 1 to 1000 on AWS (got "5")'],
    ['retentionDays is null', { retentionDays: null }, 'retentionDays must be a whole number from 1 to 14 on AWS (got null)'],
  ])('EventQueue fails when %s', (_title, props, problem) => {
    const { stack } = awsStack();
    expect(problemOf(() => new EventQueue(stack, 'Orders', props as any))).toBe(`orders-aws/Orders: ${problem}`);
  });

  test('AlarmChannel fails when targets is one target', () => {
    const { stack } = awsStack();
    expect(problemOf(() => new AlarmChannel(stack, 'Ops', { targets: AlarmTarget.email('ops@example.com') as any })))
      .toBe('orders-aws/Ops: targets must be an array of AlarmTarget, e.g. [AlarmTarget.email("ops@example.com")] (got AlarmTarget email)');
  });

  test.each<[string, (fn: EventDrivenFunction, stack: any) => object, string[]]>([
    ['function is a queue', (_fn, s) => ({ function: new EventQueue(s, 'Q'), minInstances: 1 }), ['function must be an EventDrivenFunction (got EventQueue orders-aws/Q)']],
    ['minInstances is a string', (fn) => ({ function: fn, minInstances: '2' }), ['minInstances must be a whole number from 1 to 100000 on AWS (got "2")']],
    ['targetUtilization is a string', (fn) => ({ function: fn, minInstances: 1, targetUtilization: '0.5' }), ['targetUtilization must be between 0.1 and 0.9 (got "0.5")']],
    ['load is a number', (fn) => ({ function: fn, load: 100 }), [
      'load must be an object (WarmPoolLoad), e.g. { peakRequestsPerSecond: 100, averageDurationMs: 50 } (got 100)',
      'needs minInstances or load (to plan minInstances from): neither was given',
    ]],
    ['scheduledCapacity is one entry', (fn) => ({ function: fn, minInstances: 1, scheduledCapacity: { schedule: Schedule.everyHours(1), minInstances: 2 } }), [
      'scheduledCapacity must be an array of ScheduledCapacity, e.g. [{ schedule: Schedule.cron({ hour: "8" }), minInstances: 10 }] (got {"schedule":Schedule every-hours,"minInstances":2})',
    ]],
    ['a scheduled capacity is a Schedule', (fn) => ({ function: fn, minInstances: 1, scheduledCapacity: [Schedule.everyHours(1)] }), [
      'scheduledCapacity[0] must be an object (ScheduledCapacity), e.g. { schedule: Schedule.cron({ hour: "8" }), minInstances: 10 } (got Schedule every-hours)',
    ]],
  ])('ProvisionedWarmPool fails when %s', (_title, props, problems) => {
    const { stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'Api', { ...base, triggers: [Trigger.http()] });
    expect(problemOf(() => new ProvisionedWarmPool(stack, 'Warm', props(fn, stack) as any))).toBe(problems.map((p) => `orders-aws/Warm: ${p}`).join('\n'));
  });

  test.each<[string, (fn: EventDrivenFunction) => object, string[]]>([
    ['monthlyLimitUsd is a string', () => ({ monthlyLimitUsd: '500' }), ['monthlyLimitUsd must be an amount in USD above 0 and at most 1000000000 (got "500")']],
    ['thresholds is one threshold', () => ({ monthlyLimitUsd: 10, thresholds: BudgetThreshold.actual(80) }), ['thresholds must be an array of BudgetThreshold, e.g. [BudgetThreshold.actual(80)] (got BudgetThreshold {"basis":"actual","percent":80})']],
    ['a threshold percent is a string', () => ({ monthlyLimitUsd: 10, thresholds: [BudgetThreshold.forecasted('90' as any)] }), ['thresholds[0].percent must be a percentage above 0 and at most 1000 (got "90")']],
    ['notifyEmails is one address', () => ({ monthlyLimitUsd: 10, notifyEmails: 'ops@example.com' }), ['notifyEmails must be an array of email addresses, e.g. ["ops@example.com"] (got "ops@example.com")']],
    ['billingAccountId is a list', () => ({ monthlyLimitUsd: 10, billingAccountId: ['01ABCD-23EF45-6789AB'] }), ['billingAccountId must be a string (got ["01ABCD-23EF45-6789AB"])']],
    ['enforcement is a function', (fn) => ({ monthlyLimitUsd: 10, enforcement: fn }), ['enforcement must be BudgetEnforcement.alertOnly() or BudgetEnforcement.stopFunctions([...]) (got EventDrivenFunction orders-aws/Api)']],
    ['the functions to stop are one function', (fn) => ({ monthlyLimitUsd: 10, enforcement: BudgetEnforcement.stopFunctions(fn as any) }), ['enforcement.functions must be an array of EventDrivenFunction, e.g. BudgetEnforcement.stopFunctions([fn]) (got EventDrivenFunction orders-aws/Api)']],
    ['a function to stop is its name, reported with the budget\'s own problems', () => ({ monthlyLimitUsd: -1, enforcement: BudgetEnforcement.stopFunctions(['Api'] as any) }), [
      'enforcement.functions[0] must be an EventDrivenFunction (got "Api")',
      'monthlyLimitUsd must be an amount in USD above 0 and at most 1000000000 (got -1)',
    ]],
  ])('CostBudgetGuard fails when %s', (_title, props, problems) => {
    const { stack } = awsStack();
    const fn = new EventDrivenFunction(stack, 'Api', { ...base, triggers: [Trigger.http()] });
    expect(problemOf(() => new CostBudgetGuard(stack, 'Budget', props(fn) as any))).toBe(problems.map((p) => `orders-aws/Budget: ${p}`).join('\n'));
  });

  test.each<[string, (stack: any) => object, string[]]>([
    ['origin is a URL string', () => ({ origin: 'https://api.example.com' }), ['origin must be made with EdgeOrigin.fromFunction or EdgeOrigin.fromUrl (got "https://api.example.com")']],
    ['the origin function is a queue', (s) => ({ origin: EdgeOrigin.fromFunction(new EventQueue(s, 'Q') as any) }), ['origin must name an EventDrivenFunction (got EventQueue orders-aws/Q)']],
    ['rules is one rule', () => ({ origin: EdgeOrigin.fromUrl('https://api.example.com'), rules: EdgeRule.removeResponseHeader('x-powered-by') }), ['rules must be a list of EdgeRule (got EdgeRule.removeResponseHeader("x-powered-by"))']],
    ['a header name holds a construct', (s) => ({ origin: EdgeOrigin.fromUrl('https://api.example.com'), rules: [EdgeRule.setResponseHeader(new EventTopic(s, 'T') as any, 'x')] }), ['rules[0] (EdgeRule.setResponseHeader(EventTopic orders-aws/T, "x")) has an invalid header name: use letters, digits and !#$%&\'*+-.^_`|~']],
    ['domainNames is one name', () => ({ origin: EdgeOrigin.fromUrl('https://api.example.com'), domainNames: 'www.example.com' }), ['domainNames must be an array of domain names, e.g. ["www.example.com"] (got "www.example.com")']],
    ['accessLogs is a string', () => ({ origin: EdgeOrigin.fromUrl('https://api.example.com'), accessLogs: 'no' }), ['accessLogs must be true or false (got "no")']],
    ['regions holds a number on AWS, where it is only warned about otherwise', () => ({ origin: EdgeOrigin.fromUrl('https://api.example.com'), code: FunctionCode.fromInline('function handler(event) { return event.request; }'), regions: [1] }), ['regions must be an array of strings (got [1])']],
  ])('EdgeFunction fails when %s', (_title, props, problems) => {
    const { stack } = awsStack();
    expect(problemOf(() => new EdgeFunction(stack, 'Edge', props(stack) as any))).toBe(problems.map((p) => `orders-aws/Edge: ${p}`).join('\n'));
  });

  test('EdgeFunction fails on Azure when awsCodeKind is not an EdgeCodeKind, though Azure does not use it', () => {
    const { stack } = azureStack();
    expect(problemOf(() => new EdgeFunction(stack, 'Edge', { origin: EdgeOrigin.fromUrl('https://api.example.com'), code, awsCodeKind: true as any })))
      .toMatch(/^orders-azure\/Edge: awsCodeKind must be EdgeCodeKind\.CLOUDFRONT_FUNCTION or EdgeCodeKind\.LAMBDA_AT_EDGE \(got true\)/);
  });

  test.each<[string, object, string[]]>([
    ['props are null', null as unknown as object, ['props must be an object with location, e.g. { location: "westeurope" } (got null)']],
    ['location is a list', { location: ['westeurope'] }, ['location must be an Azure region name in lowercase letters and digits, e.g. "westeurope" (got ["westeurope"])']],
    ['tags is a list', { location: 'westeurope', tags: ['team=orders'] }, ['tags must be an object of names to strings, e.g. { TABLE: "orders" } (got ["team=orders"])']],
    ['protectData is a string', { location: 'westeurope', protectData: 'yes' }, ['protectData must be true or false (got "yes")']],
    ['resourceGroupName is a number', { location: 'westeurope', resourceGroupName: 5 }, ['resourceGroupName must be 1-90 letters, digits, ".", "_", "-", "(" or ")", not ending in "." (got 5)']],
  ])('AzureStack fails when %s', (_title, props, problems) => {
    expect(problemOf(() => new AzureStack(new TerraformApp(), 'orders-azure', props as any))).toBe(problems.map((p) => `orders-azure: ${p}`).join('\n'));
  });

  test.each<[string, object, string[]]>([
    ['props are null', null as unknown as object, ['props must be an object with project and region, e.g. { project: "acme-prod", region: "europe-west1" } (got null)']],
    ['region is a list', { project: 'acme-prod', region: ['europe-west1'] }, ['region must be a GCP region such as "europe-west1" (got ["europe-west1"])']],
    ['a label value is a number', { project: 'acme-prod', region: 'europe-west1', labels: { team: 5 } }, ['labels.team keys must start with a lowercase letter; keys and values hold at most 63 lowercase letters, digits, "_" or "-" (got 5)']],
    ['labels is a string', { project: 'acme-prod', region: 'europe-west1', labels: 'team=orders' }, ['labels must be an object (label names to strings), e.g. { team: "orders" } (got "team=orders")']],
    ['enableApis is a string', { project: 'acme-prod', region: 'europe-west1', enableApis: 'false' }, ['enableApis must be true or false (got "false")']],
  ])('GcpStack fails when %s', (_title, props, problems) => {
    expect(problemOf(() => new GcpStack(new TerraformApp(), 'orders-gcp', props as any))).toBe(problems.map((p) => `orders-gcp: ${p}`).join('\n'));
  });
});
