import { Testing } from 'cdktf';
import { AlarmChannel, AlarmTarget, EventDrivenFunction, GcpStack, Trigger } from '../../../index';
import { GCP_QUOTAS } from '../../../lib/core/quotas';
import { functionProps, resourcesOf, synth } from './helpers';

const rule = (id: string) => GCP_QUOTAS.find((q) => q.id === id)!;

/** `n` queue-triggered functions (errors, throttles, duration and dead-letter alert policies each) in one stack of project acme-prod. */
function stackOf(app: ReturnType<typeof Testing.app>, id: string, n: number, grantedQuotas?: { [quotaId: string]: number }): GcpStack {
  const stack = new GcpStack(app, id, { project: 'acme-prod', region: 'europe-west1', grantedQuotas: { 'gcp.iam.serviceAccounts': 1000, ...grantedQuotas } });
  for (let i = 0; i < n; i++) {
    new EventDrivenFunction(stack, `Fn${i}`, functionProps({ triggers: [Trigger.queue({})] }));
  }
  return stack;
}

/** The alert policies one queue-triggered function gets by default. */
function policiesPerFunction(): number {
  const stack = stackOf(Testing.app(), 'one', 1);
  return Object.keys(resourcesOf(synth(stack), 'google_monitoring_alert_policy')).length;
}

describe('Cloud Monitoring quotas across the GcpStacks of one project', () => {
  test('the alerting policy and notification channel quotas are data with their sources', () => {
    expect(rule('gcp.monitoring.alertPolicies')).toMatchObject({ defaultValue: 500, per: 'project', resourceTypes: ['google_monitoring_alert_policy'], adjustable: true });
    expect(rule('gcp.monitoring.alertPolicies').source).toMatch(/^https:\/\/cloud\.google\.com\/monitoring\/alerts\/using-alerting-api .*500/);
    expect(rule('gcp.monitoring.notificationChannels')).toMatchObject({ defaultValue: 4000, per: 'project', resourceTypes: ['google_monitoring_notification_channel'] });
  });

  test('fails when the stacks of one project together create more alert policies than 500, naming the quota, the totals per stack and the fix', () => {
    const per = policiesPerFunction();
    expect(per).toBeGreaterThanOrEqual(2);
    const n = Math.ceil(501 / per / 2);
    const app = Testing.app();
    const a = stackOf(app, 'part-a', n);
    const b = stackOf(app, 'part-b', n);
    expect(Object.keys(resourcesOf(synth(a), 'google_monitoring_alert_policy'))).toHaveLength(n * per);
    const excess = new RegExp(`quota "Cloud Monitoring alerting policies per metrics scope" \\(gcp\\.monitoring\\.alertPolicies, https://cloud\\.google\\.com/monitoring/alerts/using-alerting-api\\) `
      + `exceeded in project acme-prod: ${2 * n * per} google_monitoring_alert_policy \\(${n * per} in part-a, ${n * per} in part-b\\) against 500; the default is 500: `
      + 'request a quota increase .*grantedQuotas: \\{ \'gcp\\.monitoring\\.alertPolicies\': <value> \\}; splitting into more stacks of the same project does not help');
    expect(() => a.runAllValidations()).toThrow(excess);
    expect(() => b.runAllValidations()).toThrow(excess);
  }, 120_000);

  test('stays quiet at 500 alert policies, and accepts a granted increase declared on any stack of the project', () => {
    const per = policiesPerFunction();
    const app = Testing.app();
    const under = stackOf(app, 'under', Math.floor(500 / per));
    expect(() => under.runAllValidations()).not.toThrow();

    const granted = Testing.app();
    const n = Math.ceil(501 / per / 2);
    const a = stackOf(granted, 'part-a', n, { 'gcp.monitoring.alertPolicies': 2 * n * per });
    const b = stackOf(granted, 'part-b', n);
    expect(() => a.runAllValidations()).not.toThrow();
    expect(() => b.runAllValidations()).not.toThrow();

    // A granted value below the total is still exceeded, and the message says so.
    const short = Testing.app();
    const c = stackOf(short, 'part-a', n, { 'gcp.monitoring.alertPolicies': 501 });
    stackOf(short, 'part-b', n);
    expect(() => c.runAllValidations()).toThrow(new RegExp(`against 501; request a quota increase above ${2 * n * per} and declare the granted value in grantedQuotas \\{ 'gcp\\.monitoring\\.alertPolicies'`));
  }, 120_000);

  test('fails when grantedQuotas lowers the alerting policy quota below its default', () => {
    expect(() => new GcpStack(Testing.app(), 's', { project: 'acme-prod', region: 'europe-west1', grantedQuotas: { 'gcp.monitoring.alertPolicies': 100 } }))
      .toThrow(/grantedQuotas\.gcp\.monitoring\.alertPolicies must be a whole number of at least 500 \(the default of "Cloud Monitoring alerting policies per metrics scope"\)/);
  });

  test('counts the notification channels of AlarmChannels against 4,000 per project', () => {
    const app = Testing.app();
    const stack = new GcpStack(app, 'alarms', { project: 'acme-prod', region: 'europe-west1' });
    // A channel holds at most 16 addresses (an alert policy notifies at most 16 channels): 251 channels of 16 are 4,016.
    for (let c = 0; c < 251; c++) {
      new AlarmChannel(stack, `Team${c}`, { targets: Array.from({ length: 16 }, (_, i) => AlarmTarget.email(`oncall${i}@team${c}.example.com`)) });
    }
    expect(() => stack.runAllValidations()).toThrow(/quota "Cloud Monitoring notification channels per metrics scope" \(gcp\.monitoring\.notificationChannels, https:\/\/cloud\.google\.com\/monitoring\/quotas\) exceeded in project acme-prod: 4016 google_monitoring_notification_channel \(4016 in alarms\) against 4000/);
    const fewer = new GcpStack(Testing.app(), 'alarms', { project: 'acme-prod', region: 'europe-west1' });
    for (let c = 0; c < 250; c++) {
      new AlarmChannel(fewer, `Team${c}`, { targets: Array.from({ length: 16 }, (_, i) => AlarmTarget.email(`oncall${i}@team${c}.example.com`)) });
    }
    expect(() => fewer.runAllValidations()).not.toThrow();
  }, 120_000);
});
