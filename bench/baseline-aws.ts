// Hand-written baseline for AWS: the same resources Cirrus emits for the
// workload, written directly with aws-cdk-lib L2 constructs (deep imports),
// in the same construct tree, so logical ids and templates are identical.
import { App, Duration, NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { DEFAULT_PLACEMENT_GROUPS, hashedGroupId } from '../lib/core/placement';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AWS_NESTED_STACK_ID, awsLayout, awsStackId, BuiltApp, functionId, HANDLER_DIR, HTTP_PATH, Workload } from './workload';

const ACCESS_LOG_FORMAT = JSON.stringify({
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
});

function addQueue(scope: Construct, alias: lambda.Alias): sqs.Queue {
  const deadLetterQueue = new sqs.Queue(scope, 'QueueDeadLetterQueue', {
    removalPolicy: RemovalPolicy.RETAIN,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const queue = new sqs.Queue(scope, 'Queue', {
    removalPolicy: RemovalPolicy.RETAIN,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(4),
    visibilityTimeout: Duration.seconds(180),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 5 },
  });
  alias.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
  return deadLetterQueue;
}

/** CloudWatch alarms (no actions): errors, throttles, p99 duration at 80 % of the timeout, dead letters. */
function addAlarms(scope: Construct, fn: lambda.Function, deadLetterQueue: sqs.Queue | undefined): void {
  const period = Duration.seconds(300);
  const alarm = (id: string, metric: cloudwatch.IMetric, threshold: number, description: string) => new cloudwatch.Alarm(scope, id, {
    metric,
    threshold,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: `${scope.node.path}: ${description}`,
  });
  alarm('ErrorsAlarm', fn.metricErrors({ period, statistic: 'Sum' }), 1, '1 or more failed invocations in 5 min');
  alarm('ThrottlesAlarm', fn.metricThrottles({ period, statistic: 'Sum' }), 1, '1 or more throttled invocations in 5 min');
  alarm('DurationAlarm', fn.metricDuration({ period, statistic: 'p99' }), 24000, 'p99 duration reached 80% of the timeout (24000 ms) in 5 min');
  if (deadLetterQueue) {
    alarm('QueueDeadLetterAlarm', deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }), 1,
      '1 or more messages in the dead-letter queue QueueDeadLetterQueue');
  }
}

function addHttpApi(scope: Construct, alias: lambda.Alias): void {
  const group = new Construct(scope, 'HttpApi');
  const api = new apigw.HttpApi(group, 'Resource', {
    description: `HTTP API of ${scope.node.path}`,
    createDefaultStage: false,
  });
  const accessLogs = new logs.LogGroup(group, 'AccessLogs', { retention: logs.RetentionDays.ONE_MONTH });
  new apigw.HttpStage(group, 'DefaultStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle: { rateLimit: 1000, burstLimit: 500 },
    accessLogSettings: {
      destination: new apigw.LogGroupLogDestination(accessLogs),
      format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
    },
  });
  new apigw.HttpRoute(group, 'Http', {
    httpApi: api,
    routeKey: apigw.HttpRouteKey.with(HTTP_PATH, apigw.HttpMethod.POST),
    integration: new HttpLambdaIntegration('Integration', alias),
    authorizer: new HttpIamAuthorizer(),
  });
}

function addFunction(stack: Construct, i: number, kind: Workload['kind']): void {
  const scope = new Construct(stack, functionId(i));
  const role = new iam.Role(scope, 'ServiceRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Execution role of ${scope.node.path}`,
  });
  const logGroup = new logs.LogGroup(scope, 'LogGroup', { retention: logs.RetentionDays.ONE_MONTH });
  const fn = new lambda.Function(scope, 'Resource', {
    runtime: lambda.Runtime.NODEJS_22_X,
    code: lambda.Code.fromAsset(HANDLER_DIR),
    handler: 'index.handler',
    memorySize: 256,
    timeout: Duration.seconds(30),
    tracing: lambda.Tracing.ACTIVE,
    logGroup,
    role,
  });
  logGroup.grantWrite(role);
  const alias = new lambda.Alias(scope, 'LiveAlias', { aliasName: 'live', version: fn.currentVersion });
  let deadLetterQueue: sqs.Queue | undefined;
  if (kind === 'queue') {
    deadLetterQueue = addQueue(scope, alias);
  } else {
    addHttpApi(scope, alias);
  }
  addAlarms(scope, fn, deadLetterQueue);
}

export function build(w: Workload): BuiltApp {
  const app = new App({ outdir: w.outdir });
  if (process.env.CIRRUS_BENCH_BASELINE_NESTED === '1') {
    // Diagnostic (bench/nested.ts --nested-baseline): the same one stack with NestedStacks written by hand, grouped as Cirrus groups them.
    const stack = new Stack(app, AWS_NESTED_STACK_ID);
    for (let i = 0; i < w.n; i++) {
      const group = hashedGroupId(functionId(i), DEFAULT_PLACEMENT_GROUPS);
      const nested = (stack.node.tryFindChild(group) as NestedStack | undefined) ?? new NestedStack(stack, group);
      addFunction(nested, i, w.kind);
    }
    return { synth: () => { app.synth(); } };
  }
  const stacks: Stack[] = [];
  for (const [s, i] of awsLayout(w.n, w.functionsPerStack)) {
    stacks[s] ??= new Stack(app, awsStackId(s));
    addFunction(stacks[s], i, w.kind);
  }
  return { synth: () => { app.synth(); } };
}
