import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import {
  AlarmChannel, AlarmTarget, AzureStack, EventBucket, EventBus, EventDrivenFunction, EventQueue, EventTopic, FunctionCode, FunctionRuntime, GcpStack, Trigger,
} from '../../../index';

const base = { runtime: FunctionRuntime.NODEJS_22, code: FunctionCode.fromInline('exports.handler = async () => {}'), handler: 'index.handler' };

/** Synthesizes the whole app (cross-stack references resolve only then) and returns each stack's Terraform JSON. */
function synthApp(app: App): Record<string, any> {
  app.synth();
  const stacks = path.join(app.outdir, 'stacks');
  return Object.fromEntries(fs.readdirSync(stacks).map((s) => [s, JSON.parse(fs.readFileSync(path.join(stacks, s, 'cdk.tf.json'), 'utf8'))]));
}

function freshApp(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-share-')) });
}

describe('sharing between GcpStacks of one project', () => {
  test('a function consumes and publishes to a queue, a topic and a bus of another stack through cdktf cross-stack references', () => {
    const app = freshApp();
    const shared = new GcpStack(app, 'shared', { project: 'acme-prod', region: 'europe-west1' });
    const orders = new EventQueue(shared, 'Orders');
    const shipped = new EventTopic(shared, 'Shipped');
    const bus = new EventBus(shared, 'Telemetry');
    const bucket = new EventBucket(shared, 'Invoices');
    const ops = new AlarmChannel(shared, 'Ops', { targets: [AlarmTarget.email('ops@example.com')] });
    const users = new GcpStack(app, 'users', { project: 'acme-prod', region: 'europe-west1' });
    new EventDrivenFunction(users, 'Consume', { ...base, triggers: [Trigger.queue({ queue: orders }), Trigger.topic({ topic: shipped })], notify: [AlarmTarget.channel(ops)] });
    const producer = new EventDrivenFunction(users, 'Produce', base);
    orders.grantSend(producer);
    bus.grantPublish(producer);
    bucket.grantRead(producer);
    const tf = synthApp(app);

    // The owner exports what the users' stack reads, through the local backend's state file.
    expect(Object.keys(tf.shared.output ?? {}).length).toBeGreaterThan(0);
    const remote = Object.values<any>(tf.users.data.terraform_remote_state);
    expect(remote).toHaveLength(1);
    expect(remote[0]).toMatchObject({ backend: 'local', config: { path: expect.stringMatching(/terraform\.shared\.tfstate$/) } });
    // The wiring lives in the users' stack, so references only point from users to shared.
    expect(tf.shared.data?.terraform_remote_state).toBeUndefined();
    const subs = Object.values<any>(tf.users.resource.google_pubsub_subscription).filter((s) => s.push_config);
    expect(subs).toHaveLength(2);
    for (const s of subs) {
      expect(s.topic).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-shared\.outputs\./);
    }
    const publishers = Object.values<any>(tf.users.resource.google_pubsub_topic_iam_member).filter((m) => m.role === 'roles/pubsub.publisher' && /google_service_account/.test(m.member));
    expect(publishers).toHaveLength(2);
    expect(Object.values<any>(tf.users.resource.google_storage_bucket_iam_member).map((m) => m.role)).toEqual(['roles/storage.objectViewer']);
    expect(tf.shared.resource.google_pubsub_topic_iam_member === undefined
      || Object.values<any>(tf.shared.resource.google_pubsub_topic_iam_member).every((m) => !/google_service_account/.test(m.member))).toBe(true);
    const policies = Object.values<any>(tf.users.resource.google_monitoring_alert_policy).filter((p) => p.display_name.startsWith('users/Consume'));
    expect(policies.length).toBeGreaterThan(0);
    expect(policies.every((p) => p.notification_channels.every((c: string) => c.includes('terraform_remote_state')))).toBe(true);
    // cdktf orders the stacks: users depends on shared.
    const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks.users.dependencies).toEqual(['shared']);
  }, 120_000);

  test('fails when the stacks deploy to different projects', () => {
    const app = Testing.app();
    const topic = new EventTopic(new GcpStack(app, 'shared', { project: 'acme-prod', region: 'europe-west1' }), 'Shipped');
    const users = new GcpStack(app, 'users', { project: 'acme-other', region: 'europe-west1' });
    expect(() => new EventDrivenFunction(users, 'Consume', { ...base, triggers: [Trigger.topic({ topic })] }))
      .toThrow(/triggers\[0\]\.topic shared\/Shipped is in another stack; the function deploys to project acme-other, the shared resource to project acme-prod: Cirrus shares between the GcpStacks of one project/);
    expect(() => topic.grantPublish(new EventDrivenFunction(users, 'Produce', base)))
      .toThrow(/grantPublish: users\/Produce is in another stack; the function deploys to project acme-other/);
  });

  test('fails when a GCP function uses a queue of an AzureStack', () => {
    const app = Testing.app();
    const queue = new EventQueue(new AzureStack(app, 'az', { location: 'westeurope' }), 'Orders');
    const users = new GcpStack(app, 'users', { project: 'acme-prod', region: 'europe-west1' });
    expect(() => queue.grantSend(new EventDrivenFunction(users, 'Produce', base)))
      .toThrow(/grantSend: users\/Produce is in another stack; the function renders for GCP, the shared resource for Azure: nothing is shared across clouds/);
  });
});

describe('sharing between AzureStacks of one subscription', () => {
  test('a function consumes a queue of another stack through that stack\'s Service Bus namespace, and sends to it', () => {
    const app = freshApp();
    const shared = new AzureStack(app, 'shared', { location: 'westeurope' });
    const orders = new EventQueue(shared, 'Orders');
    const bucket = new EventBucket(shared, 'Invoices');
    const users = new AzureStack(app, 'users', { location: 'westeurope' });
    new EventDrivenFunction(users, 'Consume', { ...base, triggers: [Trigger.queue({ queue: orders }), Trigger.queue({}), Trigger.storage({ bucket })] });
    orders.grantSend(new EventDrivenFunction(users, 'Produce', base));
    const tf = synthApp(app);

    const appSettings = Object.entries<any>(tf.users.resource.azurerm_function_app_flex_consumption).find(([k]) => k.startsWith('Consume_'))![1].app_settings;
    const connections = Object.keys(appSettings).filter((k) => k.endsWith('__fullyQualifiedNamespace'));
    expect(connections).toHaveLength(2);
    const other = connections.find((k) => k !== 'CirrusServiceBus__fullyQualifiedNamespace')!;
    expect(other).toMatch(/^CirrusServiceBus_[0-9a-f]{8}__fullyQualifiedNamespace$/);
    expect(appSettings[other]).toMatch(/terraform_remote_state/);
    expect(appSettings.CirrusServiceBus__fullyQualifiedNamespace).toMatch(/azurerm_servicebus_namespace\.CirrusServiceBus\.name/);
    // Receiver and sender roles are scoped to the shared queue, and live in the users' stack.
    const roles = Object.values<any>(tf.users.resource.azurerm_role_assignment).filter((r) => /Service Bus Data/.test(r.role_definition_name) && /terraform_remote_state/.test(r.scope));
    expect(roles.map((r) => r.role_definition_name).sort()).toEqual(['Azure Service Bus Data Receiver', 'Azure Service Bus Data Sender']);
    // The storage subscription names the system topic in the bucket's resource group.
    const subscription = Object.values<any>(tf.users.resource.azurerm_eventgrid_system_topic_event_subscription)[0];
    expect(subscription.resource_group_name).toMatch(/terraform_remote_state/);
  }, 180_000);

  test('fails when the stacks name different subscriptions', () => {
    const app = Testing.app();
    const queue = new EventQueue(new AzureStack(app, 'shared', { location: 'westeurope', subscriptionId: '00000000-0000-0000-0000-000000000001' }), 'Orders');
    const users = new AzureStack(app, 'users', { location: 'westeurope', subscriptionId: '00000000-0000-0000-0000-000000000002' });
    expect(() => new EventDrivenFunction(users, 'Consume', { ...base, triggers: [Trigger.queue({ queue })] }))
      .toThrow(/is in another stack; the function deploys to subscription 00000000-0000-0000-0000-000000000002, the shared resource to subscription 00000000-0000-0000-0000-000000000001/);
  });
});
