import { IConstruct } from 'constructs';
import { CLOUD_LABEL, CloudProvider } from './cloud-provider';
import { ProblemCollector } from './errors';
import { LIMITS } from './limits';
import { checkWholeNumber, isNumberToken, isStruct } from './validation';

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

/**
 * A topic that functions publish to and subscribe to (an EventTopic).
 */
export interface IEventTopic extends IConstruct {
  /** The cloud of the topic. */
  readonly provider: CloudProvider;
  /** The topic's name (a token on AWS). */
  readonly topicName: string;
}

/**
 * A bus that functions put events on and subscribe to by pattern (an EventBus).
 */
export interface IEventBus extends IConstruct {
  /** The cloud of the bus. */
  readonly provider: CloudProvider;
  /** The bus's name (a token on AWS). */
  readonly busName: string;
}

/**
 * A bucket that functions read, write and react to (an EventBucket).
 */
export interface IEventBucket extends IConstruct {
  /** The cloud of the bucket. */
  readonly provider: CloudProvider;
  /** The bucket's name (a token on AWS; the container name on Azure). */
  readonly bucketName: string;
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

/** A shared bucket validated for one cloud. */
export interface BucketSpec {
  readonly cloud: CloudProvider;
  readonly constructPath: string;
  /** Environment variable readers and writers get: `<ID>_BUCKET`. */
  readonly environmentName: string;
}

/** A shared bus validated for one cloud. */
export interface BusSpec {
  readonly cloud: CloudProvider;
  readonly constructPath: string;
  /** Environment variable publishers get: `<ID>_BUS`. */
  readonly environmentName: string;
}

/** A shared topic validated for one cloud. */
export interface TopicSpec {
  readonly cloud: CloudProvider;
  readonly constructPath: string;
  /** Environment variable publishers get: `<ID>_TOPIC`. */
  readonly environmentName: string;
}

const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Checks a topic filter for a cloud and returns it with sorted keys (so
 * output is stable), or undefined when there is none.
 */
export function checkTopicFilter(problems: ProblemCollector, cloud: CloudProvider, prop: string, filter: { [attribute: string]: string[] } | undefined): { [attribute: string]: string[] } | undefined {
  if (filter === undefined) {
    return undefined;
  }
  if (!isStruct(filter)) {
    problems.invalid(prop, 'must be an object of attribute names to lists of values, e.g. { type: ["order"] }', filter);
    return undefined;
  }
  const keys = Object.keys(filter).sort();
  if (keys.length === 0) {
    problems.add(`${prop} is empty: leave it out to receive every message`);
    return undefined;
  }
  let listsValid = true;
  for (const key of keys) {
    const values = filter[key];
    if (!ATTRIBUTE.test(key)) {
      problems.invalid(`${prop} attribute ${JSON.stringify(key)}`, 'must start with a letter or underscore and hold letters, digits, "_", "." or "-"', key);
    }
    if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string' || /["'\\]/.test(v))) {
      problems.invalid(`${prop}.${key}`, 'must be a non-empty list of strings without quotes or backslashes', values);
      listsValid = false;
    }
  }
  if (!listsValid) {
    // The per-cloud checks below read the lists.
    return undefined;
  }
  const label = CLOUD_LABEL[cloud];
  if (cloud === CloudProvider.AZURE) {
    problems.add(`${prop} cannot be expressed on Azure with azurerm 4.55: a Service Bus subscription keeps its $Default rule, which lets every message through, `
      + 'and the provider cannot remove it (terraform-provider-azurerm#20718, fixed after 4.55); filter in the handler or publish to separate topics');
  }
  if (cloud === CloudProvider.AWS && keys.length > 5) {
    problems.add(`${prop} has ${keys.length} attributes; an SNS filter policy on ${label} has at most 5`);
  }
  if (cloud === CloudProvider.GCP) {
    const expression = pubsubFilter(filter);
    if (expression.length > 256) {
      problems.add(`${prop} gives a Pub/Sub filter of ${expression.length} characters; GCP allows 256`);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, [...filter[k]]]));
}

/** The Pub/Sub filter for a topic filter: `(attributes.a = "x" OR attributes.a = "y") AND ...`. */
export function pubsubFilter(filter: { [attribute: string]: string[] }): string {
  return Object.keys(filter).sort()
    .map((k) => `(${filter[k].map((v) => `attributes.${k} = "${v}"`).join(' OR ')})`)
    .join(' AND ');
}

/** The Service Bus SQL filter for a topic filter: `[a] IN ('x', 'y') AND ...`. */
export function serviceBusSqlFilter(filter: { [attribute: string]: string[] }): string {
  return Object.keys(filter).sort()
    .map((k) => `[${k}] IN (${filter[k].map((v) => `'${v}'`).join(', ')})`)
    .join(' AND ');
}

/** `orders-queue` / `OrdersQueue` -> `ORDERS_QUEUE`: the construct id in constant case. */
export function constantCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/** The Pub/Sub filter for an event pattern on GCP, where events carry `source` and `type` attributes. */
export function patternFilter(pattern: { source?: string[]; detailType?: string[] }): string {
  const filter: { [k: string]: string[] } = {};
  if (pattern.source?.length) {
    filter.source = pattern.source;
  }
  if (pattern.detailType?.length) {
    filter.type = pattern.detailType;
  }
  return Object.keys(filter).sort().map((k) => `(${filter[k].map((v) => `attributes.${k} = "${v}"`).join(' OR ')})`).join(' AND ');
}

/** The environment variable a producer or consumer gets for a messaging resource: `<ID>_<KIND>`, e.g. `ORDERS_QUEUE`. */
export function messagingEnvironmentName(id: string, kind: 'QUEUE' | 'TOPIC' | 'BUS' | 'BUCKET'): string {
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
    if (prop === 'retentionDays' && isNumberToken(value)) {
      problems.add(`${prefix}${prop} cannot be an unresolved token: it is converted to each cloud's unit (seconds, an ISO 8601 duration) at synth time`);
    } else {
      checkWholeNumber(problems, `${prefix}${prop}`, value, range, ` on ${label}`);
    }
  }
}
