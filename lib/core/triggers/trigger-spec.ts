import type { HttpAuth, HttpMethod } from '../http';
import type { IHttpApi } from '../http-api-spec';
import type { IEventBucket, IEventBus, IEventQueue, IEventTopic } from '../messaging';
import type { StorageEvent, TriggerKind } from '../trigger';

// The triggers of a function as the renderers receive them: validated for one cloud, defaults applied, each with its id.

export interface HttpTriggerSpec {
  readonly kind: TriggerKind.HTTP;
  readonly id: string;
  readonly path: string;
  readonly methods: HttpMethod[];
  readonly auth: HttpAuth;
  /** The HttpApi that serves the route, if any (else the function's own endpoint). */
  readonly api?: IHttpApi;
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
