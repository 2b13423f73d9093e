import { Construct } from 'constructs';
import { CloudProvider } from '../lib/core/cloud-provider';
import { CirrusValidationError } from '../lib/core/errors';
import { BucketSpec, IEventBucket, messagingEnvironmentName } from '../lib/core/messaging';
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
 * An object store that functions write to, read from and react to with
 * `Trigger.storage({ bucket })`. Private, encrypted, TLS only, versioned,
 * and kept when the stack is deleted.
 *
 * - AWS: an S3 bucket (SSE-S3, public access blocked, EventBridge notifications on).
 * - Azure: a storage account (TLS 1.2, no shared keys, no public blobs) and a blob container.
 * - GCP: a Cloud Storage bucket (uniform access, public access prevention, versioning).
 */
export class EventBucket extends Construct implements IEventBucket {
  /** The cloud of the bucket. */
  public readonly provider: CloudProvider;

  /** The bucket's name (a token on AWS; the blob container's name on Azure). */
  public readonly bucketName: string;

  /**
   * The environment variable that `grantRead` / `grantWrite` set: `<ID>_BUCKET`.
   * It holds the bucket name (AWS, GCP) or the container URL (Azure).
   */
  public readonly environmentName: string;

  private readonly rendered: RenderedMessaging;

  /**
   * @param scope a construct in an aws-cdk-lib Stack, AzureStack or GcpStack
   * @param id the construct id (also names the environment variable)
   */
  constructor(scope: Construct, id: string) {
    super(scope, id);
    DIAGRAM_DESCRIPTIONS.set(this, sharedMessagingDiagram(this, DiagramNodeKind.BUCKET, 'bucket', this.grants));
    this.provider = resolveTarget(scope, this.node.path).provider;
    const spec: BucketSpec = { cloud: this.provider, constructPath: this.node.path, environmentName: messagingEnvironmentName(id, 'BUCKET') };
    this.rendered = loadMessagingRenderer(this.provider, this.node.path).renderBucket(this, spec);
    this.bucketName = this.rendered.name;
    this.environmentName = spec.environmentName;
    this.node.defaultChild = this.rendered.resource;
    writeArchitectureAtSynth(this);
  }

  /**
   * Lets `fn` write objects to this bucket only, and sets `environmentName` on it.
   *
   * @param fn the writer, in the same stack
   */
  public grantWrite(fn: IEventDrivenFunction): void {
    this.checkStack(fn, 'grantWrite');
    this.rendered.grantSend(fn, wiringScope(this, fn));
    this.grants.push({ fn, access: GrantAccess.WRITE });
  }

  /**
   * Lets `fn` read objects of this bucket only, and sets `environmentName` on it.
   *
   * @param fn the reader, in the same stack
   */
  public grantRead(fn: IEventDrivenFunction): void {
    this.checkStack(fn, 'grantRead');
    this.rendered.grantRead!(fn, wiringScope(this, fn));
    this.grants.push({ fn, access: GrantAccess.READ });
  }

  /** The grants given to functions, for the architecture diagram. */
  private readonly grants: MessagingGrant[] = [];


  private checkStack(fn: IEventDrivenFunction, method: string): void {
    const refusal = crossStackRefusal(this, fn);
    if (refusal) {
      throw new CirrusValidationError(this.node.path, [`${method}: ${fn.node.path} is in another stack; ${refusal}`]);
    }
  }
}

markKind(EventBucket, 'EventBucket');
