/** Generators of the messaging constructs (EventQueue, EventTopic, EventBus, EventBucket) with producers and consumers. */
import * as fc from 'fast-check';
import { EventBucket, EventBus, EventDrivenFunction, EventQueue, EventTopic, FunctionCode, FunctionRuntime, Trigger } from '../../../index';
import type { CaseContext } from '../harness';
import { constructId, FIXTURE_HANDLER, num, Num, opt, rare } from './common';
import { WrongRecipe, wrongRecipe } from './wrong';

export interface MessagingRecipe {
  kind: 'queue' | 'topic' | 'bus' | 'bucket';
  id: string;
  /** EventQueue props. */
  maxDeliveryAttempts?: Num;
  retentionDays?: Num;
  /** Whether the case's function is granted send/publish/write (1) or not (0). */
  producers: number;
  /** Buckets: whether the function is granted read. */
  readers?: number;
  /** Whether the function consumes the resource through a trigger (1) or not (0). */
  consumers: number;
  /** Options of the consumers' triggers. */
  consumer?: { batchSize?: Num; filter?: { [attribute: string]: string[] }; source?: string[]; prefix?: string };
  /** A second resource with the same environment variable name, granted to the same producer. */
  clash?: boolean;
  /** A prop of the queue (site 0 of 2, queues only) or of the consumer (the function's trigger) replaced with the wrong type or kind. */
  wrong?: WrongRecipe;
}

export const messagingRecipe: fc.Arbitrary<MessagingRecipe> = fc.record({
  kind: fc.constantFrom('queue' as const, 'topic' as const, 'bus' as const, 'bucket' as const),
  id: constructId,
  maxDeliveryAttempts: opt(num(fc.constantFrom(1, 5, 10, 100, 1000, 2000), 12, 2)),
  retentionDays: opt(num(fc.constantFrom(1, 4, 7, 14), 12, 2)),
  producers: fc.integer({ min: 0, max: 1 }),
  readers: rare(fc.constant(1), 3),
  consumers: fc.integer({ min: 0, max: 1 }),
  // Consumer options are wild half the time: messaging constructs have few props of their own, and valid cases are the costly ones.
  consumer: opt(fc.record({
    batchSize: opt(num(fc.constantFrom(1, 10), 40, 2)),
    filter: opt(fc.constantFrom<{ [attribute: string]: string[] }>({ type: ['order'] }, { type: [] }, { 'bad key': ['x'] }, { a: ['"quoted"'] }), 4),
    source: opt(fc.constantFrom<string[]>(['com.acme'], [], ['a"b'], ['x'.repeat(257)])),
    prefix: opt(fc.constantFrom('in/', '', '*.csv', 'a\\b')),
  }, { requiredKeys: [] }), 4),
  clash: fc.oneof({ arbitrary: fc.constant(undefined), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
  wrong: wrongRecipe(),
}, { requiredKeys: ['kind', 'id', 'producers', 'consumers'] });

type Resource = EventQueue | EventTopic | EventBus | EventBucket;

function create(ctx: CaseContext, r: MessagingRecipe, id: string): Resource {
  switch (r.kind) {
    case 'queue': return new EventQueue(ctx.scope, id, ctx.wrong({ maxDeliveryAttempts: ctx.n(r.maxDeliveryAttempts), retentionDays: ctx.n(r.retentionDays) }, 0, 2));
    case 'topic': return new EventTopic(ctx.scope, id);
    case 'bus': return new EventBus(ctx.scope, id);
    default: return new EventBucket(ctx.scope, id);
  }
}

function grant(resource: Resource, fn: EventDrivenFunction): void {
  if (resource instanceof EventQueue) {
    resource.grantSend(fn);
  } else if (resource instanceof EventBucket) {
    resource.grantWrite(fn);
  } else {
    resource.grantPublish(fn);
  }
}

export function buildMessaging(ctx: CaseContext, r: MessagingRecipe): void {
  const resource = create(ctx, r, r.id);
  // One function plays every part (producer, reader, consumer), so a case costs at most one function's synth.
  if (r.producers + r.consumers + (r.readers ?? 0) === 0) {
    return;
  }
  const c = r.consumer ?? {};
  const trigger = r.consumers === 0 ? undefined
    : resource instanceof EventQueue ? Trigger.queue({ queue: resource, batchSize: ctx.n(c.batchSize) })
      : resource instanceof EventTopic ? Trigger.topic({ topic: resource, filter: c.filter })
        : resource instanceof EventBus ? Trigger.eventBus({ bus: resource, pattern: { source: c.source ?? ['com.acme'] } })
          : Trigger.storage({ bucket: resource, prefix: c.prefix });
  // The consumer is the second site of a queue's case and the only one of the other kinds.
  const fn = new EventDrivenFunction(ctx.scope, 'Handler', ctx.wrong({
    runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromInline(FIXTURE_HANDLER), handler: 'index.handler', timeoutSeconds: 30,
    triggers: trigger ? [trigger] : [],
  }, r.kind === 'queue' ? 1 : 0, r.kind === 'queue' ? 2 : 1));
  if (r.producers > 0) {
    grant(resource, fn);
    if (r.clash) {
      grant(create(ctx, r, `${r.id}-`), fn);
    }
  }
  if (resource instanceof EventBucket && r.readers) {
    resource.grantRead(fn);
  }
}
