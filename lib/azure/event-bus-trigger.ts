import { EventgridEventSubscription } from '@cdktf/provider-azurerm/lib/eventgrid-event-subscription';
import { EventgridTopic } from '@cdktf/provider-azurerm/lib/eventgrid-topic';
import { Construct } from 'constructs';
import type { EventBusTriggerSpec } from '../core/function-spec';
import { deriveName } from '../core/naming';
import { eventGridDelivery } from './event-grid-delivery';
import { azureStackOf, globalName } from './stack-context';

/** Event Grid topic names: 3-50 letters, digits and hyphens. */
const TOPIC_NAME = { maxLength: 50, hyphens: true, prefix: 'evgt-' };

/** An Event Grid topic taking CloudEvents 1.0, Entra ID only, with an identity for dead-lettering. */
export function createEventGridTopic(scope: Construct, id: string, suffix = ''): EventgridTopic {
  const stack = azureStackOf(scope);
  return new EventgridTopic(scope, id, {
    // Topic names make the endpoint <name>.<region>-1.eventgrid.azure.net: unique across subscriptions.
    name: globalName(scope, scope.node.path.split('/'), TOPIC_NAME, stack.location, suffix),
    location: stack.location,
    resourceGroupName: stack.resourceGroupName,
    inputSchema: 'CloudEventSchemaV1_0',
    localAuthEnabled: false,
    identity: { type: 'SystemAssigned' },
    tags: stack.tags,
  });
}

/**
 * An Event Grid subscription on the bus (an EventBus's topic, or one the
 * trigger creates) delivering matching CloudEvents to the function's
 * `eventGridTrigger`, retried maxDeliveryAttempts times within the event's
 * time to live, then dead-lettered to a blob container the topic's identity
 * may write to (and nothing else).
 */
export function addEventBusSubscription(scope: Construct, trigger: EventBusTriggerSpec, existing?: EventgridTopic): EventgridEventSubscription {
  const topic = existing ?? createEventGridTopic(scope, `${trigger.id}Topic`, trigger.id.toLowerCase());
  return new EventgridEventSubscription(scope, `${trigger.id}Subscription`, {
    name: deriveName(scope.node.path.split('/'), { maxLength: 64, hyphens: true, prefix: '' }, trigger.id.toLowerCase()),
    scope: topic.id,
    eventDeliverySchema: 'CloudEventSchemaV1_0',
    includedEventTypes: trigger.detailType,
    advancedFilter: trigger.source ? { stringIn: [{ key: 'source', values: trigger.source }] } : undefined,
    ...eventGridDelivery(scope, trigger.id, topic.identity.principalId, trigger.maxDeliveryAttempts, trigger.maxEventAgeSeconds),
  });
}
