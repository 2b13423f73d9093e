import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import { Construct } from 'constructs';
import { architectureGraph } from '../../constructs/architecture-diagram';
import { EXAMPLES } from '../../examples/registry';
import {
  AlarmChannel, AlarmTarget, ArchitectureDiagram, AzureStack, BudgetEnforcement, CirrusErrors, CloudProvider, CostBudgetGuard, EdgeEventType,
  EdgeFunction, EdgeOrigin, EdgeRule, EventBucket, EventBus, EventDrivenFunction, EventQueue, EventTopic, FunctionCode, FunctionRuntime, GcpStack,
  HttpAuth, HttpMethod, ProvisionedWarmPool, Schedule, Trigger,
} from '../../index';
import { ArchitectureGraph, DiagramEdgeStyle } from '../../lib/core/diagram/graph';
import { sharedTriggerId } from '../../lib/core/function-spec';

const CODE = FunctionCode.fromInline('exports.handler = async () => ({ statusCode: 200 });');

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function fn(scope: Construct, id: string, triggers: Trigger[], extra: object = {}): EventDrivenFunction {
  return new EventDrivenFunction(scope, id, { runtime: FunctionRuntime.NODEJS_22, code: CODE, handler: 'index.handler', triggers, ...extra });
}

/**
 * One system on any cloud: an API that sends to a shared queue, publishes to
 * a topic and a bus and writes a bucket; a worker on the queue and a
 * schedule; a subscriber of the topic, the bus and the bucket; a reader of
 * the bucket; a warm pool, a budget that stops the worker, a shared alarm
 * channel; an edge in front of the API.
 */
function system(scope: Construct, cloud: CloudProvider): void {
  const queue = new EventQueue(scope, 'Orders', { maxDeliveryAttempts: 7 });
  const topic = new EventTopic(scope, 'OrderEvents');
  const bus = new EventBus(scope, 'Bus');
  const bucket = new EventBucket(scope, 'Invoices');
  const oncall = new AlarmChannel(scope, 'OnCall', { targets: [AlarmTarget.email('oncall@example.com'), AlarmTarget.email('ops@example.com')] });
  const api = fn(scope, 'Api', [Trigger.http({ path: '/orders', methods: [HttpMethod.POST], auth: HttpAuth.PUBLIC })], {
    memoryMb: 2048,
    notify: [AlarmTarget.channel(oncall), AlarmTarget.email('dev@example.com')],
  });
  queue.grantSend(api);
  topic.grantPublish(api);
  bus.grantPublish(api);
  bucket.grantWrite(api);
  const worker = fn(scope, 'Worker', [Trigger.queue({ queue }), Trigger.schedule(Schedule.everyMinutes(5), { description: 'Sweep' })]);
  fn(scope, 'Subscriber', [
    Trigger.topic({ topic }),
    Trigger.eventBus({ bus, pattern: { source: ['com.acme'], detailType: ['OrderPlaced'] } }),
    Trigger.storage({ bucket, prefix: 'invoices/' }),
  ]);
  const reader = fn(scope, 'Reader', [Trigger.queue({ batchSize: 1, maxDeliveryAttempts: 9 })], { alarms: undefined });
  bucket.grantRead(reader);
  new ProvisionedWarmPool(scope, 'ApiWarm', { function: api, minInstances: 3, maxInstances: 40 });
  new CostBudgetGuard(scope, 'Budget', {
    monthlyLimitUsd: 250,
    notifyEmails: ['finance@example.com'],
    enforcement: BudgetEnforcement.stopFunctions([worker], 90),
    billingAccountId: cloud === CloudProvider.GCP ? '01ABCD-23EF45-6789AB' : undefined,
  });
  new EdgeFunction(scope, 'Edge', {
    origin: EdgeOrigin.fromFunction(api),
    rules: [EdgeRule.setResponseHeader('x-frame-options', 'DENY')],
    code: cloud === CloudProvider.AWS ? FunctionCode.fromInline('function handler(event) { return event.request; }') : CODE,
    eventType: EdgeEventType.VIEWER_REQUEST,
  });
}

function awsSystem(): { app: App; stack: Stack } {
  const app = new App({ outdir: tmp('cirrus-arch-cdk-') });
  const stack = new Stack(app, 'orders-aws', { env: { region: 'us-east-1', account: '123456789012' } });
  system(stack, CloudProvider.AWS);
  return { app, stack };
}

function terraformSystem(): { app: cdktf.App; azure: AzureStack; gcp: GcpStack } {
  const app = new cdktf.App({ outdir: tmp('cirrus-arch-tf-'), skipBackendValidation: true, context: { [cdktf.DISABLE_STACK_TRACE_IN_METADATA]: true } });
  const azure = new AzureStack(app, 'orders-azure', { location: 'westeurope' });
  system(azure, CloudProvider.AZURE);
  const gcp = new GcpStack(app, 'orders-gcp', { project: 'acme-prod', region: 'europe-west1' });
  system(gcp, CloudProvider.GCP);
  return { app, azure, gcp };
}

/** Every edge as `from --> to: label` or `from -.-> to: label`. */
function edges(graph: ArchitectureGraph): string[] {
  return graph.edges.map((e) => `${e.from} ${e.style === DiagramEdgeStyle.DASHED ? '-.->' : '-->'} ${e.to}${e.label ? `: ${e.label}` : ''}`);
}

/** Every node as `id: line | line | ...`. */
function nodes(graph: ArchitectureGraph): string[] {
  return graph.nodes.map((n) => `${n.id}: ${n.lines.join(' | ')}`);
}

interface ParseResult {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
}

/** Parses diagrams with the real Mermaid parser, in a child process (mermaid is ESM-only and needs a DOM). */
function parseMermaid(diagrams: Array<{ name: string; text: string }>): ParseResult[] {
  const run = spawnSync(process.execPath, [path.join(__dirname, '..', 'helpers', 'mermaid-parse.mjs')], {
    input: JSON.stringify(diagrams),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    throw new Error(`mermaid-parse.mjs failed (${run.status}): ${run.stderr}`);
  }
  return JSON.parse(run.stdout);
}

/** The body of the one ```mermaid fence of an architecture.md. */
function fenced(markdown: string): string {
  const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)];
  expect(blocks).toHaveLength(1);
  return blocks[0][1];
}

describe('ArchitectureDiagram on AWS', () => {
  const { app, stack } = awsSystem();
  const graph = architectureGraph(stack);

  test('draws shared messaging, functions, sources, dead-letter paths, the warm pool, the budget, alarms and the edge', () => {
    expect(graph.title).toBe('orders-aws (AWS)');
    expect(nodes(graph)).toEqual([
      'queue_Orders: Orders | SQS queue',
      'dlq_Orders_DeadLetterQueue: Orders dead letters | SQS dead-letter queue',
      'topic_OrderEvents: OrderEvents | SNS topic',
      'bus_Bus: Bus | EventBridge event bus',
      'bucket_Invoices: Invoices | S3 bucket',
      'fn_Api: Api | Lambda function | nodejs22.x · 2048 MB',
      'http_Api_Http: POST /orders | API Gateway HTTP API | public',
      'fn_Worker: Worker | Lambda function | nodejs22.x · 256 MB',
      'schedule_Worker_Schedule: Sweep | rate(5 minutes) | EventBridge Scheduler',
      'dlq_Worker_Schedule_DeadLetters: Worker Schedule dead letters | SQS dead-letter queue',
      'dlq_Worker_AsyncFailureQueue: Worker failed invocations | SQS on-failure queue',
      'fn_Subscriber: Subscriber | Lambda function | nodejs22.x · 256 MB',
      `dlq_Subscriber_${sharedTriggerId('Topic', 'orders-aws/OrderEvents')}_DeadLetters: Subscriber Topic dead letters | SQS dead-letter queue`,
      `dlq_Subscriber_${sharedTriggerId('EventBus', 'orders-aws/Bus')}_DeadLetters: Subscriber EventBus dead letters | SQS dead-letter queue`,
      `dlq_Subscriber_${sharedTriggerId('Storage', 'orders-aws/Invoices')}_DeadLetters: Subscriber Storage dead letters | SQS dead-letter queue`,
      'dlq_Subscriber_AsyncFailureQueue: Subscriber failed invocations | SQS on-failure queue',
      'fn_Reader: Reader | Lambda function | nodejs22.x · 256 MB',
      'queue_Reader_Queue: Reader queue | SQS queue',
      'dlq_Reader_Queue_DeadLetters: Reader Queue dead letters | SQS dead-letter queue',
      'warm_ApiWarm: ApiWarm | 3 to 40 instances | provisioned concurrency',
      'budget_Budget: Budget | limit 250 USD a month | AWS Budgets',
      'edge_Edge: Edge | CloudFront | CloudFront Function on viewer request | 1 rule',
      'alarms_OnCall: OnCall | SNS topic | 2 emails',
      'alarms_Api_AlarmChannel: Api alarms | SNS topic | 1 email',
    ]);
    expect(edges(graph)).toEqual([
      'queue_Orders -.-> dlq_Orders_DeadLetterQueue: after 7 deliveries',
      'http_Api_Http --> fn_Api',
      'queue_Orders --> fn_Worker: batches of 10',
      'schedule_Worker_Schedule --> fn_Worker',
      'schedule_Worker_Schedule -.-> dlq_Worker_Schedule_DeadLetters: undeliverable',
      'fn_Worker -.-> dlq_Worker_AsyncFailureQueue: after the last retry',
      'topic_OrderEvents --> fn_Subscriber: subscription',
      `topic_OrderEvents -.-> dlq_Subscriber_${sharedTriggerId('Topic', 'orders-aws/OrderEvents')}_DeadLetters: undeliverable`,
      'bus_Bus --> fn_Subscriber: source com.acme, type OrderPlaced',
      `bus_Bus -.-> dlq_Subscriber_${sharedTriggerId('EventBus', 'orders-aws/Bus')}_DeadLetters: undeliverable`,
      'bucket_Invoices --> fn_Subscriber: objects created invoices/*',
      `bucket_Invoices -.-> dlq_Subscriber_${sharedTriggerId('Storage', 'orders-aws/Invoices')}_DeadLetters: undeliverable`,
      'fn_Subscriber -.-> dlq_Subscriber_AsyncFailureQueue: after the last retry',
      'queue_Reader_Queue --> fn_Reader: batches of 1',
      'queue_Reader_Queue -.-> dlq_Reader_Queue_DeadLetters: after 9 deliveries',
      'fn_Api --> queue_Orders: sends',
      'fn_Api --> topic_OrderEvents: publishes',
      'fn_Api --> bus_Bus: publishes',
      'fn_Api --> bucket_Invoices: writes',
      'bucket_Invoices -.-> fn_Reader: read by',
      'warm_ApiWarm -.-> fn_Api: keeps 3 warm',
      'budget_Budget -.-> fn_Worker: stops at 90%',
      'edge_Edge --> fn_Api: origin',
      'fn_Api -.-> alarms_Api_AlarmChannel: alarms',
      'fn_Api -.-> alarms_OnCall: alarms',
    ]);
  });

  test('leaves out the budget enforcer, a plumbing function of the guard', () => {
    expect(stack.node.tryFindChild('Budget')!.node.tryFindChild('Enforcer')).toBeDefined();
    expect(graph.nodes.filter((n) => /Enforcer/.test(n.id))).toEqual([]);
  });

  test('mermaid() renders the graph with the node and edge lines', () => {
    const text = ArchitectureDiagram.mermaid(stack);
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    expect(text).toContain('  fn_Api("Api<br/>Lambda function<br/>nodejs22.x · 2048 MB")\n');
    expect(text).toContain('  queue_Orders -.->|"after 7 deliveries"| dlq_Orders_DeadLetterQueue\n');
    expect(text).toContain('  budget_Budget -.->|"stops at 90%"| fn_Worker\n');
    // Any construct of the stack gives the stack's diagram.
    expect(ArchitectureDiagram.mermaid(stack.node.findChild('Api'))).toBe(text);
  });

  test('is deterministic: the same app built twice gives the same text', () => {
    expect(ArchitectureDiagram.mermaid(awsSystem().stack)).toBe(ArchitectureDiagram.mermaid(stack));
  });

  test('is written beside the template at synth as <artifact id>.architecture.md', () => {
    const assembly = app.synth();
    const file = path.join(assembly.directory, 'orders-aws.architecture.md');
    const markdown = fs.readFileSync(file, 'utf8');
    expect(markdown).toBe(ArchitectureDiagram.markdown(stack));
    expect(markdown.startsWith('# Architecture: orders-aws (AWS)\n')).toBe(true);
    expect(fenced(markdown)).toBe(ArchitectureDiagram.mermaid(stack));
  });

  test('an AWS stack with only a queue gets a diagram too; the default event bus is one shared node', () => {
    const app2 = new App({ outdir: tmp('cirrus-arch-cdk-') });
    const s = new Stack(app2, 'small');
    new EventQueue(s, 'Q');
    fn(s, 'A', [Trigger.eventBus({ pattern: { source: ['x'] } })]);
    fn(s, 'B', [Trigger.eventBus({ pattern: { detailType: ['y'] } })]);
    const g = architectureGraph(s);
    expect(nodes(g).filter((n) => n.startsWith('bus_'))).toEqual(['bus_default_event_bus: default | EventBridge default event bus']);
    expect(edges(g)).toEqual(expect.arrayContaining(['bus_default_event_bus --> fn_A: source x', 'bus_default_event_bus --> fn_B: type y']));
    app2.synth();
    expect(fs.existsSync(path.join(app2.outdir, 'small.architecture.md'))).toBe(true);
  });

  test('fails when the scope is an app, not a stack', () => {
    expect(() => ArchitectureDiagram.mermaid(app)).toThrow(/ArchitectureDiagram draws one stack/);
    try {
      ArchitectureDiagram.mermaid(app);
    } catch (e) {
      expect(CirrusErrors.isValidationError(e)).toBe(true);
    }
  });
});

describe('ArchitectureDiagram on Azure and GCP', () => {
  const { app, azure, gcp } = terraformSystem();

  test('Azure: native labels, Service Bus dead-letter sub-queues, one Event Grid dead-letter container per function, the edge through its regional code function', () => {
    const graph = architectureGraph(azure);
    expect(graph.title).toBe('orders-azure (Azure)');
    expect(nodes(graph)).toEqual(expect.arrayContaining([
      'queue_Orders: Orders | Service Bus queue',
      'dlq_Orders_DeadLetterQueue: Orders dead letters | Service Bus dead-letter sub-queue',
      'topic_OrderEvents: OrderEvents | Service Bus topic',
      'bus_Bus: Bus | Event Grid topic',
      'bucket_Invoices: Invoices | Blob Storage container',
      'fn_Api: Api | Function App (Flex Consumption) | node:22 · 2048 MB',
      'http_Api_Http: POST /orders | Functions HTTP trigger | public',
      'dlq_Subscriber_EventDeadLetterContainer: Subscriber event dead letters | Blob container event-dead-letters',
      'warm_ApiWarm: ApiWarm | 3 to 40 instances | always-ready instances',
      'budget_Budget: Budget | limit 250 USD a month | Azure consumption budget',
      'edge_Edge: Edge | Front Door | custom code in a regional function | 1 rule',
      'fn_Edge_Code: Code | Function App (Flex Consumption) | node:22 · 2048 MB',
      'alarms_OnCall: OnCall | Monitor action group | 2 emails',
    ]));
    expect(edges(graph)).toEqual(expect.arrayContaining([
      `topic_OrderEvents -.-> dlq_Subscriber_${sharedTriggerId('Topic', 'orders-azure/OrderEvents')}_DeadLetters: after 5 deliveries`,
      'bus_Bus -.-> dlq_Subscriber_EventDeadLetterContainer: after 5 deliveries',
      'bucket_Invoices -.-> dlq_Subscriber_EventDeadLetterContainer: after 5 deliveries',
      'queue_Orders --> fn_Worker: batches of 10',
      'fn_Api --> queue_Orders: sends',
      'budget_Budget -.-> fn_Worker: stops at 90%',
      'edge_Edge --> fn_Edge_Code: every request',
      'fn_Edge_Code --> fn_Api: forwards to origin',
      'fn_Api -.-> alarms_OnCall: alarms',
    ]));
    // No on-failure queues off AWS, no HTTP node for the code behind the edge.
    expect(graph.nodes.map((n) => n.id)).not.toContain('dlq_Subscriber_AsyncFailureQueue');
    expect(graph.nodes.map((n) => n.id)).not.toContain('http_Edge_Code_Http');
    expect(edges(graph)).not.toContain('edge_Edge --> fn_Api: origin');
  });

  test('GCP: Pub/Sub labels and dead-letter topics, minimum instances, no batches on push subscriptions', () => {
    const graph = architectureGraph(gcp);
    expect(graph.title).toBe('orders-gcp (GCP)');
    expect(nodes(graph)).toEqual(expect.arrayContaining([
      'queue_Orders: Orders | Pub/Sub topic + push subscription',
      'dlq_Orders_DeadLetterQueue: Orders dead letters | Pub/Sub dead-letter topic',
      'topic_OrderEvents: OrderEvents | Pub/Sub topic',
      'bucket_Invoices: Invoices | Cloud Storage bucket',
      'fn_Api: Api | Cloud Function (2nd gen) | nodejs22 · 2048 MB',
      'schedule_Worker_Schedule: Sweep | */5 * * * * | Cloud Scheduler job',
      `dlq_Subscriber_${sharedTriggerId('Storage', 'orders-gcp/Invoices')}_DeadLetters: Subscriber Storage dead letters | Pub/Sub dead-letter topic`,
      'warm_ApiWarm: ApiWarm | 3 to 40 instances | minimum instances',
      'budget_Budget: Budget | limit 250 USD a month | Cloud Billing budget',
      'edge_Edge: Edge | external Application Load Balancer + Cloud CDN | custom code in a regional function | 1 rule',
    ]));
    expect(edges(graph)).toEqual(expect.arrayContaining([
      'queue_Orders --> fn_Worker',
      'queue_Reader_Queue -.-> dlq_Reader_Queue_DeadLetters: after 9 deliveries',
      `bucket_Invoices -.-> dlq_Subscriber_${sharedTriggerId('Storage', 'orders-gcp/Invoices')}_DeadLetters: after 5 deliveries`,
      'fn_Api --> topic_OrderEvents: publishes',
      'bucket_Invoices -.-> fn_Reader: read by',
      'warm_ApiWarm -.-> fn_Api: keeps 3 warm',
    ]));
  });

  test('the three clouds share the structure: the same node ids and edges, up to cloud-specific dead-letter nodes', () => {
    const strip = (g: ArchitectureGraph) => edges(g)
      .filter((e) => !/dlq_|Edge_Code|edge_Edge|schedule_|_Queue --> fn_Reader/.test(e))
      .map((e) => e.replace(/: batches of \d+$/, ''));
    const aws = strip(architectureGraph(awsSystem().stack));
    expect(strip(architectureGraph(azure))).toEqual(aws);
    expect(strip(architectureGraph(gcp))).toEqual(aws);
  });

  test('is written into each stack folder of cdktf.out at synth as architecture.md', () => {
    app.synth();
    for (const stack of [azure, gcp]) {
      const markdown = fs.readFileSync(path.join(app.outdir, 'stacks', stack.node.id, 'architecture.md'), 'utf8');
      expect(markdown).toBe(ArchitectureDiagram.markdown(stack));
      expect(fenced(markdown)).toBe(ArchitectureDiagram.mermaid(stack));
    }
  });
});

describe('the Mermaid parser accepts every generated diagram', () => {
  test('of every bundled example, written at synth, and rejects a broken diagram', () => {
    const diagrams: Array<{ name: string; text: string }> = [];
    const root = tmp('cirrus-arch-examples-');
    for (const example of EXAMPLES) {
      const cdkOut = path.join(root, example.name, 'cdk.out');
      const tfOut = path.join(root, example.name, 'cdktf.out');
      const { awsApp, terraformApp } = example.build(cdkOut, tfOut);
      awsApp.synth();
      terraformApp.synth();
      const templates = fs.readdirSync(cdkOut).filter((f) => f.endsWith('.template.json'));
      const stacks = fs.readdirSync(path.join(tfOut, 'stacks'));
      expect(templates.length + stacks.length).toBeGreaterThanOrEqual(3);
      const files = [
        ...templates.map((t) => path.join(cdkOut, t.replace(/\.template\.json$/, '.architecture.md'))),
        ...stacks.map((s) => path.join(tfOut, 'stacks', s, 'architecture.md')),
      ];
      for (const file of files) {
        const markdown = fs.readFileSync(file, 'utf8');
        expect(markdown).not.toContain('could not draw');
        const text = fenced(markdown);
        // Every example has at least one function fed by a source.
        expect(text).toMatch(/\n {2}fn_\w+\(/);
        expect(text).toMatch(/ --> fn_\w+\n/);
        diagrams.push({ name: path.relative(root, file), text });
      }
    }
    expect(diagrams.length).toBeGreaterThanOrEqual(EXAMPLES.length * 3);
    diagrams.push({ name: 'broken', text: 'flowchart LR\n  a(("unclosed") --> b\n' });
    const results = parseMermaid(diagrams);
    expect(results.filter((r) => r.name !== 'broken' && !r.ok)).toEqual([]);
    expect(results.filter((r) => r.ok).length).toBe(diagrams.length - 1);
    const broken = results.find((r) => r.name === 'broken')!;
    expect(broken.ok).toBe(false);
    expect(broken.error).toMatch(/Parse error/);
  });

  test('of the test systems on each cloud, and of constructs whose ids hold quotes, #, brackets, pipes and Unicode', () => {
    const app = new App({ outdir: tmp('cirrus-arch-cdk-') });
    const stack = new Stack(app, 'weird');
    const queue = new EventQueue(stack, 'Orders "EU" #1 <b> & [x] {y} (z) |p| `q` Café 日本 🚀');
    const f = fn(stack, 'end', [Trigger.queue({ queue }), Trigger.http({ path: '/a/{id}', methods: [HttpMethod.GET] })]);
    queue.grantSend(f);
    fn(stack, 'graph', [Trigger.schedule(Schedule.cron({ minute: '0', hour: '9', weekDay: 'MON-FRI' }), { description: 'say "hi" -->|x| ;' })]);
    const weird = ArchitectureDiagram.mermaid(stack);
    expect(weird).toContain('Orders #34;EU#34; #35;1 #60;b#62; #38; [x] {y} (z) #124;p#124; #96;q#96; Café 日本 🚀');
    expect(weird).toContain('  fn_end("end<br/>');

    const { azure, gcp } = terraformSystem();
    const results = parseMermaid([
      { name: 'weird', text: weird },
      { name: 'aws', text: ArchitectureDiagram.mermaid(awsSystem().stack) },
      { name: 'azure', text: ArchitectureDiagram.mermaid(azure) },
      { name: 'gcp', text: ArchitectureDiagram.mermaid(gcp) },
    ]);
    expect(results).toEqual([
      { name: 'weird', ok: true, diagramType: 'flowchart-v2' },
      { name: 'aws', ok: true, diagramType: 'flowchart-v2' },
      { name: 'azure', ok: true, diagramType: 'flowchart-v2' },
      { name: 'gcp', ok: true, diagramType: 'flowchart-v2' },
    ]);
  });
});
