import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { TEXT_LIMITS } from '../../core/text-limits';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EdgeEventType } from '../../core/edge/edge-event-type';
import { EDGE_NAME_RULES } from '../../core/edge/edge-names';
import type { EdgeCodeSpec } from '../../core/edge/edge-spec';
import { FunctionCodeKind } from '../../core/function-code';
import { deriveName, fitName, printableDescription } from '../../core/naming';
import { RuntimeFamily } from '../../core/runtime';
import { acknowledgeRule, FUNCTION_FINDINGS, skipCheckov } from '../scan-annotations';

const EVENT: Record<EdgeEventType, cloudfront.LambdaEdgeEventType> = {
  [EdgeEventType.VIEWER_REQUEST]: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST,
  [EdgeEventType.VIEWER_RESPONSE]: cloudfront.LambdaEdgeEventType.VIEWER_RESPONSE,
  [EdgeEventType.ORIGIN_REQUEST]: cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST,
  [EdgeEventType.ORIGIN_RESPONSE]: cloudfront.LambdaEdgeEventType.ORIGIN_RESPONSE,
};

/** Lambda@Edge keeps logs this long in us-east-1 (replicas log in the regions they run in). */
const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

/**
 * Custom code as Lambda@Edge: a function in us-east-1 (the stack's region,
 * checked by lib/core) with its own role, no environment variables, and the
 * published version the distribution associates. The name is fixed so the
 * role can be scoped to the log groups of the function's replicas
 * (`/aws/lambda/us-east-1.<name>` in every region) without a dependency cycle.
 */
export function lambdaAtEdge(scope: Construct, code: EdgeCodeSpec): cloudfront.EdgeLambda {
  const functionName = deriveName(scope.node.path.split('/'), EDGE_NAME_RULES.awsEdgeLambda);
  // aws-cdk-lib adds edgelambda.amazonaws.com to the trust policy when the distribution associates the version.
  const role = new iam.Role(scope, 'EdgeLambdaRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: printableDescription(`Execution role of the Lambda@Edge function of ${scope.node.path}`, TEXT_LIMITS.aws.iamRoleDescription),
  });
  const logGroup = new logs.LogGroup(scope, 'EdgeLambdaLogGroup', {
    logGroupName: `/aws/lambda/${functionName}`, retention: LOG_RETENTION, removalPolicy: RemovalPolicy.RETAIN,
  });
  skipCheckov(logGroup, 'CKV_AWS_158', FUNCTION_FINDINGS.logGroupKms);
  logGroup.grantWrite(role);
  role.addToPolicy(new iam.PolicyStatement({
    actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [`arn:${Aws.PARTITION}:logs:*:${Aws.ACCOUNT_ID}:log-group:/aws/lambda/us-east-1.${functionName}:*`],
  }));
  acknowledgeRule(role, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:*:<AWS::AccountId>:log-group:/aws/lambda/us-east-1.${functionName}:*]`,
    'Lambda@Edge replicas log in the region where they run, to /aws/lambda/us-east-1.<name>: the region is a wildcard, the log group is this function\'s');
  const runtime = new lambda.Runtime(code.lambdaRuntimeId!, code.runtime.family === RuntimeFamily.NODEJS ? lambda.RuntimeFamily.NODEJS : lambda.RuntimeFamily.PYTHON);
  const fn = new lambda.Function(scope, 'EdgeLambda', {
    functionName,
    runtime: [lambda.Runtime.NODEJS_22_X, lambda.Runtime.NODEJS_24_X, lambda.Runtime.PYTHON_3_12, lambda.Runtime.PYTHON_3_13, lambda.Runtime.PYTHON_3_14]
      .find((r) => r.name === runtime.name) ?? runtime,
    code: code.code.kind === FunctionCodeKind.INLINE ? lambda.Code.fromInline(code.code.inlineSource!) : lambda.Code.fromAsset(code.code.assetPath!),
    handler: code.handler,
    memorySize: code.memoryMb,
    timeout: Duration.seconds(code.timeoutSeconds!),
    role,
    description: fitName(`Lambda@Edge (${code.eventType}) of ${scope.node.path}`, TEXT_LIMITS.aws.lambdaDescription),
  });
  fn.node.addDependency(logGroup);
  acknowledgeRule(fn, 'AwsSolutions-L1', FUNCTION_FINDINGS.runtime);
  acknowledgeRule(fn, 'Serverless-LambdaLatestVersion', FUNCTION_FINDINGS.runtime);
  const edgeFailures = 'Lambda@Edge runs synchronously in the request path: CloudFront returns the error to the viewer, and there is no asynchronous invocation to dead-letter';
  acknowledgeRule(fn, 'Serverless-LambdaDLQ', edgeFailures);
  skipCheckov(fn, 'CKV_AWS_116', edgeFailures);
  skipCheckov(fn, 'CKV_AWS_117', 'Lambda@Edge cannot run in a VPC');
  skipCheckov(fn, 'CKV_AWS_173', 'Lambda@Edge has no environment variables');
  skipCheckov(fn, 'CKV_AWS_115', 'Lambda@Edge does not support reserved concurrency');
  return { functionVersion: fn.currentVersion, eventType: EVENT[code.eventType] };
}
