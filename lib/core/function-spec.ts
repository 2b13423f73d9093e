import * as fs from 'fs';
import * as path from 'path';
import { CLOUD_LABEL, CloudProvider } from './cloud-provider';
import { scheduleExpressionFor } from './cron';
import { describeValue, ProblemCollector } from './errors';
import { FunctionCode, FunctionCodeKind } from './function-code';
import { HttpAuth, HttpMethod } from './http';
import type { FunctionLoadInput } from './cost-estimate';
import { checkTopicFilter, IEventBucket, IEventBus, IEventQueue, IEventTopic } from './messaging';
import { CloudLimits, isReservedName, LIMITS } from './limits';
import { HandlerApi } from './handler-api';
import { checkHandlerApi, checkPortableEnvironment, checkReservedPath } from './portable-spec';
import { FunctionRuntime } from './runtime';
import { runtimeDeprecation, runtimeIdFor, runtimesOfferedBy } from './runtime-support';
import { isUnresolved } from './tokens';
import { pathHash } from './naming';
import { Schedule } from './schedule';
import { StorageEvent, Trigger, TriggerKind } from './trigger';
import { checkFunctionRegion } from './regions';
import {
  A_STRING, arrayOf, checkTypes, checkWholeNumber, Expected, given, inRange, isNumberToken, isStruct, ofKind, oneOf, STRINGS, struct,
} from './validation';

/** The function props as lib/core reads them (the public props interface matches this shape). */
export interface FunctionInput {
  readonly runtime: FunctionRuntime;
  readonly code: FunctionCode;
  readonly handler: string;
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
  readonly environment?: { [key: string]: string };
  readonly maxConcurrency?: number;
  readonly logRetentionDays?: number;
  readonly description?: string;
  readonly region?: string;
  readonly triggers?: Trigger[];
  readonly expectedLoad?: FunctionLoadInput;
  readonly handlerApi?: HandlerApi;
}

export interface HttpTriggerSpec {
  readonly kind: TriggerKind.HTTP;
  readonly id: string;
  readonly path: string;
  readonly methods: HttpMethod[];
  readonly auth: HttpAuth;
}

export interface QueueTriggerSpec {
  readonly kind: TriggerKind.QUEUE;
  readonly id: string;
  /** The shared queue consumed, if any (its settings win). */
  readonly queue?: IEventQueue;
  readonly batchSize: number;
  readonly maxDeliveryAttempts: number;
  readonly maxBatchingWindowSeconds: number;
  readonly retentionDays: number;
}

export interface ScheduleTriggerSpec {
  readonly kind: TriggerKind.SCHEDULE;
  readonly id: string;
  readonly expression: string;
  readonly timeZone: string;
  readonly description?: string;
}

export interface TopicTriggerSpec {
  readonly kind: TriggerKind.TOPIC;
  readonly id: string;
  /** The shared topic subscribed to, if any. */
  readonly topic?: IEventTopic;
  /** Attribute filter, keys sorted. */
  readonly filter?: { [attribute: string]: string[] };
  readonly maxDeliveryAttempts: number;
  readonly maxEventAgeSeconds: number;
}

export interface EventBusTriggerSpec {
  readonly kind: TriggerKind.EVENT_BUS;
  readonly id: string;
  /** The shared bus, if any. */
  readonly bus?: IEventBus;
  readonly source?: string[];
  readonly detailType?: string[];
  readonly maxDeliveryAttempts: number;
  readonly maxEventAgeSeconds: number;
}

export interface StorageTriggerSpec {
  readonly kind: TriggerKind.STORAGE;
  readonly id: string;
  /** The shared bucket, if any. */
  readonly bucket?: IEventBucket;
  readonly events: StorageEvent[];
  readonly prefix?: string;
  readonly suffix?: string;
  readonly maxDeliveryAttempts: number;
  readonly maxEventAgeSeconds: number;
}

export type TriggerSpec = HttpTriggerSpec | QueueTriggerSpec | ScheduleTriggerSpec | TopicTriggerSpec | EventBusTriggerSpec | StorageTriggerSpec;
const OBJECT_NAME_PART = /^[^*?"'\\\u0000-\u001f]{1,512}$/;

/** Per cloud: delivery attempts and event age of event-bus deliveries. */
const BUS_DELIVERY: DeliveryTable = {
  [CloudProvider.AWS]: { attempts: { min: 1, max: 3, default: 3 }, age: { min: 60, max: 21600, default: 21600 } },
  [CloudProvider.AZURE]: { attempts: { min: 1, max: 30, default: 5 }, age: { min: 60, max: 86400, default: 86400 } },
  [CloudProvider.GCP]: { attempts: { min: 5, max: 100, default: 5 }, age: { min: 600, max: 604800, default: 345600 } },
  // The local run takes what any cloud takes, with AWS's defaults.
  [CloudProvider.LOCAL]: { attempts: { min: 1, max: 2000, default: 3 }, age: { min: 60, max: 1209600, default: 21600 } },
};
const PATTERN_VALUE = /^[^"'\\]{1,256}$/;

/** Per cloud: delivery attempts and event age of asynchronous (topic) deliveries. */
const ASYNC_DELIVERY: DeliveryTable = {
  [CloudProvider.AWS]: { attempts: { min: 1, max: 3, default: 3 }, age: { min: 60, max: 21600, default: 21600 } },
  [CloudProvider.AZURE]: { attempts: { min: 1, max: 2000, default: 5 }, age: { min: 60, max: 1209600, default: 345600 } },
  [CloudProvider.GCP]: { attempts: { min: 5, max: 100, default: 5 }, age: { min: 600, max: 604800, default: 345600 } },
  [CloudProvider.LOCAL]: { attempts: { min: 1, max: 2000, default: 3 }, age: { min: 60, max: 1209600, default: 21600 } },
};

/**
 * A cloud's defaults for an asynchronous source that sets none (AWS: Lambda's
 * own, the first attempt and 2 retries within 6 hours; the renderer applies
 * them to schedules, whose runs Lambda receives asynchronously).
 */
export function asyncDeliveryDefaults(cloud: CloudProvider): { maxDeliveryAttempts: number; maxEventAgeSeconds: number } {
  return { maxDeliveryAttempts: ASYNC_DELIVERY[cloud].attempts.default, maxEventAgeSeconds: ASYNC_DELIVERY[cloud].age.default };
}

/** A function's props, validated for one cloud, with every default applied. */
export interface FunctionSpec {
  readonly cloud: CloudProvider;
  readonly constructPath: string;
  readonly runtime: FunctionRuntime;
  /** The cloud's runtime id, e.g. `nodejs22.x`, `node:22`, `nodejs22`. */
  readonly runtimeId: string;
  readonly code: FunctionCode;
  /** Handler module path without extension, relative to the code root, e.g. `index` or `src/app`. */
  readonly handlerFile: string;
  /** Exported function name. */
  readonly handlerExport: string;
  /** How the code receives invocations: each cloud's own shape, or Cirrus's portable event. */
  readonly handlerApi: HandlerApi;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly environment: { [key: string]: string };
  readonly maxConcurrency?: number;
  readonly logRetentionDays: number;
  readonly description?: string;
  /** Azure and GCP: the region the function runs in, when not the stack's. */
  readonly region?: string;
  readonly triggers: TriggerSpec[];
  /** The expected monthly load, for cost estimates. */
  readonly expectedLoad?: FunctionLoadInput;
  /** Best-effort options the cloud cannot honour exactly: become warning annotations. */
  readonly warnings: string[];
}

/** A NATIVE handler on GCP answers every path and method of its URL. */
const GCP_ROUTES_NOT_ENFORCED = 'HTTP path and method are not enforced on GCP: the function URL accepts every path and method, so the handler must route (handlerApi PORTABLE enforces them)';

const HANDLER = /^([A-Za-z0-9_][A-Za-z0-9_\-/.]*)\.([A-Za-z_$][A-Za-z0-9_$]*)$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** `/`, or segments of literals and `{parameter}`s, optionally ending in one greedy `{parameter+}` (every deeper path). */
const HTTP_PATH = /^(?=\/)(?:\/|(?:\/(?:[A-Za-z0-9\-_.~]+|\{[A-Za-z_][A-Za-z0-9_]*\}))*(?:\/\{[A-Za-z_][A-Za-z0-9_]*\+\})?)$/;
/** A path that is one greedy parameter: the route takes every path. */
const CATCH_ALL_PATH = /^\/\{[A-Za-z_][A-Za-z0-9_]*\+\}$/;
const INLINE_LIMIT = 4096;

/** A whole number within `range`, on `cloud` (the message says where the range applies). */
function checkNumber(problems: ProblemCollector, prop: string, value: unknown, range: { min: number; max: number }, cloud: string): void {
  checkWholeNumber(problems, prop, value, range, ` on ${cloud}`);
}

/**
 * Checks the memory against the cloud's sizes and returns the size the
 * function runs with: the declared one, or on a cloud whose sizes round up
 * (Azure Flex instances), the smallest size that holds it, with a warning.
 */
function checkMemory(problems: ProblemCollector, warnings: string[], limits: CloudLimits, value: number, cloud: string): number {
  if (isNumberToken(value)) {
    return value;
  }
  if ('sizes' in limits.memory) {
    const sizes = limits.memory.sizes;
    if (sizes.includes(value)) {
      return value;
    }
    const larger = limits.memory.roundsUp && Number.isInteger(value) && value >= 128 ? sizes.find((s) => s >= value) : undefined;
    if (larger !== undefined) {
      warnings.push(`memoryMb ${value} runs on a ${larger} MB instance on ${cloud}, whose instances have ${sizes.join(', ')} MB`);
      return larger;
    }
    problems.invalid('memoryMb', limits.memory.roundsUp
      ? `must be a whole number from 128 to ${sizes[sizes.length - 1]} on ${cloud} (instances of ${sizes.join(', ')} MB; other sizes run on the next larger one)`
      : `must be one of ${sizes.join(', ')} on ${cloud}`, value);
  } else if (!inRange(value, limits.memory)) {
    problems.invalid('memoryMb', `must be between ${limits.memory.min} and ${limits.memory.max} on ${cloud}`, value);
  }
  return value;
}

function checkLogRetention(problems: ProblemCollector, limits: CloudLimits, value: number, cloud: string): void {
  if (isNumberToken(value)) {
    return;
  }
  if ('values' in limits.logRetention) {
    if (!limits.logRetention.values.includes(value)) {
      problems.invalid('logRetentionDays', `must be one of ${limits.logRetention.values.join(', ')} on ${cloud}`, value);
    }
  } else if (!inRange(value, limits.logRetention)) {
    problems.invalid('logRetentionDays', `must be a whole number from ${limits.logRetention.min} to ${limits.logRetention.max} on ${cloud}`, value);
  }
}

function checkCode(problems: ProblemCollector, input: FunctionInput, handlerFile: string): void {
  const code = input.code;
  if (code.kind === FunctionCodeKind.INLINE) {
    const source: unknown = given(code.inlineSource, '');
    if (typeof source !== 'string') {
      problems.invalid('code', 'must be FunctionCode.fromInline(source) with the module source as a string', source);
    } else if (source.trim().length === 0) {
      problems.add('code is empty: FunctionCode.fromInline needs the handler module source');
    } else if (source.length > INLINE_LIMIT) {
      problems.add(`code is ${source.length} characters inline; inline code is limited to ${INLINE_LIMIT} (AWS ZipFile): use FunctionCode.fromAsset`);
    }
    // An empty handlerFile means the handler itself is invalid, which is reported already.
    if (handlerFile !== 'index' && handlerFile !== '') {
      problems.invalid('handler', 'must be index.<export> with inline code, which is written to index.js / index.py', input.handler);
    }
    return;
  }
  const dir: unknown = given(code.assetPath, '');
  if (typeof dir !== 'string') {
    problems.invalid('code', 'must be FunctionCode.fromAsset(folder) with the folder\'s path as a string', dir);
    return;
  }
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    problems.add(`code asset folder ${describeValue(dir)} does not exist or is not a folder`);
    return;
  }
  const file = path.join(dir, handlerFile + input.runtime.fileExtension);
  if (handlerFile && !fs.existsSync(file)) {
    problems.add(`handler ${describeValue(input.handler)} names the module ${describeValue(handlerFile + input.runtime.fileExtension)}, which is not in the code folder ${describeValue(dir)}`);
  }
}

function checkEnvironment(problems: ProblemCollector, env: { [key: string]: string }, limits: CloudLimits, cloud: string): void {
  let size = 0;
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name)) {
      problems.invalid(`environment key ${describeValue(name)}`, 'must start with a letter or underscore and hold only letters, digits and underscores', name);
    } else if (isReservedName(name, limits.reservedEnvironment)) {
      problems.add(`environment key ${describeValue(name)} is reserved by the platform on ${cloud} (reserved: ${limits.reservedEnvironment.join(', ')})`);
    }
    if (typeof value !== 'string') {
      problems.invalid(`environment.${name}`, 'must be a string', value);
    }
    size += name.length + String(value).length;
  }
  if (cloud === 'AWS' && size > 4096) {
    problems.add(`environment is ${size} bytes; AWS Lambda allows 4096 bytes of variables in total`);
  }
}

function timeoutCap(cloud: CloudProvider, triggers: TriggerSpec[]): { max: number; reason: string } {
  const limits = LIMITS[cloud];
  let cap = { max: limits.maxTimeoutSeconds, reason: `on ${CLOUD_LABEL[cloud]}` };
  if (cloud === CloudProvider.GCP) {
    if (triggers.some((t) => t.kind === TriggerKind.QUEUE) && limits.maxQueueTimeoutSeconds < cap.max) {
      cap = { max: limits.maxQueueTimeoutSeconds, reason: 'on GCP with a queue trigger (Pub/Sub push acknowledgement deadline)' };
    }
    if (triggers.some((t) => t.kind === TriggerKind.SCHEDULE) && limits.maxScheduleTimeoutSeconds < cap.max) {
      cap = { max: limits.maxScheduleTimeoutSeconds, reason: 'on GCP with a schedule trigger (Cloud Scheduler attempt deadline)' };
    }
  }
  return cap;
}

type DeliveryTable = Record<CloudProvider, { attempts: { min: number; max: number; default: number }; age: { min: number; max: number; default: number } }>;

/**
 * Applies the defaults of an asynchronous source (topic, bus, storage) and
 * checks its attempts and event age against the cloud's ranges; Event Grid
 * (Azure bus and storage) takes its time to live in whole minutes.
 */
function asyncDelivery(
  problems: ProblemCollector, cloud: CloudProvider, prop: string, table: DeliveryTable, wholeMinutesOnAzure: boolean,
  options: { maxDeliveryAttempts?: number; maxEventAgeSeconds?: number },
): { attempts: number; age: number } {
  const delivery = table[cloud];
  const label = CLOUD_LABEL[cloud];
  const attempts = given(options.maxDeliveryAttempts, delivery.attempts.default);
  const age = given(options.maxEventAgeSeconds, delivery.age.default);
  checkNumber(problems, `${prop}.maxDeliveryAttempts`, attempts, delivery.attempts, cloud === CloudProvider.AWS ? 'AWS (asynchronous invocation: the first attempt and up to 2 retries)' : label);
  checkNumber(problems, `${prop}.maxEventAgeSeconds`, age, delivery.age, label);
  if (cloud !== CloudProvider.AWS && isNumberToken(age)) {
    const unit = cloud === CloudProvider.GCP ? 'the subscription\'s message retention' : wholeMinutesOnAzure ? 'Event Grid\'s time to live in minutes' : 'the subscription\'s time to live';
    problems.add(`${prop}.maxEventAgeSeconds cannot be an unresolved token on ${label}: it is converted to ${unit} at synth time`);
  } else if (wholeMinutesOnAzure && cloud === CloudProvider.AZURE && age % 60 !== 0) {
    problems.invalid(`${prop}.maxEventAgeSeconds`, 'must be whole minutes on Azure (Event Grid time to live is in minutes)', age);
  }
  return { attempts, age };
}

/**
 * Trigger ids, which name the trigger's resources (logical ids, Terraform
 * addresses, Azure function names), so they must not follow the order of
 * the triggers list. A trigger of a shared source is named by that source:
 * `Topic` + a hash of the EventTopic's construct path. A trigger with its
 * own source (its own queue, topic, schedule, route...) counts among the
 * function's own-source triggers of its kind only: `Queue`, `Queue2`, ...
 * Adding, removing or reordering shared-source triggers, or triggers of
 * other kinds, changes no id.
 */
class TriggerIds {
  private readonly counts = new Map<string, number>();
  public next(base: string, shared?: { node: { path: string } }): string {
    const key = shared ? sharedTriggerId(base, shared.node.path) : base;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n === 1 ? key : `${key}${shared ? 'n' : ''}${n}`;
  }
}

/** Hex digits of the source's path hash in a shared-source trigger id. */
const SHARED_TRIGGER_HASH_LENGTH = 6;

/** The id of a trigger of the shared source at `sourcePath`: `<base><6 hex digits of the path's SHA-256>`, e.g. `Topic895457`. */
export function sharedTriggerId(base: string, sourcePath: string): string {
  return `${base}${pathHash(sourcePath, SHARED_TRIGGER_HASH_LENGTH)}`;
}

const SHARED_QUEUE = ofKind('EventQueue');
const SHARED_TOPIC = ofKind('EventTopic');
const SHARED_BUS = ofKind('EventBus');
const SHARED_BUCKET = ofKind('EventBucket');

/** The options of each trigger kind: what each must be. Numbers are checked against their ranges where they are used. */
const TRIGGER_OPTIONS: Record<TriggerKind, { factory: string; example: string; rules: Record<string, Expected>; required?: boolean }> = {
  [TriggerKind.HTTP]: {
    factory: 'Trigger.http', example: '{ path: "/orders", methods: [HttpMethod.POST] }',
    rules: {
      path: { text: 'a string such as "/orders"', test: A_STRING.test },
      methods: arrayOf('HttpMethod, e.g. [HttpMethod.POST]'),
      auth: oneOf(Object.values(HttpAuth), 'HttpAuth.PRIVATE or HttpAuth.PUBLIC'),
    },
  },
  [TriggerKind.QUEUE]: { factory: 'Trigger.queue', example: '{ batchSize: 10 }', rules: { queue: SHARED_QUEUE } },
  [TriggerKind.SCHEDULE]: { factory: 'Trigger.schedule', example: '{ description: "nightly" }', rules: { description: A_STRING } },
  [TriggerKind.TOPIC]: {
    factory: 'Trigger.topic', example: '{ topic, filter: { type: ["order"] } }',
    rules: { topic: SHARED_TOPIC, filter: struct('attribute names to lists of values', '{ type: ["order"] }') },
  },
  [TriggerKind.EVENT_BUS]: {
    factory: 'Trigger.eventBus', example: '{ pattern: { source: ["com.acme.orders"] } }', required: true,
    rules: { bus: SHARED_BUS, pattern: struct('EventPattern', '{ source: ["com.acme.orders"], detailType: ["OrderPlaced"] }') },
  },
  [TriggerKind.STORAGE]: {
    factory: 'Trigger.storage', example: '{ prefix: "invoices/" }',
    rules: { bucket: SHARED_BUCKET, events: arrayOf('StorageEvent, e.g. [StorageEvent.OBJECT_CREATED]'), prefix: A_STRING, suffix: A_STRING },
  },
};

/**
 * A trigger's options, checked against TRIGGER_OPTIONS: a copy without the
 * options of the wrong type (each reported as `triggers[i].<option>`), or
 * no options at all when they are not an object.
 */
function triggerOptions<T extends object>(problems: ProblemCollector, prop: string, kind: TriggerKind, options: T | undefined): Partial<T> {
  const { factory, example, rules, required } = TRIGGER_OPTIONS[kind];
  // null is "no options", as undefined (what jsii passes for a Python None), where options are optional.
  if (options === undefined || (options === null && !required)) {
    return {};
  }
  if (!isStruct(options)) {
    problems.invalid(`${prop} options`, `must be an object, e.g. ${factory}(${example})`, options);
    return {};
  }
  return checkTypes(problems, options as Record<string, unknown>, rules, `${prop}.`) as Partial<T>;
}

function normaliseTriggers(problems: ProblemCollector, cloud: CloudProvider, triggers: Trigger[], warnings: string[]): TriggerSpec[] {
  const label = CLOUD_LABEL[cloud];
  const limits = LIMITS[cloud];
  const ids = new TriggerIds();
  const routes = new Set<string>();
  const specs: TriggerSpec[] = [];
  triggers.forEach((trigger, i) => {
    const prop = `triggers[${i}]`;
    if (!(trigger instanceof Trigger)) {
      const hint = (trigger as unknown) instanceof Schedule ? ': wrap a Schedule in Trigger.schedule(schedule)' : '';
      problems.invalid(prop, `must be made with Trigger.http, Trigger.queue, Trigger.schedule, Trigger.topic, Trigger.eventBus or Trigger.storage${hint}`, trigger);
      return;
    }
    if (trigger.kind === TriggerKind.HTTP) {
      const o = triggerOptions(problems, prop, trigger.kind, trigger.httpOptions);
      const routePath = o.path ?? '/';
      const methods = o.methods && o.methods.length > 0 ? [...new Set(o.methods)] : [HttpMethod.ANY];
      if (isUnresolved(routePath)) {
        problems.add(`${prop}.path cannot be an unresolved token: the route is written into each cloud's routing (API Gateway route key, function.json route, URL map) at synth time`);
      } else if (!HTTP_PATH.test(routePath)) {
        problems.invalid(`${prop}.path`, 'must start with "/" and hold segments of letters, digits, "-", "_", ".", "~" or a {parameter}, optionally ending in one greedy {parameter+}', routePath);
      }
      checkReservedPath(problems, `${prop}.path`, routePath);
      if (cloud === CloudProvider.AZURE && /^\/admin(\/|$)/i.test(routePath)) {
        problems.invalid(`${prop}.path`, 'cannot start with /admin on Azure, where the Functions host reserves it', routePath);
      }
      if (methods.includes(HttpMethod.ANY) && methods.length > 1) {
        problems.invalid(`${prop}.methods`, 'cannot mix HttpMethod.ANY with other methods', methods);
      }
      for (const m of methods) {
        if (!Object.values(HttpMethod).includes(m)) {
          problems.invalid(`${prop}.methods`, `must hold HttpMethod values (${Object.values(HttpMethod).join(', ')})`, m);
        }
        const key = `${m} ${routePath}`;
        if (routes.has(key)) {
          problems.add(`${prop} repeats the route ${describeValue(key)}`);
        }
        routes.add(key);
      }
      const auth = o.auth ?? HttpAuth.PRIVATE;
      if (!Object.values(HttpAuth).includes(auth)) {
        problems.invalid(`${prop}.auth`, 'must be HttpAuth.PRIVATE or HttpAuth.PUBLIC', auth);
      }
      specs.push({ kind: TriggerKind.HTTP, id: ids.next('Http'), path: routePath, methods, auth });
    } else if (trigger.kind === TriggerKind.QUEUE) {
      const o = triggerOptions(problems, prop, trigger.kind, trigger.queueOptions);
      const shared = o.queue;
      if (shared && (o.maxDeliveryAttempts !== undefined || o.retentionDays !== undefined)) {
        problems.add(`${prop} consumes the shared queue ${shared.node.path}: set maxDeliveryAttempts and retentionDays on the EventQueue, not on the trigger`);
      }
      if (shared && shared.provider !== cloud) {
        problems.add(`${prop}.queue ${shared.node.path} is on ${CLOUD_LABEL[shared.provider]}, not ${label}`);
      }
      // GCP push delivers one message per request, so its default is 1 (no warning for an unset option).
      const batchSize = given(o.batchSize, cloud === CloudProvider.GCP ? 1 : 10);
      const attempts = shared ? shared.maxDeliveryAttempts : given(o.maxDeliveryAttempts, 5);
      const window = given(o.maxBatchingWindowSeconds, 0);
      const retention = given(o.retentionDays, 4);
      checkNumber(problems, `${prop}.batchSize`, batchSize, limits.batchSize, label);
      checkNumber(problems, `${prop}.maxDeliveryAttempts`, attempts, limits.deliveryAttempts, label);
      checkNumber(problems, `${prop}.maxBatchingWindowSeconds`, window, { min: 0, max: 300 }, label);
      checkNumber(problems, `${prop}.retentionDays`, retention, limits.retentionDays, label);
      if (isNumberToken(retention)) {
        problems.add(`${prop}.retentionDays cannot be an unresolved token: it is converted to each cloud's unit (seconds, an ISO 8601 duration) at synth time`);
      }
      if (cloud === CloudProvider.AWS && batchSize > 10 && window < 1) {
        problems.invalid(`${prop}.batchSize`, 'above 10 needs maxBatchingWindowSeconds of at least 1 on AWS', batchSize);
      }
      if (cloud === CloudProvider.GCP && batchSize > 1) {
        warnings.push(`${prop}.batchSize ${batchSize} is a maximum; GCP Pub/Sub push delivers one message per request`);
      }
      if (cloud !== CloudProvider.AWS && window > 0) {
        warnings.push(`${prop}.maxBatchingWindowSeconds is AWS-only; ${label} delivers messages as they arrive`);
      }
      specs.push({
        kind: TriggerKind.QUEUE, id: ids.next('Queue', shared), queue: shared, batchSize, maxDeliveryAttempts: attempts,
        maxBatchingWindowSeconds: window, retentionDays: retention,
      });
    } else if (trigger.kind === TriggerKind.TOPIC) {
      const o = triggerOptions(problems, prop, trigger.kind, trigger.topicOptions);
      const { attempts, age } = asyncDelivery(problems, cloud, prop, ASYNC_DELIVERY, false, o);
      if (o.topic && o.topic.provider !== cloud) {
        problems.add(`${prop}.topic ${o.topic.node.path} is on ${CLOUD_LABEL[o.topic.provider]}, not ${label}`);
      }
      const filter = checkTopicFilter(problems, cloud, `${prop}.filter`, o.filter);
      specs.push({ kind: TriggerKind.TOPIC, id: ids.next('Topic', o.topic), topic: o.topic, filter, maxDeliveryAttempts: attempts, maxEventAgeSeconds: age });
    } else if (trigger.kind === TriggerKind.EVENT_BUS) {
      const o = triggerOptions(problems, prop, trigger.kind, trigger.eventBusOptions);
      const { attempts, age } = asyncDelivery(problems, cloud, prop, BUS_DELIVERY, true, o);
      const rawPattern = o.pattern ?? {};
      const pattern = checkTypes(problems, rawPattern, { source: STRINGS, detailType: STRINGS }, `${prop}.pattern.`);
      const source = pattern.source ?? [];
      const detailType = pattern.detailType ?? [];
      // A list of the wrong type is reported already; the pattern is only empty when neither was given.
      const wrongType = (rawPattern.source !== undefined && pattern.source === undefined) || (rawPattern.detailType !== undefined && pattern.detailType === undefined);
      if (source.length === 0 && detailType.length === 0 && !wrongType) {
        problems.add(`${prop}.pattern must match on source or detailType (or both): an empty pattern would deliver every event of the bus`);
      }
      for (const [name, values] of [['source', source], ['detailType', detailType]] as const) {
        if (values.some((v) => typeof v !== 'string' || !PATTERN_VALUE.test(v))) {
          problems.invalid(`${prop}.pattern.${name}`, 'must hold strings of 1-256 characters without quotes or backslashes', values);
        }
      }
      if (o.bus && o.bus.provider !== cloud) {
        problems.add(`${prop}.bus ${o.bus.node.path} is on ${CLOUD_LABEL[o.bus.provider]}, not ${label}`);
      }
      specs.push({
        kind: TriggerKind.EVENT_BUS, id: ids.next('EventBus', o.bus), bus: o.bus, source: source.length ? [...source] : undefined,
        detailType: detailType.length ? [...detailType] : undefined, maxDeliveryAttempts: attempts, maxEventAgeSeconds: age,
      });
    } else if (trigger.kind === TriggerKind.STORAGE) {
      const o = triggerOptions(problems, prop, trigger.kind, trigger.storageOptions);
      const { attempts, age } = asyncDelivery(problems, cloud, prop, BUS_DELIVERY, true, o);
      const events = o.events && o.events.length > 0 ? [...new Set(o.events)] : [StorageEvent.OBJECT_CREATED];
      if (events.some((e) => !Object.values(StorageEvent).includes(e))) {
        problems.invalid(`${prop}.events`, 'must hold StorageEvent.OBJECT_CREATED or OBJECT_DELETED', o.events);
      }
      for (const [name, value] of [['prefix', o.prefix], ['suffix', o.suffix]] as const) {
        if (value !== undefined && !isUnresolved(value) && !OBJECT_NAME_PART.test(value)) {
          problems.invalid(`${prop}.${name}`, 'must be 1-512 characters without wildcards (*, ?), quotes, backslashes or control characters', value);
        }
      }
      if (cloud === CloudProvider.GCP && o.suffix !== undefined) {
        problems.invalid(`${prop}.suffix`, 'cannot be expressed on GCP: Cloud Storage notifications filter by prefix only; filter by suffix in the handler', o.suffix);
      }
      if (o.bucket && o.bucket.provider !== cloud) {
        problems.add(`${prop}.bucket ${o.bucket.node.path} is on ${CLOUD_LABEL[o.bucket.provider]}, not ${label}`);
      }
      specs.push({
        kind: TriggerKind.STORAGE, id: ids.next('Storage', o.bucket), bucket: o.bucket, events, prefix: o.prefix, suffix: o.suffix,
        maxDeliveryAttempts: attempts, maxEventAgeSeconds: age,
      });
    } else if (trigger.kind === TriggerKind.SCHEDULE) {
      const schedule = trigger.scheduleValue;
      const o = triggerOptions(problems, prop, trigger.kind, trigger.scheduleOptions);
      const expression = scheduleExpressionFor(cloud, schedule as Schedule, `${prop}.schedule`, (p) => problems.add(p), (w) => warnings.push(w));
      if (expression !== undefined) {
        specs.push({
          kind: TriggerKind.SCHEDULE, id: ids.next('Schedule'), expression, timeZone: (schedule as Schedule).timeZone,
          description: o.description,
        });
      }
    }
  });
  if (cloud === CloudProvider.AWS) {
    const async = specs.filter((t): t is TopicTriggerSpec | EventBusTriggerSpec | StorageTriggerSpec =>
      t.kind === TriggerKind.TOPIC || t.kind === TriggerKind.EVENT_BUS || t.kind === TriggerKind.STORAGE);
    if (new Set(async.map((t) => `${t.maxDeliveryAttempts}/${t.maxEventAgeSeconds}`)).size > 1) {
      problems.add('triggers set different maxDeliveryAttempts or maxEventAgeSeconds on asynchronous sources; on AWS they are one setting of the function (its asynchronous invocation config): use the same values or split the function');
    }
  }
  if (cloud === CloudProvider.AZURE) {
    const batchSizes = [...new Set(specs.flatMap((t) => (t.kind === TriggerKind.QUEUE ? [t.batchSize] : [])))];
    if (batchSizes.length > 1) {
      problems.add(`triggers set batchSize ${batchSizes.join(' and ')} on different queues; on Azure the batch size lives in host.json, one per function app: use one batchSize or split the function`);
    }
  }
  if (cloud === CloudProvider.GCP) {
    const http = specs.filter((t): t is HttpTriggerSpec => t.kind === TriggerKind.HTTP);
    if (new Set(http.map((t) => t.auth)).size > 1) {
      problems.add('triggers mix HttpAuth.PUBLIC and HttpAuth.PRIVATE; on GCP a function has one URL and one invoker policy: split them into two functions');
    }
    if (http.some((t) => (t.path !== '/' && !CATCH_ALL_PATH.test(t.path)) || !t.methods.includes(HttpMethod.ANY))) {
      warnings.push(GCP_ROUTES_NOT_ENFORCED);
    }
  }
  return specs;
}

/**
 * Validates a function's props for one cloud and applies the defaults.
 * Throws one CirrusValidationError listing every problem.
 */
export function buildFunctionSpec(cloud: CloudProvider, constructPath: string, props: FunctionInput): FunctionSpec {
  const problems = new ProblemCollector();
  const label = CLOUD_LABEL[cloud];
  const limits = LIMITS[cloud];
  const warnings: string[] = [];
  // Props of the wrong type are reported here and left out below; numbers are checked with their ranges.
  const input = checkTypes(problems, props, {
    environment: struct('variable names to strings', '{ TABLE: "orders" }'),
    description: A_STRING,
    region: A_STRING,
    triggers: arrayOf('Trigger, e.g. [Trigger.http()]'),
    expectedLoad: struct('FunctionLoad', '{ monthlyInvocations: 1000000, averageDurationMs: 200 }'),
  });

  if (!(input.runtime instanceof FunctionRuntime)) {
    problems.invalid('runtime', 'must be a FunctionRuntime such as FunctionRuntime.NODEJS_22', input.runtime);
  }
  const runtimeId = input.runtime instanceof FunctionRuntime ? runtimeIdFor(cloud, input.runtime) : undefined;
  if (input.runtime instanceof FunctionRuntime && !runtimeId) {
    problems.invalid('runtime', `is not offered on ${label}; it offers ${runtimesOfferedBy(cloud).join(', ')}`, input.runtime.name);
  }
  const deprecation = input.runtime instanceof FunctionRuntime ? runtimeDeprecation(cloud, input.runtime) : undefined;
  if (deprecation) {
    warnings.push(`runtime ${input.runtime.name} is ${deprecation}: move to a newer runtime`);
  }

  const match = typeof input.handler === 'string' ? HANDLER.exec(input.handler) : null;
  if (!match) {
    problems.invalid('handler', 'must be "<file>.<export>", e.g. "index.handler"', input.handler);
  }
  const handlerFile = match ? match[1] : '';
  const handlerExport = match ? match[2] : '';
  if (!(input.code instanceof FunctionCode)) {
    problems.invalid('code', 'must be made with FunctionCode.fromAsset or FunctionCode.fromInline', input.code);
  } else if (input.runtime instanceof FunctionRuntime) {
    checkCode(problems, input, handlerFile);
  }
  const handlerApi = checkHandlerApi(problems, cloud, input.handlerApi, input.runtime, input.code, handlerFile, handlerExport);

  const memoryMb = checkMemory(problems, warnings, limits, given(input.memoryMb, limits.defaultMemoryMb), label);

  const triggers = normaliseTriggers(problems, cloud, input.triggers ?? [], warnings);

  const timeoutSeconds = given(input.timeoutSeconds, 30);
  const cap = timeoutCap(cloud, triggers);
  checkNumber(problems, 'timeoutSeconds', timeoutSeconds, { min: 1, max: cap.max }, cap.reason.replace(/^on /, ''));
  if (cloud === CloudProvider.AWS && isNumberToken(timeoutSeconds) && triggers.some((t) => t.kind === TriggerKind.QUEUE)) {
    problems.add('timeoutSeconds cannot be an unresolved token on AWS with a queue trigger: the queue\'s visibility timeout is set to six times the function timeout at synth time');
  }
  if (cloud === CloudProvider.AZURE && isNumberToken(timeoutSeconds)) {
    problems.add('timeoutSeconds cannot be an unresolved token on Azure: it is written into host.json inside the code package at synth time');
  }
  if (cloud === CloudProvider.GCP && isNumberToken(timeoutSeconds) && triggers.some((t) => t.kind !== TriggerKind.HTTP)) {
    problems.add('timeoutSeconds cannot be an unresolved token on GCP with an event trigger: the Cloud Scheduler attempt deadline and the Pub/Sub acknowledgement deadline are derived from it at synth time');
  }
  if (triggers.some((t) => t.kind === TriggerKind.HTTP) && timeoutSeconds > limits.maxHttpTimeoutSeconds) {
    warnings.push(`timeoutSeconds ${timeoutSeconds} exceeds the ${limits.maxHttpTimeoutSeconds} s that ${label} waits for an HTTP response; HTTP callers are cut off first`);
  }

  if (input.maxConcurrency !== undefined) {
    checkNumber(problems, 'maxConcurrency', input.maxConcurrency, limits.concurrency, label);
  }
  const logRetentionDays = given(input.logRetentionDays, 30);
  checkLogRetention(problems, limits, logRetentionDays, label);

  const environment = { ...(input.environment ?? {}) };
  checkEnvironment(problems, environment, limits, label);
  checkPortableEnvironment(problems, handlerApi, environment);

  if (input.description !== undefined && !isUnresolved(input.description) && input.description.length > 256) {
    problems.invalid('description', 'must be at most 256 characters', `${input.description.slice(0, 40)}...`);
  }

  const region = checkFunctionRegion(problems, cloud, input.region);

  const load = input.expectedLoad;
  if (load) {
    const { monthlyInvocations: invocations, averageDurationMs: duration } = load;
    if (!isNumberToken(invocations) && !(typeof invocations === 'number' && Number.isInteger(invocations) && invocations >= 0)) {
      problems.invalid('expectedLoad.monthlyInvocations', 'must be a whole number of at least 0', invocations);
    }
    const maxMs = typeof timeoutSeconds === 'number' && !isNumberToken(timeoutSeconds) ? timeoutSeconds * 1000 : Infinity;
    if (!isNumberToken(duration) && !(typeof duration === 'number' && duration > 0 && duration <= maxMs)) {
      problems.invalid('expectedLoad.averageDurationMs', `must be above 0 and at most the timeout${maxMs < Infinity ? ` (${maxMs} ms)` : ''}`, duration);
    }
  }

  problems.throwIfAny(constructPath);
  // A portable handler's adapter enforces the declared paths and methods on GCP.
  const notEnforced = warnings.indexOf(GCP_ROUTES_NOT_ENFORCED);
  if (handlerApi === HandlerApi.PORTABLE && notEnforced >= 0) {
    warnings.splice(notEnforced, 1);
  }
  return {
    cloud, constructPath, runtime: input.runtime, runtimeId: runtimeId!, code: input.code, handlerFile, handlerExport, handlerApi,
    memoryMb, timeoutSeconds, environment, maxConcurrency: input.maxConcurrency, logRetentionDays,
    description: input.description, region, triggers, warnings, expectedLoad: load,
  };
}
