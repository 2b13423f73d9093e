import { Construct, IConstruct } from 'constructs';
import { CloudProvider } from '../core/cloud-provider';
import type { FunctionSpec, HttpTriggerSpec } from '../core/function-spec';
import type { HttpApiSpec } from '../core/http-api-spec';
import { requireWithProvider } from './load-renderer';

/** An HttpApi as a cloud renderer made it. */
export interface RenderedHttpApi {
  /** The base URL (a token). */
  readonly url: string;
  /** The main native resource (the escape hatch). */
  readonly resource: IConstruct;
  /**
   * Routes the HTTP triggers of one function (already validated and free of
   * conflicts) to it; `fn` is the EventDrivenFunction, whose native children
   * (`LiveAlias` on AWS, `Resource` on Azure and GCP) are the backend.
   */
  addRoutes(fn: Construct, spec: FunctionSpec, triggers: HttpTriggerSpec[]): void;
}

/** A cloud's HttpApi renderer. */
export interface HttpApiRendererModule {
  renderHttpApi(scope: Construct, spec: HttpApiSpec): RenderedHttpApi;
}

/** Loads one cloud's HttpApi renderer on first use. */
export function loadHttpApiRenderer(cloud: CloudProvider, constructPath: string): HttpApiRendererModule {
  switch (cloud) {
    case CloudProvider.AWS:
      return require('../aws/http-api') as HttpApiRendererModule;
    case CloudProvider.LOCAL:
      return require('../local/http-api') as HttpApiRendererModule;
    case CloudProvider.AZURE:
      return requireWithProvider(cloud, constructPath, () => require('../azure/api-management') as HttpApiRendererModule);
    default:
      return requireWithProvider(cloud, constructPath, () => require('../gcp/api-gateway') as HttpApiRendererModule);
  }
}
