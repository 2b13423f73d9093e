import { Construct } from 'constructs';
import { CloudProvider } from '../lib/core/cloud-provider';
import { CirrusValidationError, describeValue } from '../lib/core/errors';
import type { FunctionSpec, HttpTriggerSpec } from '../lib/core/function-spec';
import { HttpAuth } from '../lib/core/http';
import { ApiRoute, buildHttpApiSpec, HTTP_API_SPECS, HttpApiSpec, HttpApiThrottle, IHttpApi, routeConflicts, routeProblemsFor } from '../lib/core/http-api-spec';
import { withShortTokenTraces } from '../lib/targets/cdktf-engine';
import { loadHttpApiRenderer, RenderedHttpApi } from '../lib/targets/load-http-api-renderer';
import { resolveTarget } from '../lib/targets/resolve-target';
import { isStruct, markKind } from '../lib/core/validation';

/**
 * Props of an HttpApi.
 */
export interface HttpApiProps {
  /**
   * Who may call the routes that set no `auth` of their own. PRIVATE: AWS
   * IAM (SigV4); Azure an API Management subscription key; GCP a Google ID
   * token (validated by API Gateway).
   * @default HttpAuth.PRIVATE
   */
  readonly auth?: HttpAuth;
  /**
   * Origins browsers may call the API from (CORS), e.g.
   * `['https://shop.example.com']`. AWS and Azure; not on GCP, whose API
   * Gateway does not answer preflight requests.
   * @default - none: no CORS headers
   */
  readonly corsAllowedOrigins?: string[];
  /**
   * Request rate limits. AWS: the stage's default route throttling; Azure:
   * a rate-limit policy per subscription key (PRIVATE APIs only); not on GCP.
   * @default - AWS: 1000 requests per second, burst 500; Azure: 1000 calls per second per subscription; GCP: none
   */
  readonly throttle?: HttpApiThrottle;
  /**
   * Who runs the API: Azure API Management's publisher email (required on
   * Azure, where it receives the service's notifications; unused elsewhere).
   * @default - none (required on Azure)
   */
  readonly contactEmail?: string;
}

/**
 * One HTTPS endpoint for a system: routes (`Trigger.http({ api, path,
 * methods })`) of many functions behind one base URL, paths and methods
 * enforced, on every cloud.
 *
 * - AWS: an API Gateway HTTP API with a throttled, access-logged `$default` stage.
 * - Azure: API Management in the Consumption tier, one operation per route and method.
 * - GCP: API Gateway (google-beta provider) from a generated OpenAPI 2.0 document.
 * - LocalStack: LocalRun serves the routes at its own URL.
 */
export class HttpApi extends Construct implements IHttpApi {
  /** The cloud this API renders for. */
  public readonly provider: CloudProvider;

  /** The API's base URL (a token; also a stack output). Empty on a LocalStack: LocalRun.url serves the routes there. */
  public readonly url: string;

  private readonly spec: HttpApiSpec;
  private readonly rendered: RenderedHttpApi;
  private readonly routes: ApiRoute[] = [];

  /**
   * @param scope a construct in an aws-cdk-lib Stack, AzureStack, GcpStack or LocalStack
   * @param id the construct id
   * @param props auth, CORS and throttling
   */
  constructor(scope: Construct, id: string, props: HttpApiProps = {}) {
    super(scope, id);
    const target = resolveTarget(scope, this.node.path);
    this.provider = target.provider;
    if (!isStruct(props)) {
      throw new CirrusValidationError(this.node.path, [`props must be an object such as { auth: HttpAuth.PRIVATE } (got ${describeValue(props)})`]);
    }
    // An AzureStack names the vault of its secrets (keyVaultName); other stacks have none.
    const stackVault = target.stack as { keyVaultName?: string };
    this.spec = HTTP_API_SPECS.set(this, buildHttpApiSpec(this.provider, this.node.path, props, { keyVaultName: stackVault.keyVaultName }));
    this.rendered = this.withEngine(() => loadHttpApiRenderer(this.provider, this.node.path).renderHttpApi(this, this.spec));
    this.url = this.rendered.url;
    this.node.defaultChild = this.rendered.resource;
  }

  /**
   * The validated spec, for the functions that route to it.
   * @internal
   */
  public get _spec(): HttpApiSpec {
    return this.spec;
  }

  /**
   * The routes so far, for the architecture diagram and cost estimates.
   * @internal
   */
  public get _routes(): ApiRoute[] {
    return [...this.routes];
  }

  /**
   * Records a function's routes, or throws naming both functions of a
   * conflict (or what this cloud cannot express). Called before the function renders.
   * @internal
   */
  public _claimRoutes(functionPath: string, triggers: HttpTriggerSpec[]): void {
    const added = triggers.map((t) => ({ functionPath, triggerId: t.id, path: t.path, methods: t.methods, auth: t.auth }));
    const problems = [...routeConflicts(this.node.path, this.routes, added), ...routeProblemsFor(this.spec, this.routes, added)];
    if (problems.length > 0) {
      throw new CirrusValidationError(functionPath, problems);
    }
    this.routes.push(...added);
  }

  /**
   * Routes a rendered function's claimed triggers to it.
   * @internal
   */
  public _renderRoutes(fn: Construct, spec: FunctionSpec, triggers: HttpTriggerSpec[]): void {
    this.withEngine(() => this.rendered.addRoutes(fn, spec, triggers));
  }

  private withEngine<T>(render: () => T): T {
    return this.provider === CloudProvider.AZURE || this.provider === CloudProvider.GCP ? withShortTokenTraces(render) : render();
  }
}

markKind(HttpApi, 'HttpApi');
