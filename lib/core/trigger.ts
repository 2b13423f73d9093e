import { HttpAuth, HttpMethod } from './http';
import type { IEventQueue } from './messaging';
import { Schedule } from './schedule';

/**
 * Options of an HTTP trigger.
 */
export interface HttpTriggerOptions {
  /**
   * The request path, starting with `/`. Path parameters use `{name}`.
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
   * @default HttpAuth.PRIVATE
   */
  readonly auth?: HttpAuth;
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
 * The kind of event source of a trigger.
 */
export enum TriggerKind {
  /** An HTTP route. */
  HTTP = 'http',
  /** A queue with a dead-letter queue. */
  QUEUE = 'queue',
  /** A schedule. */
  SCHEDULE = 'schedule',
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
    return new Trigger(TriggerKind.HTTP, options, undefined, undefined, undefined);
  }

  /**
   * Invoke the function with messages from a queue: a new one, or the shared
   * EventQueue given as `queue`. SQS on AWS, a Service Bus queue on Azure, a
   * Pub/Sub topic and push subscription on GCP. Each has a dead-letter queue.
   *
   * @param options batching and retries
   */
  public static queue(options: QueueTriggerOptions = {}): Trigger {
    return new Trigger(TriggerKind.QUEUE, undefined, options, undefined, undefined);
  }

  /**
   * Invoke the function on a schedule: EventBridge Scheduler on AWS, a timer
   * trigger on Azure, Cloud Scheduler on GCP.
   *
   * @param schedule when to fire
   * @param options description
   */
  public static schedule(schedule: Schedule, options: ScheduleTriggerOptions = {}): Trigger {
    return new Trigger(TriggerKind.SCHEDULE, undefined, undefined, schedule, options);
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

  private constructor(
    kind: TriggerKind,
    httpOptions: HttpTriggerOptions | undefined,
    queueOptions: QueueTriggerOptions | undefined,
    scheduleValue: Schedule | undefined,
    scheduleOptions: ScheduleTriggerOptions | undefined,
  ) {
    this.kind = kind;
    this.httpOptions = httpOptions;
    this.queueOptions = queueOptions;
    this.scheduleValue = scheduleValue;
    this.scheduleOptions = scheduleOptions;
  }
}
