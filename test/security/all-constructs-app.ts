// A test app that uses every Cirrus construct and option, on every cloud that
// supports it: the security scans (cdk-nag, cfn-lint, checkov, the
// least-privilege and removal-policy tests) run over it as well as over the
// bundled examples, so a construct or option no example uses is scanned too.
import * as aws from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import { Construct } from 'constructs';
import {
  AlarmChannel, AlarmTarget, AzureStack, BudgetEnforcement, BudgetThreshold, CloudProvider, CostBudgetGuard, EdgeCodeKind, EdgeEventType,
  EdgeFunction, EdgeOrigin, EdgeRule, EstimateCheck, EventBucket, EventBus, EventDrivenFunction, EventQueue, EventTopic, FunctionAlarms,
  FunctionCode, FunctionRuntime, GcpStack, HttpApi, HttpAuth, HttpMethod, ProvisionedWarmPool, Schedule, SecretRef, StorageEvent, Trigger,
} from '../../index';

const HANDLER = FunctionCode.fromInline('exports.handler = async () => ({ statusCode: 200, body: "ok" });');
const PYTHON_HANDLER = FunctionCode.fromInline('def handler(event, context):\n    return {"statusCode": 200}\n');
const CLOUDFRONT_FUNCTION = FunctionCode.fromInline('function handler(event) { return event.request; }');
const EDGE_HANDLER = FunctionCode.fromInline('exports.handler = async (event) => event.Records[0].cf.request;');

/** The stacks of the all-constructs app, by cloud. */
export interface AllConstructsApps {
  readonly awsApp: aws.App;
  readonly terraformApp: cdktf.App;
  /** Every stack, for tests that walk the construct tree. */
  readonly awsStacks: aws.Stack[];
  readonly terraformStacks: Array<AzureStack | GcpStack>;
}

/**
 * Every construct with every option on one stack of `cloud`. Lambda@Edge
 * needs an AWS stack in us-east-1; Azure and GCP run edge code as regional
 * functions, so the Lambda@Edge variant is AWS only.
 */
export function defineAllConstructs(scope: Construct, cloud: CloudProvider): void {
  const queue = new EventQueue(scope, 'Orders', { maxDeliveryAttempts: 6, retentionDays: 5 });
  const topic = new EventTopic(scope, 'OrderEvents');
  const bus = new EventBus(scope, 'Telemetry');
  const bucket = new EventBucket(scope, 'Invoices');
  const channel = new AlarmChannel(scope, 'OnCall', { targets: [AlarmTarget.email('oncall@example.com')] });

  // Producer: every grant, alarms with custom thresholds notifying an email and a channel, secrets.
  const api = new EventDrivenFunction(scope, 'Api', {
    runtime: FunctionRuntime.NODEJS_22,
    code: HANDLER,
    handler: 'index.handler',
    description: 'Accepts orders and publishes them',
    memoryMb: 2048, // a size every cloud offers (Azure Flex: 2048 or 4096)
    timeoutSeconds: 20,
    maxConcurrency: 40,
    logRetentionDays: 30,
    environment: { STAGE: 'scan' },
    expectedLoad: { monthlyInvocations: 1_000_000, averageDurationMs: 80 },
    alarms: FunctionAlarms.defaults({ errorsThreshold: 2, throttlesThreshold: cloud === CloudProvider.AZURE ? undefined : 3, durationPercentOfTimeout: 90, deadLetterThreshold: 1, periodSeconds: 60 }),
    notify: [AlarmTarget.email('dev@example.com'), AlarmTarget.channel(channel)],
    secrets: { DB_PASSWORD: SecretRef.fromName('orders-db-password', { keyVaultName: 'kv-orders' }) },
    triggers: [
      Trigger.http({ path: '/orders', methods: [HttpMethod.POST, HttpMethod.GET], auth: HttpAuth.PRIVATE }),
    ],
  });
  queue.grantSend(api);
  topic.grantPublish(api);
  bus.grantPublish(api);
  bucket.grantWrite(api);

  // Consumer: every trigger kind, both on shared messaging and on resources the triggers create.
  // Pub/Sub push delivers one message per request: GCP takes only batchSize 1.
  const batchSize = cloud === CloudProvider.GCP ? 1 : 10;
  const worker = new EventDrivenFunction(scope, 'Worker', {
    runtime: FunctionRuntime.NODEJS_22,
    code: HANDLER,
    handler: 'index.handler',
    timeoutSeconds: 60,
    triggers: [
      Trigger.queue({ queue, batchSize }),
      Trigger.queue({ batchSize, maxDeliveryAttempts: 5, retentionDays: 4 }),
      // Azure cannot filter a Service Bus subscription with azurerm 4.55 (an error there).
      Trigger.topic({ topic, filter: cloud === CloudProvider.AZURE ? undefined : { type: ['created'] } }),
      Trigger.topic(),
      Trigger.eventBus({ bus, pattern: { source: ['com.acme.orders'], detailType: ['OrderPlaced'] } }),
      Trigger.storage({ bucket, events: [StorageEvent.OBJECT_CREATED], prefix: 'invoices/', suffix: cloud === CloudProvider.GCP ? undefined : '.pdf' }), // GCP filters by prefix only
      Trigger.storage({ events: [StorageEvent.OBJECT_DELETED] }),
      Trigger.schedule(Schedule.everyMinutes(15), { description: 'Sweeps stale orders' }),
      Trigger.schedule(Schedule.cron({ minute: '0', hour: '6', weekDay: 'MON-FRI' })),
    ],
  });
  bucket.grantRead(worker);
  if (cloud === CloudProvider.AWS) {
    // AWS has a default event bus; Azure and GCP create one per trigger.
    worker.addTrigger(Trigger.eventBus({ pattern: { source: ['aws.health'] } }));
  }

  // A Python function with no alarms and a public route.
  const reports = new EventDrivenFunction(scope, 'Reports', {
    runtime: FunctionRuntime.PYTHON_3_12,
    code: PYTHON_HANDLER,
    handler: 'index.handler',
    alarms: FunctionAlarms.none(),
    // GCP gives a function one invoker policy: the public route lives on its own function.
    triggers: [Trigger.schedule(Schedule.everyHours(6)), Trigger.http({ path: '/reports', methods: [HttpMethod.GET], auth: HttpAuth.PUBLIC })],
  });

  new ProvisionedWarmPool(scope, 'ApiWarmPool', {
    function: api,
    maxInstances: 40,
    targetUtilization: 0.6,
    load: { peakRequestsPerSecond: 20, averageDurationMs: 80 },
    instanceConcurrency: cloud === CloudProvider.AWS ? undefined : 4, // AWS: always 1
    // Scheduled capacity is AWS only (an error on Azure and GCP).
    scheduledCapacity: cloud === CloudProvider.AWS
      ? [{ schedule: Schedule.cron({ minute: '0', hour: '8', weekDay: 'MON-FRI' }), minInstances: 4, maxInstances: 40 }]
      : undefined,
  });

  // One HttpApi for the system: a route to the producer, a greedy route to the worker and, where a
  // route may override the API's auth (not Azure, whose subscription key is per API), a public one.
  // GCP's API Gateway has neither CORS nor a throttle (errors there).
  const shop = new HttpApi(scope, 'Shop', {
    contactEmail: 'ops@example.com',
    corsAllowedOrigins: cloud === CloudProvider.GCP ? undefined : ['https://shop.example.com'],
    throttle: cloud === CloudProvider.GCP ? undefined : { ratePerSecond: 500, burst: 200 },
  });
  api.addTrigger(Trigger.http({ api: shop, path: '/shop/orders/{id}', methods: [HttpMethod.GET, HttpMethod.PUT] }));
  worker.addTrigger(Trigger.http({ api: shop, path: '/shop/files/{path+}' }));
  if (cloud !== CloudProvider.AZURE) {
    reports.addTrigger(Trigger.http({ api: shop, path: '/shop/reports', methods: [HttpMethod.GET], auth: HttpAuth.PUBLIC }));
  }

  // A fixed floor, without load planning.
  new ProvisionedWarmPool(scope, 'WorkerWarmPool', { function: worker, minInstances: 1 });

  new CostBudgetGuard(scope, 'Budget', {
    monthlyLimitUsd: 2000,
    thresholds: [BudgetThreshold.actual(50), BudgetThreshold.actual(90), BudgetThreshold.forecasted(100)],
    notifyEmails: ['finance@example.com'],
    enforcement: BudgetEnforcement.stopFunctions([worker, reports], 90),
    billingAccountId: cloud === CloudProvider.GCP ? '01ABCD-23EF45-6789AB' : undefined,
    onEstimateOverLimit: EstimateCheck.WARN,
  });

  const rules = [
    EdgeRule.setRequestHeader('x-edge', 'cirrus'),
    EdgeRule.setResponseHeader('x-frame-options', 'DENY'),
    EdgeRule.removeResponseHeader('x-powered-by'),
    EdgeRule.redirect('/old', '/orders', 301),
    EdgeRule.rewritePath('/v1/', '/'),
  ];
  // Portable rules only, in front of a function.
  new EdgeFunction(scope, 'Edge', {
    origin: EdgeOrigin.fromFunction(reports),
    rules,
    domainNames: cloud === CloudProvider.GCP ? ['shop.example.com'] : undefined,
  });
  // Custom code at viewer requests (a CloudFront Function on AWS, a regional function elsewhere) with rules;
  // rewritePath cannot be combined with code on Azure (the code function receives every request at "/").
  new EdgeFunction(scope, 'EdgeCode', {
    origin: EdgeOrigin.fromFunction(reports),
    rules: rules.slice(0, 4),
    code: cloud === CloudProvider.AWS ? CLOUDFRONT_FUNCTION : HANDLER,
    eventType: EdgeEventType.VIEWER_REQUEST,
    environment: cloud === CloudProvider.AWS ? undefined : { SEGMENT_HEADER: 'x-segment' },
    // AWS: a custom domain with its ACM certificate (TLSv1.2_2021 for viewers).
    domainNames: cloud === CloudProvider.AWS ? ['shop.example.com'] : undefined,
    certificateArn: cloud === CloudProvider.AWS ? 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b' : undefined,
  });
  if (cloud === CloudProvider.AWS) {
    // Lambda@Edge at an origin event, in front of a URL origin.
    new EdgeFunction(scope, 'EdgeLambda', {
      origin: EdgeOrigin.fromUrl('https://origin.example.com'),
      rules: [EdgeRule.setResponseHeader('cache-control', 'no-store')],
      code: EDGE_HANDLER,
      eventType: EdgeEventType.ORIGIN_REQUEST,
      awsCodeKind: EdgeCodeKind.LAMBDA_AT_EDGE,
      memoryMb: 256,
      timeoutSeconds: 10,
    });
  } else {
    // Azure and GCP: rules in front of a URL origin, without access logs.
    new EdgeFunction(scope, 'EdgeUrl', {
      origin: EdgeOrigin.fromUrl('https://origin.example.com'),
      rules: [EdgeRule.setResponseHeader('cache-control', 'no-store')],
      accessLogs: false,
    });
  }
}

/** Builds the all-constructs app: CloudFormation into `cdkOutdir`, Terraform (Azure + GCP) into `tfOutdir`. */
export function buildAllConstructsApps(cdkOutdir: string, tfOutdir: string): AllConstructsApps {
  const awsApp = new aws.App({
    outdir: cdkOutdir,
    stackTraces: false,
    context: { 'aws:cdk:disable-creation-stack-traces': true },
  });
  // us-east-1: Lambda@Edge is created there.
  const awsStack = new aws.Stack(awsApp, 'all-aws', { env: { region: 'us-east-1', account: '123456789012' } });
  defineAllConstructs(awsStack, CloudProvider.AWS);

  const terraformApp = new cdktf.App({
    outdir: tfOutdir,
    skipBackendValidation: true,
    context: { [cdktf.DISABLE_STACK_TRACE_IN_METADATA]: true },
  });
  // keyVaultName: the vault of the HttpApi's backend keys.
  const azure = new AzureStack(terraformApp, 'all-azure', { location: 'westeurope', tags: { app: 'scan' }, keyVaultName: 'kv-orders' });
  defineAllConstructs(azure, CloudProvider.AZURE);
  const gcp = new GcpStack(terraformApp, 'all-gcp', { project: 'acme-prod', region: 'europe-west1', labels: { app: 'scan' } });
  defineAllConstructs(gcp, CloudProvider.GCP);
  return { awsApp, terraformApp, awsStacks: [awsStack], terraformStacks: [azure, gcp] };
}
