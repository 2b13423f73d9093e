import { Construct } from 'constructs';
import { CloudProvider } from '../lib/core/cloud-provider';
import { CirrusValidationError, describeValue, ProblemCollector } from '../lib/core/errors';
import { checkDelivery, IEventQueue, messagingEnvironmentName, QueueSpec } from '../lib/core/messaging';
import { loadMessagingRenderer, RenderedMessaging } from '../lib/targets/load-messaging-renderer';
import { DIAGRAM_DESCRIPTIONS } from '../lib/core/diagram/describe';
import { GrantAccess, MessagingGrant } from '../lib/core/diagram/grants';
import { resolveTarget } from '../lib/targets/resolve-target';
import { crossStackRefusal, wiringScope } from '../lib/targets/stack-sharing';
import { writeArchitectureAtSynth } from '../lib/targets/architecture-output';
import type { IEventDrivenFunction } from '../lib/core/function-contract';
import { given, isStruct, markKind } from '../lib/core/validation';
import { queueDiagram } from './diagram/messaging-diagram';

/**
 * Props of an EventQueue.
 */
export interface EventQueueProps {
  /**
   * Deliveries of a message before it moves to the dead-letter queue. AWS:
   * 1-1000, Azure: 1-2000, GCP: 5-100.
   * @default 5
   */
  readonly maxDeliveryAttempts?: number;
  /**
   * How long (days) an unprocessed message is kept. AWS and Azure: 1-14; GCP: 1-7.
   * @default 4
   */
  readonly retentionDays?: number;
}

/**
 * A queue that several functions can share: producers get `grantSend`,
 * consumers use `Trigger.queue({ queue })`. Encrypted, with a dead-letter
 * queue.
 *
 * - AWS: an SQS queue (SSE-SQS, TLS only) and a dead-letter queue (14 days).
 * - Azure: a Service Bus queue (its dead-letter sub-queue) in the stack's namespace.
 * - GCP: a Pub/Sub topic and a dead-letter topic; its single consumer gets the subscription.
 */
export class EventQueue extends Construct implements IEventQueue {
  /** The cloud of the queue. */
  public readonly provider: CloudProvider;

  /** The queue's name (a token on AWS). */
  public readonly queueName: string;

  /** Deliveries of a message before it moves to the dead-letter queue. */
  public readonly maxDeliveryAttempts: number;

  /**
   * The environment variable that `grantSend` sets on a producer: `<ID>_QUEUE`.
   * It holds the queue URL (AWS), `https://<namespace>.servicebus.windows.net/<queue>` (Azure) or the topic id (GCP).
   */
  public readonly environmentName: string;

  /** What the cloud renderer made. */
  private readonly rendered: RenderedMessaging;

  /**
   * @param scope a construct in an aws-cdk-lib Stack, AzureStack or GcpStack
   * @param id the construct id (also names the environment variable)
   * @param props retries and retention
   */
  constructor(scope: Construct, id: string, props: EventQueueProps = {}) {
    super(scope, id);
    DIAGRAM_DESCRIPTIONS.set(this, queueDiagram(this, this.grants));
    const target = resolveTarget(scope, this.node.path);
    this.provider = target.provider;
    if (!isStruct(props)) {
      throw new CirrusValidationError(this.node.path, [`props must be an object such as { maxDeliveryAttempts: 5, retentionDays: 4 } (got ${describeValue(props)})`]);
    }
    const problems = new ProblemCollector();
    const spec: QueueSpec = {
      cloud: this.provider,
      constructPath: this.node.path,
      maxDeliveryAttempts: given(props.maxDeliveryAttempts, 5),
      retentionDays: given(props.retentionDays, 4),
      environmentName: messagingEnvironmentName(id, 'QUEUE'),
    };
    checkDelivery(problems, this.provider, '', spec.maxDeliveryAttempts, spec.retentionDays);
    problems.throwIfAny(this.node.path);
    this.rendered = loadMessagingRenderer(this.provider, this.node.path).renderQueue(this, spec);
    this.queueName = this.rendered.name;
    this.maxDeliveryAttempts = spec.maxDeliveryAttempts;
    this.environmentName = spec.environmentName;
    this.node.defaultChild = this.rendered.resource;
    writeArchitectureAtSynth(this);
  }

  /**
   * Lets `fn` send messages to this queue, and only this queue, and sets
   * `environmentName` on it to the queue's address.
   *
   * @param fn the producer, in the same stack
   */
  public grantSend(fn: IEventDrivenFunction): void {
    const refusal = crossStackRefusal(this, fn);
    if (refusal) {
      throw new CirrusValidationError(this.node.path, [`grantSend: ${fn.node.path} is in another stack; ${refusal}`]);
    }
    this.rendered.grantSend(fn, wiringScope(this, fn));
    this.grants.push({ fn, access: GrantAccess.SEND });
  }

  /** The grants given to functions, for the architecture diagram. */
  private readonly grants: MessagingGrant[] = [];
}

markKind(EventQueue, 'EventQueue');
