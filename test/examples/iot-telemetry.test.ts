import { buildIotTelemetryApps } from '../../examples/iot-telemetry/app';
import { summarizeOutputs } from '../../scripts/summary';
import {
  awsTemplate, cfnResources, expectNoAbsolutePaths, expectSameFiles, stableAddresses, synthInto, SynthOutput, tempDir, terraformConfig, tfResources,
} from './example-helpers';

const SOURCE = 'com.acme.devices';
/** Each consumer and the only event type it receives. */
const CONSUMERS: Record<string, string> = { DetectOverheating: 'TemperatureReading', TrackBattery: 'BatteryReading' };
const ON_CALL = 'iot-oncall@example.com';

describe('iot-telemetry example', () => {
  const dirA = tempDir('iot-a');
  let out: SynthOutput;

  beforeAll(() => {
    out = synthInto(buildIotTelemetryApps, dirA);
  });

  test('synthesizes one stack per cloud, free of CloudFormation validation findings; every alarm has a recipient', () => {
    const lines = summarizeOutputs(out.cdkOut, out.tfOut);
    expect(lines.map((l) => `${l.cloud} ${l.stack}`)).toEqual(['aws iot-aws', 'azure iot-azure', 'gcp iot-gcp']);
    for (const line of lines) {
      expect(line.errors).toEqual([]);
      expect(line.warnings.filter((w) => /notify nobody/.test(w))).toEqual([]);
    }
  });

  test('AWS: a custom bus, one rule per consumer with its pattern, alarms sent to the email channel', () => {
    const t = awsTemplate(out, 'iot-aws');
    const [busId] = Object.keys(cfnResources(t, 'AWS::Events::EventBus'));
    const rules = Object.entries(cfnResources(t, 'AWS::Events::Rule'));
    expect(rules.map(([id, r]) => [id.replace(/EventBus[0-9a-f]{6}Rule[0-9A-F]{8}$/, ''), r.Properties.EventBusName, r.Properties.EventPattern]).sort()).toEqual(
      Object.entries(CONSUMERS).map(([fn, type]) => [fn, { Ref: busId }, { 'source': [SOURCE], 'detail-type': [type] }]),
    );

    const [channelTopic] = Object.keys(cfnResources(t, 'AWS::SNS::Topic')).filter((id) => id.startsWith('OnCall'));
    const emails = Object.values(cfnResources(t, 'AWS::SNS::Subscription')).filter((s) => s.Properties.Protocol === 'email');
    expect(emails.map((s) => [s.Properties.Endpoint, s.Properties.TopicArn])).toEqual([[ON_CALL, { Ref: channelTopic }]]);

    const alarms = Object.entries(cfnResources(t, 'AWS::CloudWatch::Alarm'));
    for (const fn of ['Ingest', ...Object.keys(CONSUMERS)]) {
      expect(alarms.filter(([id]) => id.startsWith(`${fn}ErrorsAlarm`))).toHaveLength(1);
    }
    for (const [id, alarm] of alarms) {
      expect({ id, actions: alarm.Properties.AlarmActions }).toEqual({ id, actions: [{ Ref: channelTopic }] });
    }
    const errors = (fn: string) => alarms.find(([id]) => id.startsWith(`${fn}ErrorsAlarm`))![1].Properties;
    expect(errors('Ingest')).toMatchObject({ Threshold: 5, Period: 300 });
    expect(errors('DetectOverheating')).toMatchObject({ Threshold: 1, Period: 60 });
  });

  test('Azure: an Event Grid topic, one subscription per consumer with its source and type filter, alerts on the on-call action group', () => {
    const tf = terraformConfig(out, 'iot-azure');
    const [topic] = Object.keys(tfResources(tf, 'azurerm_eventgrid_topic'));
    const subscriptions = Object.entries(tfResources(tf, 'azurerm_eventgrid_event_subscription'));
    expect(subscriptions.map(([name, s]) => [name.split('_')[0], s.scope, s.included_event_types, s.advanced_filter]).sort()).toEqual(
      Object.entries(CONSUMERS).map(([fn, type]) => [fn, `\${azurerm_eventgrid_topic.${topic}.id}`, [type], { string_in: [{ key: 'source', values: [SOURCE] }] }]),
    );

    const groups = Object.entries(tfResources(tf, 'azurerm_monitor_action_group'));
    expect(groups.map(([name, g]) => [name.split('_')[0], g.email_receiver.map((r: any) => r.email_address)])).toEqual([['OnCall', [ON_CALL]]]);
    const alerts = Object.entries(tfResources(tf, 'azurerm_monitor_metric_alert'));
    expect(alerts.length).toBeGreaterThanOrEqual(6);
    for (const [name, alert] of alerts) {
      expect({ name, action: alert.action }).toEqual({ name, action: [{ action_group_id: `\${azurerm_monitor_action_group.${groups[0][0]}.id}` }] });
    }
  });

  test('GCP: a Pub/Sub topic, one push subscription per consumer filtered on source and type, alert policies on the email channel', () => {
    const tf = terraformConfig(out, 'iot-gcp');
    const [topic] = Object.keys(tfResources(tf, 'google_pubsub_topic')).filter((k) => k.startsWith('Telemetry_'));
    const onBus = Object.entries(tfResources(tf, 'google_pubsub_subscription')).filter(([, s]) => s.topic === `\${google_pubsub_topic.${topic}.id}`);
    expect(onBus.map(([name, s]) => [name.split('_')[0], s.filter]).sort()).toEqual(
      Object.entries(CONSUMERS).map(([fn, type]) => [fn, `(attributes.source = "${SOURCE}") AND (attributes.type = "${type}")`]),
    );

    const channels = Object.entries(tfResources(tf, 'google_monitoring_notification_channel'));
    expect(channels.map(([, c]) => [c.type, c.labels.email_address])).toEqual([['email', ON_CALL]]);
    const policies = Object.entries(tfResources(tf, 'google_monitoring_alert_policy'));
    expect(policies.length).toBeGreaterThanOrEqual(9);
    for (const [name, policy] of policies) {
      expect({ name, channels: policy.notification_channels }).toEqual({ name, channels: [`\${google_monitoring_notification_channel.${channels[0][0]}.id}`] });
    }
  });

  test('two synths are byte-identical (no timestamps, random names or absolute paths)', () => {
    expectSameFiles(out, synthInto(buildIotTelemetryApps, tempDir('iot-b')));
    expectNoAbsolutePaths([out.cdkOut, out.tfOut], dirA);
  });

  test('logical ids and Terraform addresses are stable', () => {
    expect(stableAddresses(out)).toMatchSnapshot();
  });
});
