import { Construct } from 'constructs';
import { CloudProvider } from '../lib/core/cloud-provider';
import { CirrusValidationError } from '../lib/core/errors';
import { IEventBus, messagingEnvironmentName, BusSpec } from '../lib/core/messaging';
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
 * An event bus that several functions can share: publishers get
 * `grantPublish`, subscribers use `Trigger.eventBus({ bus, pattern })`.
 * Events carry a source and a type (detail type).
 *
 * - AWS: an EventBridge custom event bus (events go in with PutEvents: Source, DetailType, Detail).
 * - Azure: an Event Grid topic taking CloudEvents 1.0 (source, type), Entra ID auth only.
 * - GCP: a Pub/Sub topic; events are messages with `source` and `type` attributes.
 */
export class EventBus extends Construct implements IEventBus {
  /** The cloud of the bus. */
  public readonly provider: CloudProvider;

  /** The bus's name (a token on AWS). */
  public readonly busName: string;

  /**
   * The environment variable that `grantPublish` sets on a publisher: `<ID>_BUS`.
   * It holds the bus name (AWS), the Event Grid topic endpoint (Azure) or the topic id (GCP).
   */
  public readonly environmentName: string;

  private readonly rendered: RenderedMessaging;

  /**
   * @param scope a construct in an aws-cdk-lib Stack, AzureStack or GcpStack
   * @param id the construct id (also names the environment variable)
   */
  constructor(scope: Construct, id: string) {
    super(scope, id);
    DIAGRAM_DESCRIPTIONS.set(this, sharedMessagingDiagram(this, DiagramNodeKind.BUS, 'bus', this.grants));
    this.provider = resolveTarget(scope, this.node.path).provider;
    const spec: BusSpec = { cloud: this.provider, constructPath: this.node.path, environmentName: messagingEnvironmentName(id, 'BUS') };
    this.rendered = loadMessagingRenderer(this.provider, this.node.path).renderBus(this, spec);
    this.busName = this.rendered.name;
    this.environmentName = spec.environmentName;
    this.node.defaultChild = this.rendered.resource;
    writeArchitectureAtSynth(this);
  }

  /**
   * Lets `fn` put events on this bus, and only this bus, and sets
   * `environmentName` on it to the bus's address.
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

markKind(EventBus, 'EventBus');
