import { ProblemCollector } from '../errors';
import { HttpAuth } from '../http';
import { TriggerKind } from '../trigger';
import { A_STRING, arrayOf, checkTypes, Expected, isStruct, ofKind, oneOf, struct } from '../validation';

// What each trigger kind's options must be, and the ids triggers get.

/** Ids of a function's triggers: the kind's name, numbered from the second of a kind (`Queue`, `Queue2`). */
export class TriggerIds {
  private readonly counts = new Map<string, number>();
  public next(base: string): string {
    const n = (this.counts.get(base) ?? 0) + 1;
    this.counts.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  }
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
