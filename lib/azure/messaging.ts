import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { CLOUD_DEFAULTS } from '../core/cloud-defaults';
import { ServicebusQueue } from '@cdktf/provider-azurerm/lib/servicebus-queue';
import { Construct } from 'constructs';
import type { IEventDrivenFunction } from '../core/function-contract';
import type { BucketSpec, BusSpec, QueueSpec, TopicSpec } from '../core/messaging';
import { deriveName, grantChildId, NAME_RULES } from '../core/naming';
import type { RenderedMessaging } from '../targets/load-messaging-renderer';
import { createServiceBusQueue, grantServiceBus, serviceBusNamespace } from './service-bus';
import { AZURE_SHARED, identityOf } from './handles';
import { AZURE_ROLES } from './stack-context';
import { createEventGridTopic } from './event-bus-trigger';
import { createAzureBucket } from './storage-trigger';
import { createServiceBusTopic } from './topic-trigger';

/** The Service Bus queue of a shared EventQueue, and its name (plain, for function.json). */
export interface AzureSharedQueue {
  readonly queue: ServicebusQueue;
  readonly name: string;
}

/** A shared Service Bus queue; producers get "Azure Service Bus Data Sender" on it and its entity URL. */
export function renderQueue(scope: Construct, spec: QueueSpec): RenderedMessaging {
  const name = deriveName(scope.node.path.split('/'), NAME_RULES.azureResource);
  const queue = createServiceBusQueue(scope, 'Resource', name, spec.maxDeliveryAttempts, spec.retentionDays, CLOUD_DEFAULTS.azure.sharedQueueLockSeconds);
  const address = `https://${serviceBusNamespace(scope).name}.servicebus.windows.net/${name}`;
  AZURE_SHARED.queues.set(scope, { queue, name });
  return {
    name,
    address,
    resource: queue,
    grantSend(fn: IEventDrivenFunction, owner: Construct): void {
      const id = grantChildId(owner, 'Sender', fn);
      if (id) {
        grantServiceBus(owner, id, queue.id, AZURE_ROLES.serviceBusDataSender, identityOf(fn));
      }
      fn.addEnvironment(spec.environmentName, address);
    },
  };
}

/** A shared Service Bus topic; publishers get "Azure Service Bus Data Sender" on it and its entity URL. */
export function renderTopic(scope: Construct, spec: TopicSpec): RenderedMessaging {
  const native = AZURE_SHARED.topics.set(scope, createServiceBusTopic(scope, 'Resource'));
  const address = `https://${serviceBusNamespace(scope).name}.servicebus.windows.net/${native.name}`;
  return {
    name: native.name,
    address,
    resource: native.topic,
    grantSend(fn: IEventDrivenFunction, owner: Construct): void {
      const id = grantChildId(owner, 'Sender', fn);
      if (id) {
        grantServiceBus(owner, id, native.topic.id, AZURE_ROLES.serviceBusDataSender, identityOf(fn));
      }
      fn.addEnvironment(spec.environmentName, address);
    },
  };
}

/** A shared Event Grid topic (CloudEvents 1.0); publishers get "EventGrid Data Sender" on it and its endpoint. */
export function renderBus(scope: Construct, spec: BusSpec): RenderedMessaging {
  const topic = AZURE_SHARED.buses.set(scope, createEventGridTopic(scope, 'Resource'));
  return {
    name: topic.name,
    address: topic.endpoint,
    resource: topic,
    grantSend(fn: IEventDrivenFunction, owner: Construct): void {
      const id = grantChildId(owner, 'Sender', fn);
      if (id) {
        new RoleAssignment(owner, id, { scope: topic.id, roleDefinitionName: 'EventGrid Data Sender', principalId: identityOf(fn).principalId, principalType: 'ServicePrincipal' });
      }
      fn.addEnvironment(spec.environmentName, topic.endpoint);
    },
  };
}

/** A shared bucket: a private container in a locked-down storage account; writers get Blob Data Contributor, readers Blob Data Reader, on the container only. */
export function renderBucket(scope: Construct, spec: BucketSpec): RenderedMessaging {
  const bucket = AZURE_SHARED.buckets.set(scope, createAzureBucket(scope, ''));
  const address = `${bucket.account.primaryBlobEndpoint}${bucket.containerName}`;
  const grant = (fn: IEventDrivenFunction, owner: Construct, role: string, prefix: string) => {
    const id = grantChildId(owner, prefix, fn);
    if (id) {
      new RoleAssignment(owner, id, {
        // The container's own id (not a path built from its name), so the grant waits for the container.
        scope: bucket.container.resourceManagerId,
        roleDefinitionName: role, principalId: identityOf(fn).principalId, principalType: 'ServicePrincipal',
      });
    }
    fn.addEnvironment(spec.environmentName, address);
  };
  return {
    name: bucket.containerName,
    address,
    resource: bucket.container,
    grantSend: (fn, owner) => grant(fn, owner, 'Storage Blob Data Contributor', 'Writer'),
    grantRead: (fn, owner) => grant(fn, owner, 'Storage Blob Data Reader', 'Reader'),
  };
}
