import { Construct } from 'constructs';
import type { HttpApiSpec } from '../core/http-api-spec';
import type { RenderedHttpApi } from '../targets/load-http-api-renderer';

/**
 * An HttpApi of a LocalStack: nothing is created. Its routes are HTTP
 * triggers of the functions' models, which LocalRun serves on its one
 * server (lib/local/run/routes.ts) at LocalRun.url, as it serves every route.
 */
class LocalHttpApi implements RenderedHttpApi {
  public readonly resource: Construct;
  public readonly url = '';

  constructor(scope: Construct, _spec: HttpApiSpec) {
    this.resource = new Construct(scope, 'Resource');
  }

  public addRoutes(): void {
    // The function's model already holds the triggers.
  }
}

/** Records an HttpApi of a LocalStack. */
export function renderHttpApi(scope: Construct, spec: HttpApiSpec): RenderedHttpApi {
  return new LocalHttpApi(scope, spec);
}
