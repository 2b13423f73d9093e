import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ServicebusNamespace } from '@cdktf/provider-azurerm/lib/servicebus-namespace';
import { ServicebusQueue } from '@cdktf/provider-azurerm/lib/servicebus-queue';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import type { AzureStack } from '../../constructs/azure-stack';
import type { FunctionSpec, QueueTriggerSpec } from '../core/function-spec';
import { deriveName, NAME_RULES } from '../core/naming';
import { StackShared } from '../core/stack-shared';
import { AZURE_ROLES, azureStackOf, globalName } from './stack-context';

/**
 * The stack's Service Bus namespace (Standard tier, TLS 1.2, Entra ID only:
 * no shared access keys). Standard tier encrypts at rest with
 * Microsoft-managed keys; customer-managed keys need Premium.
 */
const SERVICE_BUS_NAMESPACE = new StackShared((stack: AzureStack) => new ServicebusNamespace(stack, 'CirrusServiceBus', {
  name: globalName(stack, stack.node.path.split('/'), NAME_RULES.azureServiceBusNamespace, stack.location),
  location: stack.location,
  resourceGroupName: stack.resourceGroupName,
  sku: 'Standard',
  minimumTlsVersion: '1.2',
  localAuthEnabled: false,
  tags: stack.tags,
}));

/** The Service Bus namespace of the scope's stack, created on first use. */
export function serviceBusNamespace(scope: Construct): ServicebusNamespace {
  return SERVICE_BUS_NAMESPACE.of(azureStackOf(scope));
}

/** The queue's name, known at synth time (function.json must name it). */
export function serviceBusQueueName(scope: Construct, trigger: QueueTriggerSpec): string {
  return deriveName(scope.node.path.split('/'), NAME_RULES.azureResource, trigger.id.toLowerCase());
}

/** The lock a consumer needs: its timeout, within Service Bus's 5 s - 5 min. */
export function lockSeconds(spec: FunctionSpec): number {
  return Math.min(Math.max(spec.timeoutSeconds, 5), 300);
}

/** A Service Bus queue that dead-letters after maxDeliveryAttempts and on expiry. */
export function createServiceBusQueue(scope: Construct, id: string, name: string, maxDeliveryAttempts: number, retentionDays: number, lock: number): ServicebusQueue {
  return new ServicebusQueue(scope, id, {
    name,
    namespaceId: serviceBusNamespace(scope).id,
    maxDeliveryCount: maxDeliveryAttempts,
    deadLetteringOnMessageExpiration: true,
    defaultMessageTtl: `P${retentionDays}D`,
    lockDuration: `PT${lock}S`,
  });
}

/** Lets one identity use one Service Bus entity in one role (receiver or sender), nothing wider. */
export function grantServiceBus(scope: Construct, id: string, entityId: string, role: string, identity: UserAssignedIdentity): RoleAssignment {
  return new RoleAssignment(scope, id, { scope: entityId, roleDefinitionName: role, principalId: identity.principalId, principalType: 'ServicePrincipal' });
}

/**
 * A Service Bus queue for one queue trigger, with dead-lettering after
 * maxDeliveryAttempts and on expiry, and a role assignment that lets only
 * this function's identity receive from only this queue.
 */
export function addServiceBusQueue(scope: Construct, spec: FunctionSpec, trigger: QueueTriggerSpec, identity: UserAssignedIdentity): ServicebusQueue {
  const queue = createServiceBusQueue(scope, trigger.id, serviceBusQueueName(scope, trigger), trigger.maxDeliveryAttempts, trigger.retentionDays, lockSeconds(spec));
  grantServiceBus(scope, `${trigger.id}Receiver`, queue.id, AZURE_ROLES.serviceBusDataReceiver, identity);
  return queue;
}
