import { Construct } from 'constructs';
import { CloudProvider } from '../lib/core/cloud-provider';
import { CirrusValidationError } from '../lib/core/errors';
import { IEventTopic, messagingEnvironmentName, TopicSpec } from '../lib/core/messaging';
import { loadMessagingRenderer, RenderedMessaging } from '../lib/targets/load-messaging-renderer';
import { GrantAccess, MessagingGrant } from '../lib/core/diagram/grants';
import { resolveTarget } from '../lib/targets/resolve-target';
import { sharingProblem } from '../lib/targets/sharing';
import { writeArchitectureAtSynth } from '../lib/targets/architecture-output';
import type { EventDrivenFunction } from './event-driven-function';
import { markKind } from '../lib/core/validation';

/**
 * A topic that several functions can share: publishers get `grantPublish`,
 * subscribers use `Trigger.topic({ topic, filter? })`, each with a
 * subscription and dead-letter path of its own (fan-out).
 *
 * - AWS: an SNS topic encrypted with the AWS managed key, TLS only.
 * - Azure: a Service Bus topic in the stack's namespace.
 * - GCP: a Pub/Sub topic.
 */
export class EventTopic extends Construct implements IEventTopic {
  /** The cloud of the topic. */
  public readonly provider: CloudProvider;

  /** The topic's name (a token on AWS). */
  public readonly topicName: string;

  /**
   * The environment variable that `grantPublish` sets on a publisher: `<ID>_TOPIC`.
   * It holds the topic ARN (AWS), `https://<namespace>.servicebus.windows.net/<topic>` (Azure) or the topic id (GCP).
   */
  public readonly environmentName: string;

  private readonly rendered: RenderedMessaging;

  /**
   * @param scope a construct in an aws-cdk-lib Stack, AzureStack or GcpStack
   * @param id the construct id (also names the environment variable)
   */
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.provider = resolveTarget(scope, this.node.path).provider;
    const spec: TopicSpec = { cloud: this.provider, constructPath: this.node.path, environmentName: messagingEnvironmentName(id, 'TOPIC') };
    this.rendered = loadMessagingRenderer(this.provider, this.node.path).renderTopic(this, spec);
    this.topicName = this.rendered.name;
    this.environmentName = spec.environmentName;
    this.node.defaultChild = this.rendered.resource;
    writeArchitectureAtSynth(this);
  }

  /**
   * Lets `fn` publish to this topic, and only this topic, and sets
   * `environmentName` on it to the topic's address.
   *
   * @param fn the publisher, in the same stack
   */
  public grantPublish(fn: EventDrivenFunction): void {
    const problem = sharingProblem(this, fn);
    if (problem) {
      throw new CirrusValidationError(this.node.path, [`grantPublish: ${fn.node.path} cannot publish to this topic: it ${problem}`]);
    }
    this.rendered.grantSend(fn, this);
    this.grants.push({ fn, access: GrantAccess.PUBLISH });
  }

  /**
   * The grants given to functions, for the architecture diagram.
   * @internal
   */
  public get _grants(): MessagingGrant[] {
    return [...this.grants];
  }

  private readonly grants: MessagingGrant[] = [];

  /**
   * What the cloud renderer made, for subscribers.
   * @internal
   */
  public get _rendered(): RenderedMessaging {
    return this.rendered;
  }
}

markKind(EventTopic, 'EventTopic');
