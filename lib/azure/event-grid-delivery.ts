import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AZURE_EVENT_DEAD_LETTER_CONTAINERS, AZURE_FUNCTIONS } from './handles';

/** How an Event Grid subscription delivers to a Cirrus function, and dead-letters what it cannot deliver. */
export interface EventGridDelivery {
  readonly azureFunctionEndpoint: { functionId: string; maxEventsPerBatch: number };
  readonly retryPolicy: { maxDeliveryAttempts: number; eventTimeToLive: number };
  readonly storageBlobDeadLetterDestination: { storageAccountId: string; storageBlobContainerName: string };
  readonly deadLetterIdentity: { type: string };
  readonly dependsOn: ITerraformDependable[];
}

/** The function's dead-letter container for Event Grid deliveries, in its own storage account, created once per function. */
function deadLetterContainer(scope: Construct, storage: StorageAccount): StorageContainer {
  return AZURE_EVENT_DEAD_LETTER_CONTAINERS.getOrCreate(scope, () =>
    new StorageContainer(scope, 'EventDeadLetterContainer', { name: 'event-dead-letters', storageAccountId: storage.id, containerAccessType: 'private' }));
}

/**
 * Delivery of one trigger's events to the function (its `<triggerId>`
 * function in the deployed package, one event per call), retried
 * `maxDeliveryAttempts` times within `maxEventAgeSeconds`, then
 * dead-lettered to a blob container that the topic's identity may write to
 * (and nothing else). Waits for the package deployment, since Event Grid
 * validates the function endpoint when the subscription is created.
 */
export function eventGridDelivery(scope: Construct, triggerId: string, topicPrincipalId: string, maxDeliveryAttempts: number, maxEventAgeSeconds: number): EventGridDelivery {
  const { app, storage, deployment } = AZURE_FUNCTIONS.of(scope);
  const container = deadLetterContainer(scope, storage);
  const writer = new RoleAssignment(scope, `${triggerId}DeadLetterWriter`, {
    // The container's own id (not a path built from its name), so the grant waits for the container.
    scope: container.resourceManagerId,
    roleDefinitionName: 'Storage Blob Data Contributor',
    principalId: topicPrincipalId,
    principalType: 'ServicePrincipal',
  });
  return {
    azureFunctionEndpoint: { functionId: `${app.id}/functions/${triggerId}`, maxEventsPerBatch: 1 },
    retryPolicy: { maxDeliveryAttempts, eventTimeToLive: maxEventAgeSeconds / 60 },
    storageBlobDeadLetterDestination: { storageAccountId: storage.id, storageBlobContainerName: container.name },
    deadLetterIdentity: { type: 'SystemAssigned' },
    dependsOn: [deployment, writer],
  };
}
