import { ProblemCollector } from '../errors';
import { HttpAuth } from '../http';
import { pathHash } from '../naming';
import { TriggerKind } from '../trigger';
import { A_STRING, arrayOf, checkTypes, Expected, isStruct, ofKind, oneOf, struct } from '../validation';

// What each trigger kind's options must be, and the ids triggers get.

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
export class TriggerIds {
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
      api: ofKind('HttpApi', 'an HttpApi'),
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
export function triggerOptions<T extends object>(problems: ProblemCollector, prop: string, kind: TriggerKind, options: T | undefined): Partial<T> {
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
