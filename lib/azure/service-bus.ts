import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ServicebusNamespace } from '@cdktf/provider-azurerm/lib/servicebus-namespace';
import { ServicebusQueue } from '@cdktf/provider-azurerm/lib/servicebus-queue';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Construct } from 'constructs';
import type { FunctionSpec, QueueTriggerSpec } from '../core/function-spec';
import { deriveName, NAME_RULES } from '../core/naming';
import { AZURE_ROLES, sharedOnStack } from './stack-context';

/**
 * The stack's Service Bus namespace (Standard tier, TLS 1.2, Entra ID only:
 * no shared access keys). Standard tier encrypts at rest with
 * Microsoft-managed keys; customer-managed keys need Premium.
 */
export function serviceBusNamespace(scope: Construct): ServicebusNamespace {
  return sharedOnStack(scope, 'CirrusServiceBus', (stack) => new ServicebusNamespace(stack, 'CirrusServiceBus', {
    name: deriveName(stack.node.path.split('/'), NAME_RULES.azureServiceBusNamespace),
    location: stack.location,
    resourceGroupName: stack.resourceGroupName,
    sku: 'Standard',
    minimumTlsVersion: '1.2',
    localAuthEnabled: false,
    tags: stack.tags,
  }));
}

/** The queue's name, known at synth time (function.json must name it). */
export function serviceBusQueueName(scope: Construct, trigger: QueueTriggerSpec): string {
  return deriveName(scope.node.path.split('/'), NAME_RULES.azureResource, trigger.id.toLowerCase());
}

/**
 * A Service Bus queue for one queue trigger, with dead-lettering after
 * maxDeliveryAttempts and on expiry, and a role assignment that lets only
 * this function's identity receive from only this queue.
 */
export function addServiceBusQueue(scope: Construct, spec: FunctionSpec, trigger: QueueTriggerSpec, identity: UserAssignedIdentity): ServicebusQueue {
  const namespace = serviceBusNamespace(scope);
  const queue = new ServicebusQueue(scope, trigger.id, {
    name: serviceBusQueueName(scope, trigger),
    namespaceId: namespace.id,
    maxDeliveryCount: trigger.maxDeliveryAttempts,
    deadLetteringOnMessageExpiration: true,
    defaultMessageTtl: `P${trigger.retentionDays}D`,
    lockDuration: `PT${Math.min(Math.max(spec.timeoutSeconds, 5), 300)}S`,
  });
  new RoleAssignment(scope, `${trigger.id}Receiver`, {
    scope: queue.id,
    roleDefinitionName: AZURE_ROLES.serviceBusDataReceiver,
    principalId: identity.principalId,
    principalType: 'ServicePrincipal',
  });
  return queue;
}
