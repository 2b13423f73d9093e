import { RemovalPolicy } from 'aws-cdk-lib';
import { TEXT_LIMITS } from '../core/text-limits';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { HttpAuth } from '../core/http';
import { DEFAULT_THROTTLE } from '../core/http-api-spec';
import { fitName } from '../core/naming';
import type { FunctionSpec, HttpTriggerSpec } from '../core/function-spec';
import { acknowledgeRule, FUNCTION_FINDINGS, skipCheckov } from './scan-annotations';


/** Stage throttling applied to every Cirrus HTTP API (requests per second, burst). */
export const HTTP_THROTTLE = { rateLimit: DEFAULT_THROTTLE.ratePerSecond, burstLimit: DEFAULT_THROTTLE.burst };

/**
 * The `$default` stage of a Cirrus HTTP API: auto-deployed, throttled, with
 * JSON access logs in a log group of its own (`AccessLogs`, `DefaultStage`
 * under `scope`).
 */
export function addLoggedStage(scope: Construct, api: apigw.HttpApi, retentionDays: number, throttle: apigw.ThrottleSettings): apigw.HttpStage {
  const accessLogs = new logs.LogGroup(scope, 'AccessLogs', {
    retention: retentionDays as logs.RetentionDays,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  skipCheckov(accessLogs, 'CKV_AWS_158', FUNCTION_FINDINGS.logGroupKms);
  return new apigw.HttpStage(scope, 'DefaultStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle,
    accessLogSettings: {
      destination: new apigw.LogGroupLogDestination(accessLogs),
      format: AccessLogFormat.custom(JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        caller: '$context.identity.caller',
        user: '$context.identity.user',
        requestTime: '$context.requestTime',
        httpMethod: '$context.httpMethod',
        routeKey: '$context.routeKey',
        status: '$context.status',
        protocol: '$context.protocol',
        responseLength: '$context.responseLength',
        integrationError: '$context.integrationErrorMessage',
      })),
    },
  });
}

/**
 * The function's API Gateway HTTP API: one per function, created with its
 * first HTTP trigger, with an access-logged, throttled `$default` stage.
 */
export class AwsHttpApi extends Construct {
  public readonly api: apigw.HttpApi;
  private readonly integration: HttpLambdaIntegration;
  private readonly iamAuthorizer = new HttpIamAuthorizer();

  constructor(scope: Construct, id: string, fn: lambda.IFunction, spec: FunctionSpec) {
    super(scope, id);
    this.api = new apigw.HttpApi(this, 'Resource', {
      // Named after the function's construct path, so the console tells the APIs apart.
      apiName: fitName(spec.constructPath, TEXT_LIMITS.aws.apiName),
      description: `HTTP API of ${spec.constructPath}`,
      createDefaultStage: false,
    });
    addLoggedStage(this, this.api, spec.logRetentionDays, HTTP_THROTTLE);
    this.integration = new HttpLambdaIntegration('Integration', fn);
  }

  /** Adds the routes of one HTTP trigger: one route per method. */
  public addTrigger(trigger: HttpTriggerSpec): void {
    addRoutes(this, this.api, trigger, this.integration, this.iamAuthorizer);
  }
}

/**
 * The routes of one HTTP trigger, one per method (`<idPrefix><trigger id>`,
 * plus the method when there are several): PUBLIC routes without an
 * authorizer, PRIVATE ones with AWS_IAM.
 */
export function addRoutes(
  scope: Construct, api: apigw.HttpApi, trigger: HttpTriggerSpec, integration: HttpLambdaIntegration, iam: HttpIamAuthorizer, idPrefix = '',
): void {
  for (const method of trigger.methods) {
    const id = `${idPrefix}${trigger.methods.length === 1 ? trigger.id : `${trigger.id}${method}`}`;
    const route = new apigw.HttpRoute(scope, id, {
      httpApi: api,
      routeKey: apigw.HttpRouteKey.with(trigger.path, method as string as apigw.HttpMethod),
      integration,
      authorizer: trigger.auth === HttpAuth.PUBLIC ? new apigw.HttpNoneAuthorizer() : iam,
    });
    if (trigger.auth === HttpAuth.PUBLIC) {
      acknowledgeRule(route, 'AwsSolutions-APIG4', 'The user declared this route HttpAuth.PUBLIC (HttpAuth.PRIVATE, the default, uses AWS_IAM); the stage is throttled and access-logged');
    }
  }
}
