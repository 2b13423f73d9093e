import { Testing } from 'cdktf';
import { EventDrivenFunction, GcpStack, Schedule, Trigger } from '../../../index';
import { GCP_QUOTAS } from '../../../lib/core/quotas';
import { functionProps, resourcesOf, synth, TfJson } from './helpers';

const quota = (id: string) => GCP_QUOTAS.find((q) => q.id === id)!.defaultValue;
const count = (tf: TfJson, type: string) => Object.keys(resourcesOf(tf, type)).length;

/** `n` functions, each with a queue trigger and every fifth with a schedule, in one stack. */
function bigStack(n: number, props: { grantedQuotas?: { [id: string]: number } } = {}, app = Testing.app(), id = 'big'): GcpStack {
  const stack = new GcpStack(app, id, { project: 'acme-prod', region: 'europe-west1', ...props });
  for (let i = 0; i < n; i++) {
    const triggers = [Trigger.queue({})];
    if (i % 5 === 0) {
      triggers.push(Trigger.schedule(Schedule.everyMinutes(5)));
    }
    new EventDrivenFunction(stack, `Fn${i}`, functionProps({ triggers }));
  }
  return stack;
}

describe('GCP big systems (250 functions in one GcpStack)', () => {
  let stack: GcpStack;
  let tf: TfJson;
  beforeAll(() => {
    stack = bigStack(250, { grantedQuotas: { 'gcp.iam.serviceAccounts': 300, 'gcp.monitoring.alertPolicies': 1000 } });
    stack.runAllValidations();
    tf = synth(stack);
  }, 240_000);

  test('synthesizes, within Cloud Logging\'s 200 sinks, 50 exclusions and 20,000-character filters', () => {
    expect(count(tf, 'google_cloudfunctions2_function')).toBe(250);
    const sinks = Object.values(resourcesOf(tf, 'google_logging_project_sink'));
    const exclusions = Object.values(resourcesOf(tf, 'google_logging_project_exclusion'));
    expect(sinks.length).toBeLessThanOrEqual(2);
    expect(exclusions.length).toBeLessThanOrEqual(2);
    for (const r of [...sinks, ...exclusions]) {
      expect(r.filter.length).toBeLessThanOrEqual(20000);
    }
    // Every function's logs are routed and excluded exactly once.
    for (const fn of Object.values(resourcesOf(tf, 'google_cloudfunctions2_function'))) {
      expect(sinks.filter((s) => s.filter.includes(`"${fn.name}"`))).toHaveLength(1);
      expect(exclusions.filter((e) => e.filter.includes(`"${fn.name}"`))).toHaveLength(1);
    }
  });

  test('keeps one runtime identity per function and one invoker and one build identity per stack (N + 2 service accounts)', () => {
    const accounts = resourcesOf(tf, 'google_service_account');
    expect(Object.keys(accounts)).toHaveLength(252);
    const runtime = new Set(Object.values(resourcesOf(tf, 'google_cloudfunctions2_function')).map((f) => f.service_config.service_account_email));
    expect(runtime.size).toBe(250);
    // run.invoker per service, never on the project.
    const invokers = Object.values(resourcesOf(tf, 'google_cloud_run_v2_service_iam_member'));
    expect(invokers).toHaveLength(250);
    expect(new Set(invokers.map((b) => b.name)).size).toBe(250);
    expect(new Set(invokers.map((b) => b.member))).toEqual(new Set(['${google_service_account.CirrusInvokerServiceAccount.member}']));
    expect(Object.values(resourcesOf(tf, 'google_project_iam_member')).every((m) => m.role !== 'roles/run.invoker')).toBe(true);
  });

  test('needs the alerting policy quota raised: four policies per function, 1,000 against the default 500', () => {
    expect(count(tf, 'google_monitoring_alert_policy')).toBe(1000);
    expect(count(tf, 'google_monitoring_alert_policy')).toBeGreaterThan(quota('gcp.monitoring.alertPolicies'));
  });

  test('stays under the Pub/Sub, Cloud Scheduler and Cloud Run quotas', () => {
    expect(count(tf, 'google_pubsub_topic')).toBeLessThanOrEqual(quota('gcp.pubsub.topics'));
    expect(count(tf, 'google_pubsub_subscription')).toBeLessThanOrEqual(quota('gcp.pubsub.subscriptions'));
    expect(count(tf, 'google_cloud_scheduler_job')).toBe(50);
    expect(count(tf, 'google_cloud_scheduler_job')).toBeLessThanOrEqual(quota('gcp.scheduler.jobs'));
    expect(count(tf, 'google_cloudfunctions2_function')).toBeLessThanOrEqual(quota('gcp.run.services'));
    expect(count(tf, 'google_logging_project_bucket_config')).toBe(1);
  });
});

describe('GCP quotas across stacks', () => {
  test('fails when 250 functions need more service accounts than the default quota of 100, naming the quota and the fix', () => {
    const stack = bigStack(250);
    expect(() => stack.runAllValidations()).toThrow(
      /quota "IAM service accounts per project" \(gcp\.iam\.serviceAccounts, https:\/\/cloud\.google\.com\/iam\/quotas\) exceeded in project acme-prod: 252 google_service_account \(252 in big\) against 100; the default is 100: request a quota increase .* grantedQuotas: \{ 'gcp\.iam\.serviceAccounts': <value> \}; splitting into more stacks of the same project does not help/);
  }, 120_000);

  test('fails when the GcpStacks of one project add up past the quota, though each stack alone is under it', () => {
    const app = Testing.app();
    const a = bigStack(60, {}, app, 'part-a');
    const b = bigStack(60, {}, app, 'part-b');
    const excess = /exceeded in project acme-prod: 124 google_service_account \(62 in part-a, 62 in part-b\) against 100/;
    expect(() => a.runAllValidations()).toThrow(excess);
    expect(() => b.runAllValidations()).toThrow(excess);
  }, 60_000);

  test('counts stacks of other projects apart', () => {
    const app = Testing.app();
    const a = bigStack(60, {}, app, 'part-a');
    const other = new GcpStack(app, 'other', { project: 'acme-other', region: 'europe-west1' });
    for (let i = 0; i < 60; i++) {
      new EventDrivenFunction(other, `Fn${i}`, functionProps({ triggers: [Trigger.queue({})] }));
    }
    expect(() => a.runAllValidations()).not.toThrow();
    expect(() => other.runAllValidations()).not.toThrow();
  }, 60_000);

  test('accepts a granted quota declared on any stack of the project', () => {
    const app = Testing.app();
    const a = bigStack(60, { grantedQuotas: { 'gcp.iam.serviceAccounts': 150 } }, app, 'part-a');
    const b = bigStack(60, {}, app, 'part-b');
    expect(() => a.runAllValidations()).not.toThrow();
    expect(() => b.runAllValidations()).not.toThrow();
  }, 60_000);

  test('fails when grantedQuotas names an unknown quota, a hard limit, or a value below the default', () => {
    expect(() => new GcpStack(Testing.app(), 's', { project: 'acme-prod', region: 'europe-west1', grantedQuotas: { 'gcp.iam.accounts': 300 } }))
      .toThrow(/grantedQuotas\.gcp\.iam\.accounts must be one of gcp\.iam\.serviceAccounts, gcp\.run\.services, gcp\.scheduler\.jobs/);
    expect(() => new GcpStack(Testing.app(), 's', { project: 'acme-prod', region: 'europe-west1', grantedQuotas: { 'gcp.logging.sinks': 300 } }))
      .toThrow(/grantedQuotas\.gcp\.logging\.sinks is a hard limit of 200/);
    expect(() => new GcpStack(Testing.app(), 's', { project: 'acme-prod', region: 'europe-west1', grantedQuotas: { 'gcp.iam.serviceAccounts': 50 } }))
      .toThrow(/grantedQuotas\.gcp\.iam\.serviceAccounts must be a whole number of at least 100/);
  });
});
