import { Construct, IConstruct } from 'constructs';
import type { IEventDrivenFunction } from '../core/function-contract';
import { CloudProvider } from '../core/cloud-provider';
import type { BucketSpec, BusSpec, QueueSpec, TopicSpec } from '../core/messaging';
import { requireWithProvider } from './load-renderer';

/** A shared messaging resource as a cloud renderer made it. */
export interface RenderedMessaging {
  /** Its name (a token on AWS). */
  readonly name: string;
  /** What producers get in their environment: URL, entity URL or topic id. */
  readonly address: string;
  /** The main native resource (the escape hatch); what consumers need is in the cloud's handle slots (lib/<cloud>/handles.ts). */
  readonly resource: IConstruct;
  /** Grants `fn` the right to send, publish or write, on this resource only, and sets the environment variable. */
  grantSend(fn: IEventDrivenFunction, owner: Construct): void;
  /** Grants `fn` the right to read this resource only (buckets), and sets the environment variable. */
  grantRead?(fn: IEventDrivenFunction, owner: Construct): void;
}

/** A cloud's renderer of shared messaging resources. */
export interface MessagingRendererModule {
  renderQueue(scope: Construct, spec: QueueSpec): RenderedMessaging;
  renderTopic(scope: Construct, spec: TopicSpec): RenderedMessaging;
  renderBus(scope: Construct, spec: BusSpec): RenderedMessaging;
  renderBucket(scope: Construct, spec: BucketSpec): RenderedMessaging;
}

/** Loads one cloud's messaging renderer on first use. */
export function loadMessagingRenderer(cloud: CloudProvider, constructPath: string): MessagingRendererModule {
  switch (cloud) {
    case CloudProvider.AWS:
      return require('../aws/messaging') as MessagingRendererModule;
    case CloudProvider.LOCAL:
      return require('../local/messaging') as MessagingRendererModule;
    case CloudProvider.AZURE:
      return requireWithProvider(cloud, constructPath, () => require('../azure/messaging') as MessagingRendererModule);
    default:
      return requireWithProvider(cloud, constructPath, () => require('../gcp/messaging') as MessagingRendererModule);
  }
}
