import { Construct } from 'constructs';
import { CloudProvider } from '../lib/core/cloud-provider';
import { CirrusValidationError } from '../lib/core/errors';
import { IEventTopic, messagingEnvironmentName, TopicSpec } from '../lib/core/messaging';
import { loadMessagingRenderer, RenderedMessaging } from '../lib/targets/load-messaging-renderer';
import { DIAGRAM_DESCRIPTIONS } from '../lib/core/diagram/describe';
import { GrantAccess, MessagingGrant } from '../lib/core/diagram/grants';
import { DiagramNodeKind } from '../lib/core/diagram/graph';
import { resolveTarget } from '../lib/targets/resolve-target';
import { crossStackRefusal, wiringScope } from '../lib/targets/stack-sharing';
import { writeArchitectureAtSynth } from '../lib/targets/architecture-output';
import type { IEventDrivenFunction } from '../lib/core/function-contract';
import { markKind } from '../lib/core/validation';
import { sharedMessagingDiagram } from './diagram/messaging-diagram';

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
    DIAGRAM_DESCRIPTIONS.set(this, sharedMessagingDiagram(this, DiagramNodeKind.TOPIC, 'topic', this.grants));
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
  public grantPublish(fn: IEventDrivenFunction): void {
    const refusal = crossStackRefusal(this, fn);
    if (refusal) {
      throw new CirrusValidationError(this.node.path, [`grantPublish: ${fn.node.path} is in another stack; ${refusal}`]);
    }
    this.rendered.grantSend(fn, wiringScope(this, fn));
    this.grants.push({ fn, access: GrantAccess.PUBLISH });
  }

  /** The grants given to functions, for the architecture diagram. */
  private readonly grants: MessagingGrant[] = [];
}

markKind(EventTopic, 'EventTopic');
