import { IConstruct } from 'constructs';
import { CLOUD_LABEL, CloudProvider } from './cloud-provider';
import { ProblemCollector } from './errors';
import { LIMITS } from './limits';
import { isUnresolved } from './tokens';

/**
 * A queue that functions send to and consume from (an EventQueue).
 */
export interface IEventQueue extends IConstruct {
  /** The cloud of the queue. */
  readonly provider: CloudProvider;
  /** The queue's name (a token on AWS). */
  readonly queueName: string;
  /** Deliveries of a message before it moves to the dead-letter queue. */
  readonly maxDeliveryAttempts: number;
}

/** A shared queue validated for one cloud. */
export interface QueueSpec {
  readonly cloud: CloudProvider;
  readonly constructPath: string;
  readonly maxDeliveryAttempts: number;
  readonly retentionDays: number;
  /** Environment variable producers get: `<ID>_QUEUE`. */
  readonly environmentName: string;
}

/** `orders-queue` / `OrdersQueue` -> `ORDERS_QUEUE`: the construct id in constant case. */
export function constantCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** The environment variable a producer or consumer gets for a messaging resource: `<ID>_<KIND>`, e.g. `ORDERS_QUEUE`. */
export function messagingEnvironmentName(id: string, kind: 'QUEUE' | 'TOPIC' | 'BUS'): string {
  const base = constantCase(id);
  const name = base.endsWith(`_${kind}`) || base === kind ? base : `${base}_${kind}`;
  return /^[A-Z_]/.test(name) ? name : `_${name}`;
}

/** Checks the retry and retention settings of a queue (or a queue trigger) for a cloud. */
export function checkDelivery(problems: ProblemCollector, cloud: CloudProvider, prefix: string, maxDeliveryAttempts: number, retentionDays: number): void {
  const limits = LIMITS[cloud];
  const label = CLOUD_LABEL[cloud];
  for (const [prop, value, range] of [
    ['maxDeliveryAttempts', maxDeliveryAttempts, limits.deliveryAttempts],
    ['retentionDays', retentionDays, limits.retentionDays],
  ] as const) {
    if (!isUnresolved(value) && !(Number.isInteger(value) && value >= range.min && value <= range.max)) {
      problems.invalid(`${prefix}${prop}`, `must be a whole number from ${range.min} to ${range.max} on ${label}`, value);
    }
  }
}
