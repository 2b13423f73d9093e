import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { TEXT_LIMITS } from '../core/text-limits';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import type { FunctionSpec, HttpTriggerSpec } from '../core/function-spec';
import { HttpMethod } from '../core/http';
import type { HttpApiSpec } from '../core/http-api-spec';
import { fitName } from '../core/naming';
import type { RenderedHttpApi } from '../targets/load-http-api-renderer';
import { AWS_FUNCTIONS } from './handles';
import { addLoggedStage, addRoutes } from './http-trigger';

/** Access-log retention of an HttpApi's stage (days), as a function's logs by default. */
const ACCESS_LOG_RETENTION_DAYS = 30;

/** Headers a browser may send to a CORS-enabled API: JSON bodies and SigV4 signing. */
const CORS_HEADERS = ['authorization', 'content-type', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-security-token'];

/**
 * An HttpApi on AWS: one API Gateway HTTP API named after the construct
 * path, its throttled, access-logged `$default` stage, and a route
 * `METHOD path` per declared method to each function's live alias (one
 * integration per function). PRIVATE routes use AWS_IAM.
 */
class AwsSharedHttpApi implements RenderedHttpApi {
  public readonly resource: apigw.HttpApi;
  public readonly url: string;
  private readonly iam = new HttpIamAuthorizer();
  private readonly integrations = new Map<string, HttpLambdaIntegration>();

  constructor(private readonly scope: Construct, spec: HttpApiSpec) {
    const origins = spec.corsAllowedOrigins;
    this.resource = new apigw.HttpApi(scope, 'Resource', {
      apiName: fitName(spec.constructPath, TEXT_LIMITS.aws.apiName),
      description: `HTTP API ${spec.constructPath}`,
      createDefaultStage: false,
      corsPreflight: origins.length > 0 ? {
        allowOrigins: origins,
        allowMethods: [apigw.CorsHttpMethod.ANY],
        allowHeaders: CORS_HEADERS,
        maxAge: Duration.hours(1),
      } : undefined,
    });
    addLoggedStage(scope, this.resource, ACCESS_LOG_RETENTION_DAYS, { rateLimit: spec.throttle!.ratePerSecond, burstLimit: spec.throttle!.burst });
    this.url = this.resource.apiEndpoint;
    new CfnOutput(scope, 'Url', { value: this.url, description: `Base URL of ${spec.constructPath}` });
  }

  public addRoutes(fn: Construct, spec: FunctionSpec, triggers: HttpTriggerSpec[]): void {
    const alias = AWS_FUNCTIONS.of(fn).alias;
    let integration = this.integrations.get(spec.constructPath);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, alias);
      this.integrations.set(spec.constructPath, integration);
    }
    for (const t of triggers) {
      // ANY stays one route (`ANY /path`); API Gateway knows it.
      addRoutes(this.scope, this.resource, { ...t, methods: t.methods.includes(HttpMethod.ANY) ? [HttpMethod.ANY] : t.methods }, integration, this.iam, routeIdPrefix(fn));
    }
  }
}

/** A route id prefix unique in the API: the function's path below its stack, as letters and digits. */
function routeIdPrefix(fn: Construct): string {
  return fn.node.path.slice(Stack.of(fn).node.path.length + 1).replace(/[^A-Za-z0-9]/g, '');
}

/** Renders an HttpApi with aws-cdk-lib. */
export function renderHttpApi(scope: Construct, spec: HttpApiSpec): RenderedHttpApi {
  return new AwsSharedHttpApi(scope, spec);
}
