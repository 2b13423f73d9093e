import { Construct, IConstruct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import { CloudProvider } from '../core/cloud-provider';
import type { EdgeSpec } from '../core/edge/edge-spec';
import { requireWithProvider } from './load-renderer';

/** What EdgeFunction hands a cloud's edge renderer besides the spec. */
export interface EdgeRenderInput {
  /**
   * Azure and GCP: the regional functions that run the custom code, one per
   * region, already created by EdgeFunction (empty without code).
   */
  readonly regionalFunctions: EventDrivenFunction[];
}

/** What a cloud's edge renderer hands back to EdgeFunction. */
export interface RenderedEdge {
  /** The main native resource (distribution, Front Door profile, URL map): the escape hatch. */
  readonly resource: IConstruct;
  /** The URL viewers use (a token). */
  readonly url: string;
  /** The host name (or, on GCP without domainNames, the IP address) viewers use (a token). */
  readonly domainName: string;
}

/** A cloud's edge renderer module, loaded lazily. */
export interface EdgeRendererModule {
  renderEdge(scope: Construct, spec: EdgeSpec, input: EdgeRenderInput): RenderedEdge;
}

/**
 * Loads the edge renderer of one cloud on first use, so an app loads only
 * the engine and provider modules of the clouds it targets.
 */
export function loadEdgeRenderer(cloud: CloudProvider, constructPath: string): EdgeRendererModule {
  switch (cloud) {
    case CloudProvider.AWS:
      return require('../aws/edge/edge-renderer') as EdgeRendererModule;
    case CloudProvider.LOCAL:
      return require('../local/not-emulated') as EdgeRendererModule;
    case CloudProvider.AZURE:
      return requireWithProvider(cloud, constructPath, () => require('../azure/edge/edge-renderer') as EdgeRendererModule);
    default:
      return requireWithProvider(cloud, constructPath, () => require('../gcp/edge/edge-renderer') as EdgeRendererModule);
  }
}
