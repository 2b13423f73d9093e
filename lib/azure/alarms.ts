import type { MonitorActionGroup as ActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { MonitorMetricAlert, MonitorMetricAlertCriteria } from '@cdktf/provider-azurerm/lib/monitor-metric-alert';
import { Construct, IConstruct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import type { AlarmChannelSpec, FunctionAlarmSpec } from '../core/alarms';
import { deriveName, NAME_RULES, pathHash } from '../core/naming';
import type { RenderedAlarmChannel, RenderedAlarms } from '../targets/load-observability-renderer';
import { AZURE_ACTION_GROUPS, AZURE_FUNCTIONS, AzureDeadLetterSource } from './handles';
import { azureStackOf } from './stack-context';

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
  AZURE_ACTION_GROUPS.set(scope, group.id);
  return { resource: group };
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

/**
 * The dead-letter signal of one trigger, from what its renderer recorded.
 * Service Bus counts dead letters per queue or topic (DeadletteredMessages
 * by EntityName), so a topic trigger's alarm covers every subscription of
 * the topic; Event Grid counts events dead-lettered per event subscription
 * (DeadLetteredCount by EventSubscriptionName, reported upper-case).
 */
function deadLetterWatch(fn: EventDrivenFunction, source: AzureDeadLetterSource | undefined): DeadLetterWatch | undefined {
  if (source?.serviceBusEntity !== undefined) {
    return {
      scope: (require('./service-bus') as typeof import('./service-bus')).serviceBusNamespace(fn).id, metricNamespace: 'Microsoft.ServiceBus/namespaces', metricName: 'DeadletteredMessages',
      aggregation: 'Maximum', dimension: 'EntityName', value: source.serviceBusEntity, what: `dead-lettered messages waiting in ${source.what}`,
    };
  }
  if (source?.eventGridTopicId === undefined || source.eventGridNamespace === undefined || source.eventSubscriptionName === undefined) {
    return undefined;
  }
  return {
    scope: source.eventGridTopicId, metricNamespace: source.eventGridNamespace, metricName: 'DeadLetteredCount', aggregation: 'Total',
    dimension: 'EventSubscriptionName', value: source.eventSubscriptionName.toUpperCase(), what: source.what,
  };
}

/**
 * Metric alerts on the function's Application Insights (failed executions:
 * requests/failed; the slowest execution: requests/duration maximum against
 * the timeout) and on the dead letters of each trigger (Service Bus
 * DeadletteredMessages of its queue or topic; Event Grid DeadLetteredCount
 * of its event subscription). Azure has no throttling metric for Flex
 * Consumption apps.
 */
export function renderFunctionAlarms(fn: EventDrivenFunction, spec: FunctionAlarmSpec, channels: IConstruct[]): RenderedAlarms {
  const stack = azureStackOf(fn);
  const path = fn.node.path.split('/');
  const { insights, deadLetters } = AZURE_FUNCTIONS.of(fn);
  const action = channels.length > 0 ? channels.map((c) => ({ actionGroupId: AZURE_ACTION_GROUPS.of(c) })) : undefined;
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

  const watched = new Set<string>();
  const sync = () => {
    for (const trigger of fn._spec.triggers) {
      const id = `${trigger.id}DeadLetterAlarm`;
      const watch = deadLetterWatch(fn, deadLetters.get(trigger.id));
      if (watch === undefined || watched.has(id)) {
        continue;
      }
      watched.add(id);
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
