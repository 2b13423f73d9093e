/**
 * Generators of EventDrivenFunction cases (every trigger kind, schedules,
 * alarms, secrets, shared messaging sources) and the builder that turns a
 * recipe into the construct.
 */
import * as fc from 'fast-check';
import { Construct } from 'constructs';
import {
  AlarmChannel, AlarmTarget, EventBucket, EventBus, EventDrivenFunction, EventQueue, EventTopic, FunctionAlarms, FunctionCode,
  FunctionRuntime, HttpAuth, HttpMethod, Schedule, SecretRef, StorageEvent, Trigger,
} from '../../../index';
import { FIXTURE } from '../../helpers/aws';
import type { CaseContext } from '../harness';
import { Cloud, constructId, email, FIXTURE_HANDLER, num, Num, opt, rare, str, Str, wildString } from './common';
import { WrongRecipe, wrongRecipe } from './wrong';

// ---- schedules ----------------------------------------------------------------

export type ScheduleRecipe =
  | { every: 'minutes' | 'hours'; n: Num }
  | { cron: { minute?: string; hour?: string; day?: string; month?: string; weekDay?: string; timeZone?: string } };

const cronPiece = (valid: string[], wild: string[]) => opt(fc.oneof(
  { arbitrary: fc.constantFrom(...valid), weight: 12 },
  { arbitrary: fc.constantFrom(...wild), weight: 2 },
  { arbitrary: wildString, weight: 1 },
), 2);

export const schedule: fc.Arbitrary<ScheduleRecipe> = fc.oneof(
  fc.record({ every: fc.constantFrom('minutes' as const, 'hours' as const), n: num(fc.constantFrom(1, 2, 5, 6, 10, 15, 30, 60, 12, 24, 7, 45), 1, 0) }),
  fc.record({
    cron: fc.record({
      minute: cronPiece(['0', '*', '*/5', '15', '0,30', '10-20', '5/15'], ['60', '-1', '*/0', '1/2/3', 'a', '5-1', '1-5/2', '']),
      hour: cronPiece(['*', '9', '0-23', '*/2', '8,12,18'], ['24', '25', '9-8', 'x']),
      day: cronPiece(['*', '1', '15', '1-7', '?', '29', '30,31'], ['0', '32', 'L', 'W']),
      month: cronPiece(['*', '1', 'JAN', 'JAN-MAR', '*/3', 'dec', 'FEB', 'APR,JUN'], ['13', '0', 'FOO']),
      weekDay: cronPiece(['*', 'MON-FRI', '0', '6', 'SUN,SAT', '?'], ['7', 'MON/2', 'FUNDAY', '1#2']),
      timeZone: opt(fc.oneof(
        { arbitrary: fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Etc/GMT+5', 'Etc/UTC', 'EST', 'US/Eastern', 'Asia/Kolkata'), weight: 6 },
        { arbitrary: fc.constantFrom('Mars/Olympus', 'utc', '', 'Europe/', '+01:00', 'europe/paris'), weight: 1 },
      ), 2),
    }, { requiredKeys: [] }),
  }),
);

export function buildSchedule(ctx: CaseContext, r: ScheduleRecipe): Schedule {
  if ('every' in r) {
    return r.every === 'minutes' ? Schedule.everyMinutes(ctx.n(r.n)) : Schedule.everyHours(ctx.n(r.n));
  }
  return Schedule.cron({ ...r.cron });
}

// ---- triggers -----------------------------------------------------------------

export type TriggerRecipe =
  | { kind: 'http'; path?: Str; methods?: string[]; auth?: string }
  | { kind: 'queue'; shared?: { maxDeliveryAttempts?: Num; retentionDays?: Num }; batchSize?: Num; maxDeliveryAttempts?: Num; maxBatchingWindowSeconds?: Num; retentionDays?: Num }
  | { kind: 'schedule'; schedule: ScheduleRecipe; description?: Str }
  | { kind: 'topic'; shared?: boolean; filter?: { [attribute: string]: string[] }; maxDeliveryAttempts?: Num; maxEventAgeSeconds?: Num }
  | { kind: 'eventBus'; shared?: boolean; source?: string[]; detailType?: string[]; maxDeliveryAttempts?: Num; maxEventAgeSeconds?: Num }
  | { kind: 'storage'; shared?: boolean; events?: string[]; prefix?: Str; suffix?: Str; maxDeliveryAttempts?: Num; maxEventAgeSeconds?: Num };

const attempts = num(fc.constantFrom(1, 2, 3, 5, 10, 30, 100), 1, 1);
const eventAge = num(fc.constantFrom(60, 600, 3600, 21600, 86400, 345600), 1, 1);
const patternValues = opt(fc.oneof(
  { arbitrary: fc.array(fc.constantFrom('com.acme.orders', 'OrderPlaced', 'aws.s3', 'x'), { minLength: 1, maxLength: 3 }), weight: 8 },
  { arbitrary: fc.array(wildString, { maxLength: 3 }), weight: 1 },
));

export const trigger: fc.Arbitrary<TriggerRecipe> = fc.oneof(
  fc.record({
    kind: fc.constant('http' as const),
    path: opt(str(fc.constantFrom('/', '/orders', '/orders/{id}', '/a-b/c_d.e~f', '/admin', '/v1/items'))),
    methods: opt(fc.oneof(
      { arbitrary: fc.array(fc.constantFrom(...Object.values(HttpMethod)), { maxLength: 3 }), weight: 8 },
      { arbitrary: fc.array(fc.constantFrom('FETCH', 'get', ''), { minLength: 1, maxLength: 2 }), weight: 1 },
    )),
    auth: opt(fc.oneof({ arbitrary: fc.constantFrom(HttpAuth.PUBLIC, HttpAuth.PRIVATE), weight: 8 }, { arbitrary: fc.constant('open'), weight: 1 })),
  }, { requiredKeys: ['kind'] }),
  fc.record({
    kind: fc.constant('queue' as const),
    shared: opt(fc.record({ maxDeliveryAttempts: opt(attempts), retentionDays: opt(num(fc.integer({ min: 1, max: 14 }))) }, { requiredKeys: [] }), 3),
    batchSize: opt(num(fc.constantFrom(1, 5, 10, 11, 100, 1000, 10000))),
    maxDeliveryAttempts: opt(num(fc.constantFrom(1, 5, 10, 100, 1000, 2000)), 3),
    maxBatchingWindowSeconds: opt(num(fc.constantFrom(0, 1, 30, 300)), 3),
    retentionDays: opt(num(fc.integer({ min: 1, max: 14 })), 3),
  }, { requiredKeys: ['kind'] }),
  fc.record({ kind: fc.constant('schedule' as const), schedule, description: opt(str(fc.constantFrom('nightly', 'Every 5 minutes'))) }, { requiredKeys: ['kind', 'schedule'] }),
  fc.record({
    kind: fc.constant('topic' as const),
    shared: opt(fc.boolean()),
    filter: opt(fc.oneof(
      { arbitrary: fc.dictionary(fc.constantFrom('type', 'region', 'a.b', 'x_y'), fc.array(fc.constantFrom('a', 'b', 'eu'), { minLength: 1, maxLength: 3 }), { maxKeys: 3 }), weight: 6 },
      { arbitrary: fc.dictionary(wildString, fc.array(wildString, { maxLength: 2 }), { maxKeys: 7 }), weight: 1 },
    ), 4),
    maxDeliveryAttempts: opt(attempts, 3),
    maxEventAgeSeconds: opt(eventAge, 3),
  }, { requiredKeys: ['kind'] }),
  fc.record({
    kind: fc.constant('eventBus' as const),
    shared: opt(fc.boolean()),
    source: patternValues,
    detailType: patternValues,
    maxDeliveryAttempts: opt(attempts, 3),
    maxEventAgeSeconds: opt(eventAge, 3),
  }, { requiredKeys: ['kind'] }),
  fc.record({
    kind: fc.constant('storage' as const),
    shared: opt(fc.boolean()),
    events: opt(fc.oneof(
      { arbitrary: fc.array(fc.constantFrom(StorageEvent.OBJECT_CREATED, StorageEvent.OBJECT_DELETED), { maxLength: 3 }), weight: 8 },
      { arbitrary: fc.constant(['modified'] as string[]), weight: 1 },
    )),
    prefix: opt(str(fc.constantFrom('invoices/', 'a', 'logs/2026/'))),
    suffix: rare(str(fc.constantFrom('.pdf', '.json')), 4),
    maxDeliveryAttempts: opt(attempts, 3),
    maxEventAgeSeconds: opt(eventAge, 3),
  }, { requiredKeys: ['kind'] }),
);

export function buildTrigger(ctx: CaseContext, r: TriggerRecipe, scope: Construct, index: number): Trigger {
  switch (r.kind) {
    case 'http':
      return Trigger.http({ path: ctx.s(r.path), methods: r.methods as HttpMethod[] | undefined, auth: r.auth as HttpAuth | undefined });
    case 'queue': {
      const queue = r.shared ? new EventQueue(scope, `Queue${index}`, { maxDeliveryAttempts: ctx.n(r.shared.maxDeliveryAttempts), retentionDays: ctx.n(r.shared.retentionDays) }) : undefined;
      return Trigger.queue({
        queue, batchSize: ctx.n(r.batchSize), maxDeliveryAttempts: ctx.n(r.maxDeliveryAttempts),
        maxBatchingWindowSeconds: ctx.n(r.maxBatchingWindowSeconds), retentionDays: ctx.n(r.retentionDays),
      });
    }
    case 'schedule':
      return Trigger.schedule(buildSchedule(ctx, r.schedule), { description: ctx.s(r.description) });
    case 'topic':
      return Trigger.topic({
        topic: r.shared ? new EventTopic(scope, `Topic${index}`) : undefined,
        filter: r.filter, maxDeliveryAttempts: ctx.n(r.maxDeliveryAttempts), maxEventAgeSeconds: ctx.n(r.maxEventAgeSeconds),
      });
    case 'eventBus':
      return Trigger.eventBus({
        bus: r.shared ? new EventBus(scope, `Bus${index}`) : undefined,
        pattern: { source: r.source, detailType: r.detailType },
        maxDeliveryAttempts: ctx.n(r.maxDeliveryAttempts), maxEventAgeSeconds: ctx.n(r.maxEventAgeSeconds),
      });
    default:
      return Trigger.storage({
        bucket: r.shared ? new EventBucket(scope, `Bucket${index}`) : undefined,
        events: r.events as StorageEvent[] | undefined, prefix: ctx.s(r.prefix), suffix: ctx.s(r.suffix),
        maxDeliveryAttempts: ctx.n(r.maxDeliveryAttempts), maxEventAgeSeconds: ctx.n(r.maxEventAgeSeconds),
      });
  }
}

// ---- the function -------------------------------------------------------------

export interface FunctionRecipe {
  id: string;
  runtime: keyof typeof RUNTIMES;
  code: { inline: string } | { asset: 'fixture' | 'missing' };
  handler: string;
  memoryMb?: Num;
  timeoutSeconds?: Num;
  maxConcurrency?: Num;
  logRetentionDays?: Num;
  description?: Str;
  environment?: { [key: string]: Str };
  triggers?: TriggerRecipe[];
  /** Added with addTrigger after construction. */
  addTriggers?: TriggerRecipe[];
  /** Set with addEnvironment after construction. */
  addEnvironment?: [string, Str][];
  expectedLoad?: { monthlyInvocations: Num; averageDurationMs: Num };
  alarms?: 'none' | { errorsThreshold?: Num; throttlesThreshold?: Num; durationPercentOfTimeout?: Num; deadLetterThreshold?: Num; periodSeconds?: Num };
  notify?: Array<{ email: string } | { channel: string[] }>;
  secrets?: { [key: string]: { name: Str; keyVaultName?: Str; keyVaultResourceGroupName?: Str } };
  /** One prop of the function replaced with a value of the wrong type or kind (see wrong.ts). */
  wrong?: WrongRecipe;
}

const RUNTIMES = {
  NODEJS_20: FunctionRuntime.NODEJS_20,
  NODEJS_22: FunctionRuntime.NODEJS_22,
  NODEJS_24: FunctionRuntime.NODEJS_24,
  PYTHON_3_12: FunctionRuntime.PYTHON_3_12,
  PYTHON_3_13: FunctionRuntime.PYTHON_3_13,
  PYTHON_3_14: FunctionRuntime.PYTHON_3_14,
};

const MEMORY: Record<Cloud, number[]> = { aws: [128, 256, 512, 1769, 10240], azure: [2048, 4096], gcp: [128, 256, 512, 1024, 2048, 4096, 8192] };
const RETENTION: Record<Cloud, number[]> = { aws: [1, 7, 14, 30, 365, 3653], azure: [30, 90, 730], gcp: [1, 30, 400, 3650] };
const CONCURRENCY: Record<Cloud, number[]> = { aws: [1, 10, 100, 5000], azure: [40, 100, 1000], gcp: [1, 10, 100, 1000] };

const envKey = fc.oneof(
  { arbitrary: fc.constantFrom('TABLE', 'LOG_LEVEL', '_PRIVATE', 'a1', 'DB_PASSWORD'), weight: 10 },
  { arbitrary: fc.constantFrom('AWS_REGION', 'FUNCTIONS_WORKER_RUNTIME', 'K_SERVICE', 'PORT', 'AzureWebJobsStorage', '1BAD', 'with-dash', '', 'CIRRUS_EDGE_X'), weight: 1 },
);
const envValue = str(fc.constantFrom('orders', 'info', '', 'https://example.com/x?a=b', 'x'.repeat(2000)));

export const secrets = fc.dictionary(envKey, fc.record({
  name: str(fc.constantFrom('orders-db-password', 'db', 'api_key', 'team/api-key', 'abcdef-123456')),
  keyVaultName: opt(str(fc.constantFrom('kv-orders', 'vault1', 'a--b', 'x'))),
  keyVaultResourceGroupName: opt(str(fc.constantFrom('rg-secrets', 'rg.', 'RG_(1)'))),
}, { requiredKeys: ['name'] }), { maxKeys: 3 });

/** A function recipe biased towards what is valid on `cloud` (other clouds' values and wild values mixed in). */
export function functionRecipe(cloud: Cloud, options: { maxTriggers?: number } = {}): fc.Arbitrary<FunctionRecipe> {
  const own = (values: Record<Cloud, number[]>) => fc.oneof({ arbitrary: fc.constantFrom(...values[cloud]), weight: 8 }, { arbitrary: fc.constantFrom(...Object.values(values).flat()), weight: 1 });
  return fc.record({
    id: constructId,
    runtime: fc.oneof(
      { arbitrary: cloud === 'azure' ? fc.constant('NODEJS_22' as const) : fc.constantFrom('NODEJS_22' as const, 'NODEJS_24' as const), weight: 8 },
      { arbitrary: fc.constantFrom(...(Object.keys(RUNTIMES) as Array<keyof typeof RUNTIMES>)), weight: 2 },
    ),
    code: fc.oneof(
      { arbitrary: fc.constant({ asset: 'fixture' as const }), weight: 6 },
      { arbitrary: fc.constant({ inline: FIXTURE_HANDLER }), weight: 3 },
      { arbitrary: fc.constantFrom({ asset: 'missing' as const }, { inline: '' }, { inline: '   ' }, { inline: 'x'.repeat(5000) }), weight: 1 },
    ),
    handler: fc.oneof(
      { arbitrary: fc.constant('index.handler'), weight: 12 },
      { arbitrary: fc.constantFrom('index', 'index.', '.handler', 'missing.handler', 'index.1bad', 'src/app.main', 'index.handler.x', ''), weight: 1 },
    ),
    memoryMb: opt(num(own(MEMORY))),
    timeoutSeconds: opt(num(fc.constantFrom(1, 3, 30, 60, 300, 600, 900, 1800, 3600))),
    maxConcurrency: opt(num(own(CONCURRENCY)), 3),
    logRetentionDays: opt(num(own(RETENTION)), 3),
    description: opt(fc.oneof(
      { arbitrary: str(fc.constantFrom('Processes orders', 'ünïcødé ✓', 'x'.repeat(256))), weight: 8 },
      { arbitrary: fc.constant('x'.repeat(257)), weight: 1 },
    ), 3),
    environment: opt(fc.dictionary(envKey, envValue, { maxKeys: 4 }), 3),
    triggers: opt(fc.array(trigger, { maxLength: options.maxTriggers ?? 3 }), 2),
    addTriggers: opt(fc.array(trigger, { minLength: 1, maxLength: 2 }), 6),
    addEnvironment: opt(fc.array(fc.tuple(envKey, envValue), { minLength: 1, maxLength: 2 }), 6),
    expectedLoad: opt(fc.record({
      monthlyInvocations: num(fc.constantFrom(0, 1000, 1_000_000, 100_000_000)),
      averageDurationMs: num(fc.constantFrom(1, 50, 250, 1000)),
    }), 3),
    alarms: opt(fc.oneof(
      { arbitrary: fc.constant('none' as const), weight: 1 },
      {
        arbitrary: fc.record({
          errorsThreshold: opt(num(fc.constantFrom(1, 5, 100))),
          throttlesThreshold: opt(num(fc.constantFrom(1, 10))),
          durationPercentOfTimeout: opt(num(fc.constantFrom(1, 50, 80, 100))),
          deadLetterThreshold: opt(num(fc.constantFrom(1, 3))),
          periodSeconds: opt(num(fc.constantFrom(60, 300, 900, 1800, 3600))),
        }, { requiredKeys: [] }),
        weight: 3,
      },
    ), 2),
    notify: opt(fc.array(fc.oneof(
      { arbitrary: fc.record({ email }), weight: 6 },
      { arbitrary: fc.record({ channel: fc.array(email, { minLength: 1, maxLength: 3 }) }), weight: 2 },
      { arbitrary: fc.constant({ channel: [] as string[] }), weight: 1 },
    ), { minLength: 1, maxLength: 3 }), 2),
    secrets: opt(secrets, 3),
    wrong: wrongRecipe(),
  }, { requiredKeys: ['id', 'runtime', 'code', 'handler'] });
}

/**
 * Builds the function of a recipe (its shared sources and channels beside it,
 * under `scope`). `underTest`: the function is the construct the suite is
 * about, so the recipe's wrong type goes into its props.
 */
export function buildFunction(ctx: CaseContext, r: FunctionRecipe, scope: Construct = ctx.scope, underTest = false): EventDrivenFunction {
  const env = (e: { [key: string]: Str } | undefined) => (e ? Object.fromEntries(Object.entries(e).map(([k, v]) => [k, ctx.s(v)])) : undefined);
  const code = 'inline' in r.code ? FunctionCode.fromInline(r.code.inline) : FunctionCode.fromAsset(r.code.asset === 'fixture' ? FIXTURE : `${FIXTURE}-missing`);
  const alarms = r.alarms === undefined ? undefined : r.alarms === 'none' ? FunctionAlarms.none() : FunctionAlarms.defaults({
    errorsThreshold: ctx.n(r.alarms.errorsThreshold), throttlesThreshold: ctx.n(r.alarms.throttlesThreshold),
    durationPercentOfTimeout: ctx.n(r.alarms.durationPercentOfTimeout), deadLetterThreshold: ctx.n(r.alarms.deadLetterThreshold),
    periodSeconds: ctx.n(r.alarms.periodSeconds),
  });
  const notify = r.notify?.map((t, i) => ('email' in t
    ? AlarmTarget.email(t.email)
    : AlarmTarget.channel(new AlarmChannel(scope, `Channel${i}`, { targets: t.channel.map((e) => AlarmTarget.email(e)) }))));
  const secretRefs = r.secrets ? Object.fromEntries(Object.entries(r.secrets).map(([k, v]) => [k, SecretRef.fromName(ctx.s(v.name), {
    keyVaultName: ctx.s(v.keyVaultName), keyVaultResourceGroupName: ctx.s(v.keyVaultResourceGroupName),
  })])) : undefined;
  const triggers = r.triggers?.map((t, i) => buildTrigger(ctx, t, scope, i));
  const props = {
    runtime: RUNTIMES[r.runtime],
    code,
    handler: r.handler,
    memoryMb: ctx.n(r.memoryMb),
    timeoutSeconds: ctx.n(r.timeoutSeconds),
    maxConcurrency: ctx.n(r.maxConcurrency),
    logRetentionDays: ctx.n(r.logRetentionDays),
    description: ctx.s(r.description),
    environment: env(r.environment),
    triggers,
    expectedLoad: r.expectedLoad ? { monthlyInvocations: ctx.n(r.expectedLoad.monthlyInvocations), averageDurationMs: ctx.n(r.expectedLoad.averageDurationMs) } : undefined,
    alarms,
    notify,
    secrets: secretRefs,
  };
  const fn = new EventDrivenFunction(scope, r.id, underTest ? ctx.wrong(props) : props);
  r.addTriggers?.forEach((t, i) => fn.addTrigger(buildTrigger(ctx, t, scope, 100 + i)));
  r.addEnvironment?.forEach(([k, v]) => fn.addEnvironment(k, ctx.s(v)));
  return fn;
}
