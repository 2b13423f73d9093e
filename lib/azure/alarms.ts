import type { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import type { EventgridEventSubscription } from '@cdktf/provider-azurerm/lib/eventgrid-event-subscription';
import type { EventgridSystemTopic } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic';
import type { EventgridSystemTopicEventSubscription } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic-event-subscription';
import type { MonitorActionGroup as ActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorMetricAlert, MonitorMetricAlertCriteria } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import type { ServicebusQueue } from '@cdktf/provider-azurerm/lib/servicebus-queue';
import type { ServicebusTopic } from '@cdktf/provider-azurerm/lib/servicebus-topic';
import { Construct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import type { AlarmChannelSpec, FunctionAlarmSpec } from '../core/alarms';
import { deriveName, NAME_RULES, pathHash } from '../core/naming';
import { TriggerKind } from '../core/trigger';
import type { RenderedMessaging } from '../targets/load-messaging-renderer';
import type { RenderedAlarmChannel, RenderedAlarms } from '../targets/load-observability-renderer';
import { azureStackOf } from './stack-context';
import type { AzureBucket } from './storage-trigger';

/** An action group (global) with an email receiver per address, using the common alert schema. */
export function renderAlarmChannel(scope: Construct, spec: AlarmChannelSpec): RenderedAlarmChannel {
  const stack = azureStackOf(scope);
  // Loaded here: an app whose alarms notify nobody never loads the action group bindings.
  const { MonitorActionGroup } = require('@cdktf/provider-azurerm/lib/monitor-action-group') as { MonitorActionGroup: typeof ActionGroup };
  const group = new MonitorActionGroup(scope, 'ActionGroup', {
    name: deriveName(scope.node.path.split('/'), NAME_RULES.azureResource, 'alarms'),
    resourceGroupName: stack.resourceGroupName,
    location: 'global',
    shortName: 'cirrusalarms', // at most 12 characters: the sender name of SMS and email
    emailReceiver: spec.emails.map((emailAddress) => ({ name: `email-${pathHash(emailAddress)}`, emailAddress, useCommonAlertSchema: true })),
    tags: stack.tags,
  });
  return { native: group.id, resource: group };
}

/** Azure window sizes and evaluation frequencies for the portable periods. */
function windowOf(periodSeconds: number): { windowSize: string; frequency: string } {
  const windowSize = periodSeconds === 3600 ? 'PT1H' : `PT${periodSeconds / 60}M`;
  return { windowSize, frequency: periodSeconds === 60 ? 'PT1M' : 'PT5M' };
}

/** Where a trigger's dead letters are counted: a metric of one resource, narrowed by one dimension. */
interface DeadLetterWatch {
  readonly scope: string;
  readonly metricNamespace: string;
  readonly metricName: string;
  readonly aggregation: string;
  readonly dimension: string;
  readonly value: string;
  readonly what: string;
}

type TriggerLike = { kind: TriggerKind; id: string; queue?: unknown; topic?: unknown; bus?: unknown; bucket?: unknown };

function sharedOf(shared: unknown): RenderedMessaging | undefined {
  return (shared as { _rendered: RenderedMessaging } | undefined)?._rendered;
}

/**
 * The dead-letter signal of one trigger. Service Bus counts dead letters per
 * queue or topic (DeadletteredMessages by EntityName), so a topic trigger's
 * alarm covers every subscription of the topic; Event Grid counts events
 * dead-lettered per event subscription (DeadLetteredCount by
 * EventSubscriptionName, reported upper-case).
 */
function deadLetterWatch(fn: EventDrivenFunction, trigger: TriggerLike): DeadLetterWatch | undefined {
  const serviceBus = (entity: string | undefined, what: string): DeadLetterWatch | undefined => entity === undefined ? undefined : {
    scope: (require('./service-bus') as typeof import('./service-bus')).serviceBusNamespace(fn).id, metricNamespace: 'Microsoft.ServiceBus/namespaces', metricName: 'DeadletteredMessages',
    aggregation: 'Maximum', dimension: 'EntityName', value: entity, what: `dead-lettered messages waiting in ${what}`,
  };
  const eventGrid = (topicId: string | undefined, metricNamespace: string, subscription: { nameInput?: string } | undefined): DeadLetterWatch | undefined =>
    topicId === undefined || subscription?.nameInput === undefined ? undefined : {
      scope: topicId, metricNamespace, metricName: 'DeadLetteredCount', aggregation: 'Total',
      dimension: 'EventSubscriptionName', value: subscription.nameInput.toUpperCase(), what: 'events dead-lettered to blob storage',
    };
  switch (trigger.kind) {
    case TriggerKind.QUEUE: {
      const shared = sharedOf(trigger.queue);
      return serviceBus(shared ? shared.name : (fn.node.tryFindChild(trigger.id) as ServicebusQueue | undefined)?.name, 'its queue');
    }
    case TriggerKind.TOPIC: {
      const shared = sharedOf(trigger.topic);
      return serviceBus(shared ? shared.name : (fn.node.tryFindChild(trigger.id) as ServicebusTopic | undefined)?.name, 'its topic (every subscription of it)');
    }
    case TriggerKind.EVENT_BUS: {
      const subscription = fn.node.tryFindChild(`${trigger.id}Subscription`) as EventgridEventSubscription | undefined;
      return eventGrid(subscription?.scopeInput, 'Microsoft.EventGrid/topics', subscription);
    }
    case TriggerKind.STORAGE: {
      const bucket = sharedOf(trigger.bucket)?.native as AzureBucket | undefined;
      const topic = (bucket ? bucket.owner.node.tryFindChild(`${bucket.idPrefix}EventTopic`) : fn.node.tryFindChild(`${trigger.id}EventTopic`)) as EventgridSystemTopic | undefined;
      return eventGrid(topic?.id, 'Microsoft.EventGrid/systemTopics', fn.node.tryFindChild(`${trigger.id}Subscription`) as EventgridSystemTopicEventSubscription | undefined);
    }
    default:
      return undefined;
  }
}

/**
 * Metric alerts on the function's Application Insights (failed executions:
 * requests/failed; the slowest execution: requests/duration maximum against
 * the timeout) and on the dead letters of each trigger (Service Bus
 * DeadletteredMessages of its queue or topic; Event Grid DeadLetteredCount
 * of its event subscription). Azure has no throttling metric for Flex
 * Consumption apps.
 */
export function renderFunctionAlarms(fn: EventDrivenFunction, spec: FunctionAlarmSpec, channels: RenderedAlarmChannel[]): RenderedAlarms {
  const stack = azureStackOf(fn);
  const path = fn.node.path.split('/');
  const insights = fn.node.findChild('Insights') as ApplicationInsights;
  const action = channels.length > 0 ? channels.map((c) => ({ actionGroupId: c.native as string })) : undefined;
  const minutes = `${spec.periodSeconds / 60} min`;
  const alert = (id: string, suffix: string, scope: string, severity: number, criteria: MonitorMetricAlertCriteria, description: string) => new MonitorMetricAlert(fn, id, {
    name: deriveName(path, NAME_RULES.azureResource, suffix),
    resourceGroupName: stack.resourceGroupName,
    scopes: [scope],
    description: `${fn.node.path}: ${description}`,
    severity,
    ...windowOf(spec.periodSeconds),
    autoMitigate: true,
    criteria: [criteria],
    action,
    tags: stack.tags,
  });

  alert('ErrorsAlarm', 'alarm-errors', insights.id, 1, {
    metricNamespace: 'microsoft.insights/components', metricName: 'requests/failed', aggregation: 'Count',
    operator: 'GreaterThanOrEqual', threshold: spec.errorsThreshold,
  }, `${spec.errorsThreshold} or more failed executions in ${minutes}`);
  if (spec.durationThresholdMs !== undefined) {
    alert('DurationAlarm', 'alarm-duration', insights.id, 2, {
      metricNamespace: 'microsoft.insights/components', metricName: 'requests/duration', aggregation: 'Maximum',
      operator: 'GreaterThanOrEqual', threshold: spec.durationThresholdMs,
    }, `the slowest execution reached ${spec.durationPercentOfTimeout}% of the timeout (${spec.durationThresholdMs} ms) in ${minutes}`);
  }

  const sync = () => {
    for (const trigger of fn._spec.triggers) {
      const id = `${trigger.id}DeadLetterAlarm`;
      const watch = deadLetterWatch(fn, trigger);
      if (watch === undefined || fn.node.tryFindChild(id)) {
        continue;
      }
      alert(id, `alarm-${trigger.id.toLowerCase()}-dlq`, watch.scope, 2, {
        metricNamespace: watch.metricNamespace, metricName: watch.metricName, aggregation: watch.aggregation,
        operator: 'GreaterThanOrEqual', threshold: spec.deadLetterThreshold,
        dimension: [{ name: watch.dimension, operator: 'Include', values: [watch.value] }],
      }, `${spec.deadLetterThreshold} or more ${watch.what} (trigger ${trigger.id})`);
    }
  };
  sync();
  return { sync };
}
