import { HttpAuth, HttpMethod, Schedule, Trigger } from '../../../index';
import { resourceOf, resourcesOf, stackWithFunction, synth, TfJson } from './helpers';

const URI = /^\$\{google_cloudfunctions2_function\.ProcessOrder_[0-9A-F]+\.service_config\[0\]\.uri\}$/;
const PUBSUB_AGENT = 'serviceAccount:service-${data.google_project.CirrusProject.number}@gcp-sa-pubsub.iam.gserviceaccount.com';

function invokerAddress(tf: TfJson): string {
  const address = Object.keys(resourcesOf(tf, 'google_service_account')).find((n) => n === 'CirrusInvokerServiceAccount');
  expect(address).toBeDefined();
  return `google_service_account.${address}`;
}

describe('GCP HTTP triggers', () => {
  test('a PUBLIC trigger grants run.invoker to allUsers on the function service', () => {
    const { stack, fn } = stackWithFunction({ triggers: [Trigger.http({ auth: HttpAuth.PUBLIC })] });
    const tf = synth(stack);
    const name = resourceOf(tf, 'google_cloudfunctions2_function').name;
    expect(resourceOf(tf, 'google_cloud_run_v2_service_iam_member', 'ProcessOrder_HttpPublicInvoker_')).toMatchObject({
      project: 'acme-prod', location: 'europe-west1', name, role: 'roles/run.invoker', member: 'allUsers',
    });
    expect(fn.httpUrl).toBeDefined();
  });

  test('several PUBLIC triggers make one public binding', () => {
    const { stack } = stackWithFunction({
      triggers: [Trigger.http({ path: '/a', auth: HttpAuth.PUBLIC }), Trigger.http({ path: '/b', auth: HttpAuth.PUBLIC })],
    });
    const members = Object.values(resourcesOf(synth(stack), 'google_cloud_run_v2_service_iam_member'));
    expect(members.filter((m) => m.member === 'allUsers')).toHaveLength(1);
  });

  test('a PRIVATE trigger exposes nothing publicly', () => {
    const { stack, fn } = stackWithFunction({ triggers: [Trigger.http({ path: '/orders', methods: [HttpMethod.POST], auth: HttpAuth.PRIVATE })] });
    const json = JSON.stringify(synth(stack));
    expect(json).not.toContain('allUsers');
    expect(json).not.toContain('allAuthenticatedUsers');
    expect(fn.httpUrl).toBeDefined();
  });
});

describe('GCP queue triggers', () => {
  const build = () => synth(stackWithFunction({ timeoutSeconds: 60, triggers: [Trigger.queue({ maxDeliveryAttempts: 7, retentionDays: 3 })] }).stack);

  test('creates a topic and a push subscription to the function endpoint with an OIDC token', () => {
    const tf = build();
    const topics = resourcesOf(tf, 'google_pubsub_topic');
    const topicAddress = Object.keys(topics).find((n) => n.startsWith('ProcessOrder_QueueTopic_'))!;
    const dlqAddress = Object.keys(topics).find((n) => n.startsWith('ProcessOrder_QueueDeadLetterTopic_'))!;
    expect(topicAddress).toBeDefined();
    expect(dlqAddress).toBeDefined();
    const sub = resourceOf(tf, 'google_pubsub_subscription', 'ProcessOrder_QueueSubscription_');
    expect(sub.topic).toBe(`\${google_pubsub_topic.${topicAddress}.id}`);
    expect(sub.push_config.push_endpoint).toMatch(URI);
    expect(sub.push_config.oidc_token).toEqual({
      service_account_email: `\${${invokerAddress(tf)}.email}`,
      audience: sub.push_config.push_endpoint,
    });
    expect(sub).toMatchObject({
      ack_deadline_seconds: 60,
      dead_letter_policy: { dead_letter_topic: `\${google_pubsub_topic.${dlqAddress}.id}`, max_delivery_attempts: 7 },
      retry_policy: { minimum_backoff: '10s', maximum_backoff: '600s' },
      message_retention_duration: `${3 * 86400}s`,
      expiration_policy: { ttl: '' },
    });
  });

  test('keeps dead letters in a pull subscription of the dead-letter topic', () => {
    const tf = build();
    const dlqAddress = Object.keys(resourcesOf(tf, 'google_pubsub_topic')).find((n) => n.startsWith('ProcessOrder_QueueDeadLetterTopic_'))!;
    const dlqSub = resourceOf(tf, 'google_pubsub_subscription', 'ProcessOrder_QueueDeadLetterSubscription_');
    expect(dlqSub).toMatchObject({ topic: `\${google_pubsub_topic.${dlqAddress}.id}`, message_retention_duration: '604800s', expiration_policy: { ttl: '' } });
    expect(dlqSub).not.toHaveProperty('push_config');
  });

  test('grants the Pub/Sub service agent what dead-lettering and OIDC need, on those resources only', () => {
    const tf = build();
    expect(resourceOf(tf, 'google_pubsub_topic_iam_member')).toMatchObject({
      topic: expect.stringMatching(/^\$\{google_pubsub_topic\.ProcessOrder_QueueDeadLetterTopic_[0-9A-F]+\.name\}$/),
      role: 'roles/pubsub.publisher', member: PUBSUB_AGENT,
    });
    expect(resourceOf(tf, 'google_pubsub_subscription_iam_member')).toMatchObject({
      subscription: expect.stringMatching(/^\$\{google_pubsub_subscription\.ProcessOrder_QueueSubscription_[0-9A-F]+\.name\}$/),
      role: 'roles/pubsub.subscriber', member: PUBSUB_AGENT,
    });
    expect(resourceOf(tf, 'google_service_account_iam_member')).toMatchObject({
      service_account_id: `\${${invokerAddress(tf)}.name}`, role: 'roles/iam.serviceAccountTokenCreator', member: PUBSUB_AGENT,
    });
    // Project grants: the build account's two, none for the Pub/Sub agent.
    expect(Object.values(resourcesOf(tf, 'google_project_iam_member')).map((m: any) => m.member)).toEqual(['${google_service_account.CirrusBuildServiceAccount.member}', '${google_service_account.CirrusBuildServiceAccount.member}']);
    expect(tf.data?.google_project?.CirrusProject).toEqual({ project_id: 'acme-prod' });
  });

  test('lets only the invoker identity call the function', () => {
    const tf = build();
    const binding = resourceOf(tf, 'google_cloud_run_v2_service_iam_member');
    expect(binding).toMatchObject({
      name: resourceOf(tf, 'google_cloudfunctions2_function').name, role: 'roles/run.invoker', member: `\${${invokerAddress(tf)}.member}`,
    });
    expect(JSON.stringify(tf)).not.toContain('allUsers');
  });

  test('bounds the acknowledgement deadline by Pub/Sub limits', () => {
    const short = synth(stackWithFunction({ timeoutSeconds: 3, triggers: [Trigger.queue()] }).stack);
    expect(resourceOf(short, 'google_pubsub_subscription', 'QueueSubscription_').ack_deadline_seconds).toBe(10);
    const long = synth(stackWithFunction({ timeoutSeconds: 600, triggers: [Trigger.queue()] }).stack);
    expect(resourceOf(long, 'google_pubsub_subscription', 'QueueSubscription_').ack_deadline_seconds).toBe(600);
  });

  test('two queue triggers get their own topics and share one invoker identity', () => {
    const tf = synth(stackWithFunction({ triggers: [Trigger.queue(), Trigger.queue()] }).stack);
    const topicNames = Object.keys(resourcesOf(tf, 'google_pubsub_topic'));
    expect(topicNames.filter((n) => /^ProcessOrder_Queue2?Topic_/.test(n))).toHaveLength(2);
    expect(Object.keys(resourcesOf(tf, 'google_service_account')).filter((n) => n.includes('Invoker'))).toHaveLength(1);
    expect(Object.keys(resourcesOf(tf, 'google_cloud_run_v2_service_iam_member'))).toHaveLength(1);
    expect(Object.keys(resourcesOf(tf, 'google_service_account_iam_member'))).toHaveLength(1);
  });
});

describe('GCP schedule triggers', () => {
  test('creates a Cloud Scheduler job calling the function with an OIDC token', () => {
    const { stack } = stackWithFunction({
      timeoutSeconds: 120,
      triggers: [Trigger.schedule(Schedule.cron({ minute: '0', hour: '9', weekDay: 'MON-FRI', timeZone: 'Europe/Paris' }), { description: 'Morning run' })],
    });
    const tf = synth(stack);
    const job = resourceOf(tf, 'google_cloud_scheduler_job', 'ProcessOrder_ScheduleJob_');
    expect(job).toMatchObject({
      region: 'europe-west1',
      schedule: '0 9 * * 1-5',
      time_zone: 'Europe/Paris',
      description: 'Morning run',
      attempt_deadline: '120s',
      retry_config: { retry_count: 2 },
      http_target: { http_method: 'POST', oidc_token: { service_account_email: `\${${invokerAddress(tf)}.email}` } },
    });
    expect(job.http_target.uri).toMatch(URI);
    expect(job.http_target.oidc_token.audience).toBe(job.http_target.uri);
    expect(job.name).toMatch(/^[A-Za-z0-9_-]{1,500}$/);
    expect(resourceOf(tf, 'google_cloud_run_v2_service_iam_member').role).toBe('roles/run.invoker');
  });

  test('defaults the time zone to UTC and keeps the attempt deadline within 15 s - 30 min', () => {
    const tf = synth(stackWithFunction({ timeoutSeconds: 5, triggers: [Trigger.schedule(Schedule.everyMinutes(5))] }).stack);
    const job = resourceOf(tf, 'google_cloud_scheduler_job');
    expect(job).toMatchObject({ schedule: '*/5 * * * *', time_zone: 'UTC', attempt_deadline: '15s' });
  });
});

describe('GCP triggers added later', () => {
  test('addTrigger after construction renders the new trigger only', () => {
    const { stack, fn } = stackWithFunction({ triggers: [Trigger.queue()] });
    expect(fn.httpUrl).toBeUndefined();
    fn.addTrigger(Trigger.schedule(Schedule.cron({ minute: '30', hour: '6' })));
    fn.addTrigger(Trigger.http({ auth: HttpAuth.PUBLIC }));
    const tf = synth(stack);
    expect(resourceOf(tf, 'google_cloud_scheduler_job', 'ProcessOrder_ScheduleJob_').schedule).toBe('30 6 * * *');
    expect(Object.keys(resourcesOf(tf, 'google_pubsub_topic'))).toHaveLength(2); // the first queue's topic and DLQ, not repeated
    expect(Object.values(resourcesOf(tf, 'google_cloud_run_v2_service_iam_member')).map((m) => m.member)).toContain('allUsers');
    expect(Object.keys(resourcesOf(tf, 'google_service_account')).filter((n) => n.includes('Invoker'))).toHaveLength(1);
    expect(fn.httpUrl).toBeDefined();
  });
});

describe('regressions found by the fuzz tests (test/fuzz, seed 42)', () => {
  test('fails when a topic, bus or storage trigger maxEventAgeSeconds is a token on GCP (converted to message retention at synth)', () => {
    const { TerraformVariable } = require('cdktf') as typeof import('cdktf');
    const idx = require('../../../index') as typeof import('../../../index');
    const { gcpStack: makeStack } = require('../../helpers/terraform') as typeof import('../../helpers/terraform');
    const { stack } = makeStack();
    const maxEventAgeSeconds = new TerraformVariable(stack, 'age', { type: 'number' }).numberValue;
    const props = { runtime: idx.FunctionRuntime.NODEJS_22, code: idx.FunctionCode.fromInline('exports.handler = 1'), handler: 'index.handler' };
    // Before: cdktf threw "Encoded representation of unknown number Token found" at synth.
    expect(() => new idx.EventDrivenFunction(stack, 'Fn', { ...props, triggers: [idx.Trigger.storage({ maxEventAgeSeconds })] }))
      .toThrow(/triggers\[0\]\.maxEventAgeSeconds cannot be an unresolved token on GCP/);
    expect(() => new idx.EventDrivenFunction(stack, 'Fn2', { ...props, triggers: [idx.Trigger.topic({ maxEventAgeSeconds })] }))
      .toThrow(/triggers\[0\]\.maxEventAgeSeconds cannot be an unresolved token on GCP/);
  });
});
