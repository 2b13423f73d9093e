import { EventgridEventSubscription } from '@cdktf/provider-azurerm/lib/eventgrid-event-subscription';
import { EventgridTopic } from '@cdktf/provider-azurerm/lib/eventgrid-topic';
import { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { EventBusTriggerSpec } from '../core/function-spec';
import { deriveName } from '../core/naming';
import { azureStackOf } from './stack-context';

/** Event Grid topic names: 3-50 letters, digits and hyphens. */
const TOPIC_NAME = { maxLength: 50, hyphens: true, prefix: 'evgt-' };

/** An Event Grid topic taking CloudEvents 1.0, Entra ID only, with an identity for dead-lettering. */
export function createEventGridTopic(scope: Construct, id: string, suffix = ''): EventgridTopic {
  const stack = azureStackOf(scope);
  return new EventgridTopic(scope, id, {
    name: deriveName(scope.node.path.split('/'), TOPIC_NAME, suffix),
    location: stack.location,
    resourceGroupName: stack.resourceGroupName,
    inputSchema: 'CloudEventSchemaV1_0',
    localAuthEnabled: false,
    identity: { type: 'SystemAssigned' },
    tags: stack.tags,
  });
}

/**
 * The function's dead-letter container for Event Grid deliveries, in its own
 * storage account, created once per function.
 */
function deadLetterContainer(scope: Construct): StorageContainer {
  const existing = scope.node.tryFindChild('EventDeadLetterContainer') as StorageContainer | undefined;
  if (existing) {
    return existing;
  }
  const storage = scope.node.findChild('Storage') as StorageAccount;
  return new StorageContainer(scope, 'EventDeadLetterContainer', { name: 'event-dead-letters', storageAccountId: storage.id, containerAccessType: 'private' });
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
  const container = deadLetterContainer(scope);
  const storage = scope.node.findChild('Storage') as StorageAccount;
  const writer = new RoleAssignment(scope, `${trigger.id}DeadLetterWriter`, {
    scope: `${storage.id}/blobServices/default/containers/${container.name}`,
    roleDefinitionName: 'Storage Blob Data Contributor',
    principalId: topic.identity.principalId,
    principalType: 'ServicePrincipal',
  });
  const app = scope.node.findChild('Resource') as FunctionAppFlexConsumption;
  const deployment = scope.node.findChild('Deployment') as unknown as ITerraformDependable;
  return new EventgridEventSubscription(scope, `${trigger.id}Subscription`, {
    name: deriveName(scope.node.path.split('/'), { maxLength: 64, hyphens: true, prefix: '' }, trigger.id.toLowerCase()),
    scope: topic.id,
    eventDeliverySchema: 'CloudEventSchemaV1_0',
    // The function must exist in the deployed package before Event Grid validates the endpoint.
    azureFunctionEndpoint: { functionId: `${app.id}/functions/${trigger.id}`, maxEventsPerBatch: 1 },
    includedEventTypes: trigger.detailType,
    advancedFilter: trigger.source ? { stringIn: [{ key: 'source', values: trigger.source }] } : undefined,
    retryPolicy: { maxDeliveryAttempts: trigger.maxDeliveryAttempts, eventTimeToLive: trigger.maxEventAgeSeconds / 60 },
    storageBlobDeadLetterDestination: { storageAccountId: storage.id, storageBlobContainerName: container.name },
    deadLetterIdentity: { type: 'SystemAssigned' },
    dependsOn: [deployment, writer],
  });
}
