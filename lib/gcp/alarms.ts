import { MonitoringAlertPolicy, MonitoringAlertPolicyConditionsConditionThreshold } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { TEXT_LIMITS } from '../core/text-limits';
import type { MonitoringNotificationChannel as NotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import type { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import { Construct, IConstruct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import type { AlarmChannelSpec, FunctionAlarmSpec } from '../core/alarms';
import { fitName, pathHash } from '../core/naming';
import { TriggerKind } from '../core/trigger';
import type { RenderedAlarmChannel, RenderedAlarms } from '../targets/load-observability-renderer';
import { GCP_DEAD_LETTER_SUBSCRIPTIONS, GCP_NOTIFICATION_CHANNELS, GCP_SHARED } from './handles';
import { enabledApis, gcpStackOf } from './stack-services';

/** monitoring.googleapis.com, enabled once per stack (never disabled on destroy), when the stack manages APIs. */
export function monitoringApi(scope: IConstruct): ProjectService[] | undefined {
  return enabledApis(gcpStackOf(scope), 'monitoring');
}

/** One email notification channel per address. */
export function renderAlarmChannel(scope: Construct, spec: AlarmChannelSpec): RenderedAlarmChannel {
  // Loaded here: an app whose alarms notify nobody never loads the notification channel bindings.
  const { MonitoringNotificationChannel } = require('@cdktf/provider-google/lib/monitoring-notification-channel') as { MonitoringNotificationChannel: typeof NotificationChannel };
  const channels = spec.emails.map((emailAddress) => new MonitoringNotificationChannel(scope, `Email${pathHash(emailAddress)}`, {
    displayName: fitName(`Cirrus alarms ${spec.constructPath}: ${emailAddress}`, TEXT_LIMITS.gcp.monitoringDisplayName),
    type: 'email',
    labels: { email_address: emailAddress },
    dependsOn: monitoringApi(scope),
  }));
  GCP_NOTIFICATION_CHANNELS.set(scope, channels.map((c) => c.id));
  return {};
}

const DEAD_LETTER_SUFFIX = 'DeadLetterSubscription';

/** Whether a construct is a Pub/Sub subscription, without loading its bindings (an app may have none). */
function isSubscription(c: IConstruct): c is PubsubSubscription {
  return (c as { terraformResourceType?: string }).terraformResourceType === 'google_pubsub_subscription';
}

/**
 * Alert policies on the Cloud Run service behind the function (5xx
 * responses: run.googleapis.com/request_count; 429 responses, which Cloud
 * Run returns when no instance is free; p99 of request_latencies against
 * the timeout) and on the undelivered messages of every dead-letter
 * subscription of its triggers. Missing data does not open incidents.
 */
export function renderFunctionAlarms(fn: EventDrivenFunction, spec: FunctionAlarmSpec, channels: IConstruct[]): RenderedAlarms {
  const notificationChannels = channels.flatMap((c) => GCP_NOTIFICATION_CHANNELS.of(c));
  const period = `${spec.periodSeconds}s`;
  const minutes = `${spec.periodSeconds / 60} min`;
  const service = `resource.type = "cloud_run_revision" AND resource.labels.service_name = "${fn.functionName}"`;
  const policy = (id: string, title: string, severity: string, condition: MonitoringAlertPolicyConditionsConditionThreshold, description: string) =>
    new MonitoringAlertPolicy(fn, id, {
      displayName: fitName(`${fn.node.path}: ${title}`, TEXT_LIMITS.gcp.monitoringDisplayName),
      combiner: 'OR',
      severity,
      conditions: [{ displayName: title, conditionThreshold: condition }],
      notificationChannels: notificationChannels.length > 0 ? notificationChannels : undefined,
      documentation: { content: `${fn.node.path}: ${description}.`, mimeType: 'text/markdown' },
      dependsOn: monitoringApi(fn),
    });
  // Counts are whole numbers and alert policies compare with ">" only: "at least n" is "more than n - 1".
  const count = (filter: string, threshold: number, aligner: string, reducer?: string): MonitoringAlertPolicyConditionsConditionThreshold => ({
    filter,
    comparison: 'COMPARISON_GT',
    thresholdValue: threshold - 1,
    duration: '0s',
    aggregations: [{ alignmentPeriod: period, perSeriesAligner: aligner, crossSeriesReducer: reducer }],
    trigger: { count: 1 },
    evaluationMissingData: 'EVALUATION_MISSING_DATA_INACTIVE',
  });

  policy('ErrorsAlarm', 'errors', 'ERROR',
    count(`${service} AND metric.type = "run.googleapis.com/request_count" AND metric.labels.response_code_class = "5xx"`, spec.errorsThreshold, 'ALIGN_DELTA', 'REDUCE_SUM'),
    `${spec.errorsThreshold} or more requests answered with a 5xx status (failed executions) in ${minutes}`);
  if (spec.throttlesThreshold !== undefined) {
    policy('ThrottlesAlarm', 'throttles', 'WARNING',
      count(`${service} AND metric.type = "run.googleapis.com/request_count" AND metric.labels.response_code = "429"`, spec.throttlesThreshold, 'ALIGN_DELTA', 'REDUCE_SUM'),
      `${spec.throttlesThreshold} or more requests answered with 429 (no instance available, e.g. at the maximum instance count) in ${minutes}`);
  }
  if (spec.durationThresholdMs !== undefined) {
    policy('DurationAlarm', 'duration', 'WARNING', {
      filter: `${service} AND metric.type = "run.googleapis.com/request_latencies"`,
      comparison: 'COMPARISON_GT',
      thresholdValue: spec.durationThresholdMs,
      duration: '0s',
      aggregations: [{ alignmentPeriod: period, perSeriesAligner: 'ALIGN_PERCENTILE_99', crossSeriesReducer: 'REDUCE_MAX' }],
      trigger: { count: 1 },
      evaluationMissingData: 'EVALUATION_MISSING_DATA_INACTIVE',
    }, `p99 request latency reached ${spec.durationPercentOfTimeout}% of the timeout (${spec.durationThresholdMs} ms) in ${minutes}`);
  }

  const watched = new Set<string>();
  const deadLetter = (prefix: string, subscription: PubsubSubscription, what: string) => {
    const id = `${prefix}DeadLetterAlarm`;
    if (watched.has(id)) {
      return;
    }
    watched.add(id);
    policy(id, prefix ? `dead letters of trigger ${prefix}` : 'dead letters', 'WARNING',
      count(`resource.type = "pubsub_subscription" AND resource.labels.subscription_id = "${subscription.name}" AND metric.type = "pubsub.googleapis.com/subscription/num_undelivered_messages"`,
        spec.deadLetterThreshold, 'ALIGN_MAX'),
      `${spec.deadLetterThreshold} or more messages waiting in ${what}`);
  };
  const sync = () => {
    for (const child of [...fn.node.children]) {
      const id = child.node.id;
      if (isSubscription(child) && id.endsWith(DEAD_LETTER_SUFFIX)) {
        deadLetter(id.slice(0, -DEAD_LETTER_SUFFIX.length), child, `the dead-letter subscription ${id}`);
      }
    }
    for (const trigger of fn._spec.triggers) {
      if (trigger.kind === TriggerKind.QUEUE && trigger.queue) {
        const subscription = GCP_DEAD_LETTER_SUBSCRIPTIONS.tryOf(GCP_SHARED.queues.tryOf(trigger.queue)?.deadLetterTopic);
        if (subscription) {
          deadLetter(trigger.id, subscription, `the dead-letter subscription of ${trigger.queue.node.path}`);
        }
      }
    }
  };
  sync();
  return { sync };
}
