import { Construct } from 'constructs';
import { CloudProvider } from '../lib/core/cloud-provider';
import { CirrusValidationError } from '../lib/core/errors';
import { IEventBus, messagingEnvironmentName, BusSpec } from '../lib/core/messaging';
import { loadMessagingRenderer, RenderedMessaging } from '../lib/targets/load-messaging-renderer';
import { GrantAccess, MessagingGrant } from '../lib/core/diagram/grants';
import { resolveTarget } from '../lib/targets/resolve-target';
import { sharingProblem } from '../lib/targets/sharing';
import { writeArchitectureAtSynth } from '../lib/targets/architecture-output';
import type { EventDrivenFunction } from './event-driven-function';
import { markKind } from '../lib/core/validation';

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
  public grantPublish(fn: EventDrivenFunction): void {
    const problem = sharingProblem(this, fn);
    if (problem) {
      throw new CirrusValidationError(this.node.path, [`grantPublish: ${fn.node.path} cannot publish to this bus: it ${problem}`]);
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

markKind(EventBus, 'EventBus');
