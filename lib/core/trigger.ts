import { HttpAuth, HttpMethod } from './http';
import type { IHttpApi } from './http-api-spec';
import type { IEventBucket, IEventBus, IEventQueue, IEventTopic } from './messaging';
import { Schedule } from './schedule';
import { markKind } from './validation';

/**
 * Options of an HTTP trigger.
 */
export interface HttpTriggerOptions {
  /**
   * The request path, starting with `/`. Path parameters use `{name}`; a
   * last segment `{name+}` is greedy and takes every deeper path (`/{proxy+}`
   * routes every request to the function: API Gateway `{proxy+}`, Azure
   * `{*proxy}`; a GCP function URL takes every path anyway).
   * @default '/'
   */
  readonly path?: string;
  /**
   * The methods the route accepts.
   * @default [HttpMethod.ANY]
   */
  readonly methods?: HttpMethod[];
  /**
   * Who may call the route.
   * @default - the api's auth when `api` is given, else HttpAuth.PRIVATE
   */
  readonly auth?: HttpAuth;
  /**
   * The HttpApi that serves the route: one base URL with every route of the
   * system (an API Gateway HTTP API on AWS, API Management on Azure, API
   * Gateway on GCP). Without it the function gets an endpoint of its own.
   * @default - the function's own endpoint, as before HttpApi existed
   */
  readonly api?: IHttpApi;
}

/**
 * Options of a queue trigger. The trigger creates an encrypted queue with a
 * dead-letter queue and delivers its messages to the function in batches.
 */
export interface QueueTriggerOptions {
  /**
   * An existing queue to consume (an EventQueue). Its own retry and retention
   * settings apply, so maxDeliveryAttempts and retentionDays are not given here.
   * @default - the trigger creates a queue of its own
   */
  readonly queue?: IEventQueue;
  /**
   * The most messages handed to one invocation. AWS SQS: 1-10000 (above 10
   * needs maxBatchingWindowSeconds); Azure Service Bus: 1-100; GCP Pub/Sub
   * push delivers one message per request, so only 1 is allowed there.
   * @default 10 on AWS and Azure, 1 on GCP
   */
  readonly batchSize?: number;
  /**
   * Deliveries of a message before it moves to the dead-letter queue.
   * AWS: 1-1000, Azure: 1-2000, GCP: 5-100.
   * @default 5
   */
  readonly maxDeliveryAttempts?: number;
  /**
   * How long (seconds) AWS waits to fill a batch. AWS only; 0-300.
   * @default 0
   */
  readonly maxBatchingWindowSeconds?: number;
  /**
   * How long (days) an unprocessed message is kept, on the queue and the
   * dead-letter queue. AWS: 1-14, Azure: 1-14 (Standard tier), GCP: 1-7.
   * @default 4
   */
  readonly retentionDays?: number;
}

/**
 * Options of a schedule trigger.
 */
export interface ScheduleTriggerOptions {
  /**
   * A description of the schedule, shown in the cloud console.
   * @default - none
   */
  readonly description?: string;
}

/**
 * Options of a topic trigger: the function gets every message published to
 * the topic (its own subscription, with its own dead-letter path), or those
 * matching `filter`.
 */
export interface TopicTriggerOptions {
  /**
   * An existing topic (an EventTopic).
   * @default - the trigger creates a topic of its own
   */
  readonly topic?: IEventTopic;
  /**
   * Deliver only messages whose attributes match: each key is an attribute
   * name, its list the values allowed (any of them); all keys must match.
   * AWS: an SNS filter policy (at most 5 attributes); Azure: a SQL filter on
   * application properties; GCP: a Pub/Sub filter (at most 256 characters).
   * @default - every message
   */
  readonly filter?: { [attribute: string]: string[] };
  /**
   * Deliveries of a message before it goes to the dead-letter destination.
   * AWS: 1-3 (the first asynchronous invocation and up to 2 retries); Azure:
   * 1-2000; GCP: 5-100.
   * @default 3 on AWS, 5 on Azure and GCP
   */
  readonly maxDeliveryAttempts?: number;
  /**
   * How long (seconds) an undelivered message is kept trying. AWS: 60-21600
   * (asynchronous invocation maximum event age); Azure: 60-1209600 (the
   * subscription's message time to live); GCP: 600-604800 (the subscription's
   * message retention).
   * @default 21600 on AWS, 345600 (4 days) on Azure and GCP
   */
  readonly maxEventAgeSeconds?: number;
}

/**
 * Which events of a bus reach a function: an event matches when its source is
 * one of `source` and its type one of `detailType` (a missing list matches any).
 */
export interface EventPattern {
  /**
   * Allowed sources, e.g. `['com.acme.orders']`.
   * @default - any source
   */
  readonly source?: string[];
  /**
   * Allowed event types (EventBridge detail-type, CloudEvents type), e.g. `['OrderPlaced']`.
   * @default - any type
   */
  readonly detailType?: string[];
}

/**
 * Options of an event-bus trigger.
 */
export interface EventBusTriggerOptions {
  /**
   * An existing bus (an EventBus).
   * @default - AWS: the account's default event bus; Azure and GCP: a bus of the trigger's own
   */
  readonly bus?: IEventBus;
  /** Which events to deliver: at least a source or a detail type. */
  readonly pattern: EventPattern;
  /**
   * Deliveries of an event before it goes to the dead-letter destination.
   * AWS: 1-3 (asynchronous invocation); Azure: 1-30 (Event Grid); GCP: 5-100.
   * @default 3 on AWS, 5 on Azure and GCP
   */
  readonly maxDeliveryAttempts?: number;
  /**
   * How long (seconds) an undelivered event is kept trying. AWS: 60-21600;
   * Azure: 60-86400 in whole minutes (Event Grid time to live); GCP: 600-604800.
   * @default 21600 on AWS, 86400 on Azure, 345600 on GCP
   */
  readonly maxEventAgeSeconds?: number;
}

/**
 * What happened to an object in a bucket.
 */
export enum StorageEvent {
  /** An object was created or overwritten. */
  OBJECT_CREATED = 'created',
  /** An object was deleted. */
  OBJECT_DELETED = 'deleted',
}

/**
 * Options of a storage trigger.
 */
export interface StorageTriggerOptions {
  /**
   * An existing bucket (an EventBucket).
   * @default - the trigger creates a bucket of its own
   */
  readonly bucket?: IEventBucket;
  /**
   * The object events that invoke the function.
   * @default [StorageEvent.OBJECT_CREATED]
   */
  readonly events?: StorageEvent[];
  /**
   * Only objects whose name starts with this, e.g. `invoices/`.
   * @default - every object
   */
  readonly prefix?: string;
  /**
   * Only objects whose name ends with this, e.g. `.pdf`. Not on GCP, whose
   * bucket notifications filter by prefix only.
   * @default - every object
   */
  readonly suffix?: string;
  /**
   * Deliveries of an event before it goes to the dead-letter destination.
   * AWS: 1-3; Azure: 1-30; GCP: 5-100.
   * @default 3 on AWS, 5 on Azure and GCP
   */
  readonly maxDeliveryAttempts?: number;
  /**
   * How long (seconds) an undelivered event is kept trying. AWS: 60-21600;
   * Azure: 60-86400 in whole minutes; GCP: 600-604800.
   * @default 21600 on AWS, 86400 on Azure, 345600 on GCP
   */
  readonly maxEventAgeSeconds?: number;
}

/**
 * The kind of event source of a trigger.
 */
export enum TriggerKind {
  /** An HTTP route. */
  HTTP = 'http',
  /** A queue with a dead-letter queue. */
  QUEUE = 'queue',
  /** A schedule. */
  SCHEDULE = 'schedule',
  /** A topic subscription. */
  TOPIC = 'topic',
  /** An event-bus rule or subscription. */
  EVENT_BUS = 'event-bus',
  /** Object events of a bucket. */
  STORAGE = 'storage',
}

/** The options of one trigger, by kind. */
interface TriggerConfig {
  readonly http?: HttpTriggerOptions;
  readonly queue?: QueueTriggerOptions;
  readonly schedule?: Schedule;
  readonly scheduleOptions?: ScheduleTriggerOptions;
  readonly topic?: TopicTriggerOptions;
  readonly eventBus?: EventBusTriggerOptions;
  readonly storage?: StorageTriggerOptions;
}

/**
 * An event source that invokes an EventDrivenFunction.
 */
export class Trigger {
  /**
   * Invoke the function for HTTP requests: an API Gateway HTTP API route on
   * AWS, an HTTP-triggered function on Azure, the function's HTTPS endpoint on
   * GCP.
   *
   * @param options the route
   */
  public static http(options: HttpTriggerOptions = {}): Trigger {
    return new Trigger(TriggerKind.HTTP, { http: options });
  }

  /**
   * Invoke the function with messages from a queue: a new one, or the shared
   * EventQueue given as `queue`. SQS on AWS, a Service Bus queue on Azure, a
   * Pub/Sub topic and push subscription on GCP. Each has a dead-letter queue.
   *
   * @param options batching and retries
   */
  public static queue(options: QueueTriggerOptions = {}): Trigger {
    return new Trigger(TriggerKind.QUEUE, { queue: options });
  }

  /**
   * Invoke the function on a schedule: EventBridge Scheduler on AWS, a timer
   * trigger on Azure, Cloud Scheduler on GCP.
   *
   * @param schedule when to fire
   * @param options description
   */
  public static schedule(schedule: Schedule, options: ScheduleTriggerOptions = {}): Trigger {
    return new Trigger(TriggerKind.SCHEDULE, { schedule, scheduleOptions: options });
  }

  /**
   * Invoke the function for messages published to a topic, through a
   * subscription of its own with a dead-letter path: an SNS subscription
   * (asynchronous invocation with an on-failure queue) on AWS, a Service Bus
   * topic subscription on Azure, a Pub/Sub push subscription on GCP.
   *
   * @param options the topic, a filter and retries
   */
  public static topic(options: TopicTriggerOptions = {}): Trigger {
    return new Trigger(TriggerKind.TOPIC, { topic: options });
  }

  /**
   * Invoke the function for events on a bus that match a pattern: an
   * EventBridge rule (asynchronous invocation with a dead-letter queue and an
   * on-failure queue) on AWS, an Event Grid subscription (CloudEvents, with
   * blob dead-lettering) on Azure, a filtered Pub/Sub push subscription on GCP.
   *
   * @param options the bus, the pattern and retries
   */
  public static eventBus(options: EventBusTriggerOptions): Trigger {
    return new Trigger(TriggerKind.EVENT_BUS, { eventBus: options });
  }

  /**
   * Invoke the function when objects are created or deleted in a bucket:
   * S3 events through EventBridge (asynchronous invocation with dead-letter
   * and on-failure queues) on AWS, Blob Storage events through an Event Grid
   * system topic on Azure, Cloud Storage notifications through Pub/Sub on GCP.
   *
   * @param options the bucket, events, name filters and retries
   */
  public static storage(options: StorageTriggerOptions = {}): Trigger {
    return new Trigger(TriggerKind.STORAGE, { storage: options });
  }

  /** The kind of event source. */
  public readonly kind: TriggerKind;

  /** The route, for HTTP triggers. */
  public readonly httpOptions?: HttpTriggerOptions;

  /** Batching and retries, for QUEUE triggers. */
  public readonly queueOptions?: QueueTriggerOptions;

  /** When to fire, for SCHEDULE triggers. */
  public readonly scheduleValue?: Schedule;

  /** Options, for SCHEDULE triggers. */
  public readonly scheduleOptions?: ScheduleTriggerOptions;

  /** The topic, filter and retries, for TOPIC triggers. */
  public readonly topicOptions?: TopicTriggerOptions;

  /** The bus, pattern and retries, for EVENT_BUS triggers. */
  public readonly eventBusOptions?: EventBusTriggerOptions;

  /** The bucket, events, filters and retries, for STORAGE triggers. */
  public readonly storageOptions?: StorageTriggerOptions;

  private constructor(kind: TriggerKind, config: TriggerConfig) {
    this.kind = kind;
    this.httpOptions = config.http;
    this.queueOptions = config.queue;
    this.scheduleValue = config.schedule;
    this.scheduleOptions = config.scheduleOptions;
    this.topicOptions = config.topic;
    this.eventBusOptions = config.eventBus;
    this.storageOptions = config.storage;
  }
}

markKind(Trigger, 'Trigger');
