import { EventgridSystemTopic } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic';
import { EventgridSystemTopicEventSubscription } from '@cdktf/provider-azurerm/lib/eventgrid-system-topic-event-subscription';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { Construct } from 'constructs';
import type { StorageTriggerSpec } from '../core/function-spec';
import { deriveName, NAME_RULES } from '../core/naming';
import { StorageEvent } from '../core/trigger';
import { eventGridDelivery } from './event-grid-delivery';
import { AZURE_SYSTEM_TOPICS } from './handles';
import { azureStackOf, globalName } from './stack-context';

/** A blob container in a storage account of its own, and the account's Event Grid system topic once someone subscribes. */
export interface AzureBucket {
  readonly account: StorageAccount;
  readonly container: StorageContainer;
  readonly containerName: string;
  /** Where the bucket's constructs live (the EventBucket or the function). */
  readonly owner: Construct;
  readonly idPrefix: string;
}

/** How long deleted blobs and containers of a bucket can be restored (soft delete). */
export const DELETED_DATA_RETENTION_DAYS = 7;

/**
 * A locked-down storage account (TLS 1.2, HTTPS only, no public blobs, no shared keys, versioned,
 * soft delete) with one private container.
 */
export function createAzureBucket(owner: Construct, idPrefix: string): AzureBucket {
  const stack = azureStackOf(owner);
  const path = owner.node.path.split('/');
  const account = new StorageAccount(owner, `${idPrefix}Account`, {
    name: globalName(owner, path, NAME_RULES.azureStorageAccount, stack.location, `${idPrefix}data`),
    location: stack.location,
    resourceGroupName: stack.resourceGroupName,
    accountTier: 'Standard',
    accountReplicationType: 'LRS',
    accountKind: 'StorageV2',
    minTlsVersion: 'TLS1_2',
    httpsTrafficOnlyEnabled: true,
    allowNestedItemsToBePublic: false,
    sharedAccessKeyEnabled: false,
    defaultToOauthAuthentication: true,
    // Retention, as on AWS (versioned S3) and GCP (versioned bucket): overwritten and deleted
    // blobs are kept as versions, and deleted blobs and containers can be restored for 7 days.
    blobProperties: {
      versioningEnabled: true,
      deleteRetentionPolicy: { days: DELETED_DATA_RETENTION_DAYS },
      containerDeleteRetentionPolicy: { days: DELETED_DATA_RETENTION_DAYS },
    },
    tags: stack.tags,
  });
  const containerName = 'objects';
  const container = new StorageContainer(owner, idPrefix ? `${idPrefix}Container` : 'Resource', { name: containerName, storageAccountId: account.id, containerAccessType: 'private' });
  return { account, container, containerName, owner, idPrefix };
}

/** The storage account's Event Grid system topic, created once, with an identity for dead-lettering. */
function systemTopic(bucket: AzureBucket): EventgridSystemTopic {
  return AZURE_SYSTEM_TOPICS.getOrCreate(bucket.account, () => new EventgridSystemTopic(bucket.owner, `${bucket.idPrefix}EventTopic`, {
    name: deriveName(bucket.owner.node.path.split('/'), { maxLength: 50, hyphens: true, prefix: 'evgs-' }, bucket.idPrefix.toLowerCase()),
    location: azureStackOf(bucket.owner).location,
    resourceGroupName: azureStackOf(bucket.owner).resourceGroupName,
    sourceResourceId: bucket.account.id,
    topicType: 'Microsoft.Storage.StorageAccounts',
    identity: { type: 'SystemAssigned' },
    tags: azureStackOf(bucket.owner).tags,
  }));
}

/**
 * Blob events through the account's Event Grid system topic: a subscription
 * filtered to the container, prefix and suffix, delivering to the
 * function's `eventGridTrigger` with retries and blob dead-lettering.
 */
export function addStorageSubscription(scope: Construct, trigger: StorageTriggerSpec, existing?: AzureBucket): { topic: EventgridSystemTopic; subscription: EventgridSystemTopicEventSubscription } {
  const bucket = existing ?? createAzureBucket(scope, trigger.id);
  const topic = systemTopic(bucket);
  // The subscription names the system topic by its resource group: the bucket's stack's (another stack's, for a shared bucket there).
  const stack = azureStackOf(bucket.owner);
  const subscription = new EventgridSystemTopicEventSubscription(scope, `${trigger.id}Subscription`, {
    name: deriveName(scope.node.path.split('/'), { maxLength: 64, hyphens: true, prefix: '' }, trigger.id.toLowerCase()),
    systemTopic: topic.name,
    resourceGroupName: stack.resourceGroupName,
    includedEventTypes: trigger.events.map((e) => (e === StorageEvent.OBJECT_CREATED ? 'Microsoft.Storage.BlobCreated' : 'Microsoft.Storage.BlobDeleted')),
    subjectFilter: {
      subjectBeginsWith: `/blobServices/default/containers/${bucket.containerName}/blobs/${trigger.prefix ?? ''}`,
      subjectEndsWith: trigger.suffix,
    },
    ...eventGridDelivery(scope, trigger.id, topic.identity.principalId, trigger.maxDeliveryAttempts, trigger.maxEventAgeSeconds),
  });
  return { topic, subscription };
}
