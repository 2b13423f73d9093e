import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { GoogleApiGatewayApi } from '@cdktf/provider-google-beta/lib/google-api-gateway-api';
import { GoogleApiGatewayApiConfigA } from '@cdktf/provider-google-beta/lib/google-api-gateway-api-config';
import { GoogleApiGatewayGateway } from '@cdktf/provider-google-beta/lib/google-api-gateway-gateway';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';
import { Fn, Lazy, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import type { FunctionSpec, HttpTriggerSpec } from '../core/function-spec';
import { HttpAuth } from '../core/http';
import { explicitMethods, HttpApiSpec, openApiPath, pathParameters } from '../core/http-api-spec';
import { StackShared } from '../core/stack-shared';
import type { RenderedHttpApi } from '../targets/load-http-api-renderer';
import { GCP_FUNCTIONS } from './handles';
import { displayName, gcpName } from './names';
import { enabledApis, gcpStackOf, needsApis } from './stack-services';

/**
 * The Google APIs an API Gateway needs besides Cirrus's usual ones
 * (https://cloud.google.com/api-gateway/docs/secure-traffic-gcloud#enabling_required_services).
 * Enabled on first use only, so stacks without an HttpApi keep their addresses.
 */
const GATEWAY_APIS = ['apigateway', 'servicemanagement', 'servicecontrol'];

/**
 * Google ID tokens, as API Gateway validates them
 * (https://cloud.google.com/api-gateway/docs/authenticating-users-googleid).
 */
const GOOGLE_ID_TOKEN = {
  issuer: 'https://accounts.google.com',
  jwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
};

/** The security definition PRIVATE operations require. */
const SECURITY_NAME = 'google_id_token';

/** The stack's google-beta provider (API Gateway is a beta resource), with the google provider's settings. */
const BETA_PROVIDER = new StackShared((stack: GcpStack) => new GoogleBetaProvider(stack, 'google-beta', {
  project: stack.project,
  region: stack.region,
  defaultLabels: Object.keys(stack.labels).length > 0 ? { ...stack.labels } : undefined,
}));

/** The API Gateway services, enabled once per stack (never disabled on destroy), unless the stack manages no APIs. */
function gatewayApis(stack: GcpStack): ProjectService[] | undefined {
  return enabledApis(stack, ...GATEWAY_APIS);
}

/** One OpenAPI operation: a route's method to one function. */
interface Operation {
  readonly path: string;
  readonly method: string;
  readonly operationId: string;
  readonly backend: string;
  readonly deadlineSeconds: number;
  readonly auth: HttpAuth;
  readonly parameters: string[];
}

/**
 * An HttpApi on GCP: API Gateway (google-beta) with an API, an API config
 * from an OpenAPI 2.0 document generated from the routes, and a gateway in
 * the stack's region. Each operation has an `x-google-backend` to its
 * function's Cloud Run URL with APPEND_PATH_TO_ADDRESS (the function sees the
 * request path as on the other clouds), and the gateway calls it as a
 * service account of its own, which holds roles/run.invoker on each backend
 * service and nothing else; no backend is public. PRIVATE operations require
 * a Google ID token whose audience is the API's managed service name.
 */
class GcpApiGateway implements RenderedHttpApi {
  public readonly resource: GoogleApiGatewayGateway;
  public readonly url: string;
  private readonly operations: Operation[] = [];
  private readonly account: ServiceAccount;
  private readonly api: GoogleApiGatewayApi;

  constructor(private readonly scope: Construct, private readonly spec: HttpApiSpec) {
    const stack = gcpStackOf(scope);
    const provider = BETA_PROVIDER.of(stack);
    const services = gatewayApis(stack);
    this.account = new ServiceAccount(scope, 'GatewayServiceAccount', {
      accountId: gcpName(scope, 'gcpServiceAccount', 'gateway'),
      displayName: displayName(`API Gateway ${spec.constructPath}: invokes its backends`),
      dependsOn: needsApis(stack, 'iam'),
    });
    this.api = new GoogleApiGatewayApi(scope, 'Api', {
      provider,
      apiId: gcpName(scope, 'gcpApiGateway'),
      displayName: displayName(spec.constructPath),
      dependsOn: services,
    });
    const config = new GoogleApiGatewayApiConfigA(scope, 'Config', {
      provider,
      api: this.api.apiId,
      // A config cannot change in place: a new one (a fresh id from the prefix) replaces it, before the old one goes.
      apiConfigIdPrefix: `${gcpName(scope, 'gcpApiConfigPrefix')}-`,
      displayName: displayName(spec.constructPath),
      openapiDocuments: [{
        document: {
          path: 'openapi.json',
          contents: Lazy.stringValue({ produce: () => Fn.base64encode(Fn.jsonencode(this.document())) }),
        },
      }],
      gatewayConfig: { backendConfig: { googleServiceAccount: this.account.email } },
      lifecycle: { createBeforeDestroy: true },
    });
    this.resource = new GoogleApiGatewayGateway(scope, 'Resource', {
      provider,
      gatewayId: gcpName(scope, 'gcpApiGateway'),
      apiConfig: config.id,
      region: stack.region,
      displayName: displayName(spec.constructPath),
    });
    this.url = `https://${this.resource.defaultHostname}`;
    new TerraformOutput(scope, 'Url', { value: this.url, description: `Base URL of ${spec.constructPath}` });
    new TerraformOutput(scope, 'Audience', {
      value: this.api.managedService,
      description: `The audience of the Google ID tokens that PRIVATE routes of ${spec.constructPath} require`,
    });
  }

  public addRoutes(fn: Construct, spec: FunctionSpec, triggers: HttpTriggerSpec[]): void {
    const fnResource = GCP_FUNCTIONS.of(fn).fn;
    const stack = gcpStackOf(fn);
    const prefix = fn.node.path.split('/').slice(1).join('_').replace(/[^A-Za-z0-9_]/g, '');
    if (!this.scope.node.tryFindChild(`${prefix}Invoker`)) {
      // The gateway's identity may invoke this function's Cloud Run service, nothing more.
      new CloudRunV2ServiceIamMember(this.scope, `${prefix}Invoker`, {
        project: stack.project,
        location: spec.region ?? stack.region,
        name: fnResource.name,
        role: 'roles/run.invoker',
        member: this.account.member,
        dependsOn: [fnResource],
      });
    }
    for (const t of triggers) {
      for (const method of explicitMethods(t.methods)) {
        this.operations.push({
          path: openApiPath(t.path),
          method: method.toLowerCase(),
          operationId: `${prefix}_${t.id}_${method}`,
          backend: fnResource.serviceConfig.uri,
          deadlineSeconds: spec.timeoutSeconds,
          auth: t.auth,
          parameters: pathParameters(t.path).map((p) => p.name),
        });
      }
    }
  }

  /** The OpenAPI 2.0 document of the routes (https://cloud.google.com/api-gateway/docs/openapi-overview). */
  private document(): object {
    const paths: Record<string, Record<string, object>> = {};
    for (const op of this.operations) {
      paths[op.path] ??= {};
      paths[op.path][op.method] = {
        operationId: op.operationId,
        parameters: op.parameters.length > 0 ? op.parameters.map((name) => ({ in: 'path', name, required: true, type: 'string' })) : undefined,
        // https://cloud.google.com/api-gateway/docs/oasv2-extensions#x-google-backend
        'x-google-backend': {
          address: op.backend,
          path_translation: 'APPEND_PATH_TO_ADDRESS',
          jwt_audience: op.backend,
          deadline: op.deadlineSeconds,
        },
        security: op.auth === HttpAuth.PRIVATE ? [{ [SECURITY_NAME]: [] }] : [],
        responses: { default: { description: 'The function\'s response' } },
      };
    }
    return {
      'swagger': '2.0',
      'info': { title: this.spec.constructPath, version: '1.0.0' },
      'schemes': ['https'],
      // Only the declared paths and methods pass (the default, stated): https://cloud.google.com/api-gateway/docs/oasv2-extensions#x-google-allow
      'x-google-allow': 'configured',
      'securityDefinitions': {
        [SECURITY_NAME]: {
          'type': 'oauth2',
          'flow': 'implicit',
          'authorizationUrl': '',
          'x-google-issuer': GOOGLE_ID_TOKEN.issuer,
          'x-google-jwks_uri': GOOGLE_ID_TOKEN.jwksUri,
          'x-google-audiences': this.api.managedService,
        },
      },
      paths,
    };
  }
}

/** Renders an HttpApi as Google API Gateway with cdktf (google-beta). */
export function renderHttpApi(scope: Construct, spec: HttpApiSpec): RenderedHttpApi {
  return new GcpApiGateway(scope, spec);
}
